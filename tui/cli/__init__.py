"""The `parcours` command line (CONTRACT §2).

The parser is declared here in full, and each command's module is imported
only when it runs, so `show` and `validate` start without loading the editor.
Exit codes: 0 success, 1 invalid input or failed validation, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import importlib
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from tui import __version__
from tui.core.errors import MapError
from tui.output.visible import visible_line

COMMANDS = ("new", "show", "validate", "export", "import", "diff", "serve", "join", "catalog")
EXPORT_FORMATS = ("markdown", "csv", "xlsx", "html", "mermaid", "json")
CATALOGUES = ("stages", "supports", "channels", "types", "touchpoints")


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line usage hint instead of a wall of text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        usage = " ".join(self.format_usage().removeprefix("usage: ").split())  # one line, whatever COLUMNS says
        self.exit(2, f"{self.prog}: {visible_line(message)}\nusage: {usage}\n")


#: Columns `show` accepts: below 20 nothing reads; past 1000 no screen shows it, and a
#: huge width makes Rich pad every line to it (100000000 took 1.5 GB).
WIDTHS = range(20, 1001)


def say(line: object, stream: TextIO | None = None) -> None:
    """Print one line for a person (stderr by default) through the terminal gate.

    Every message the command line prints goes through here: an error names a
    file, and a file name, a value or an argument may hold ESC, a bidi override
    or a newline, which `visible_line` shows rather than obeys, so an error
    stays one line and cannot retitle or clear the terminal.
    """
    print(visible_line(str(line)), file=stream or sys.stderr)


def terminal_width() -> int:
    """The terminal's columns (or COLUMNS), held to WIDTHS: `COLUMNS=100000000` is no more a runaway than --width."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return min(max(columns, WIDTHS.start), WIDTHS.stop - 1)


def _width(text: str) -> int:
    """Columns for `show`, a usage error outside WIDTHS rather than a squeezed or runaway map."""
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if width not in WIDTHS:
        raise argparse.ArgumentTypeError(f"must be from {WIDTHS.start} to {WIDTHS.stop - 1}, not {text}")
    return width


def _lang(parser: argparse.ArgumentParser, default: str = "the map's locale, else LANG") -> None:
    """`--lang`; `default` says what decides without it (see `tui.output.i18n.detect_lang`)."""
    parser.add_argument("--lang", choices=("fr", "en"), help=f"language of the labels (default: {default})")


def _name(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", type=_participant_name,
                        help="your name in a live session (default: your login name)")


def _participant_name(text: str) -> str:
    """A name others see beside your cursor: one line, at most 64 characters."""
    name = " ".join(text.split())
    if not name or len(name) > 64:
        raise argparse.ArgumentTypeError("must be 1 to 64 characters")
    return name


def editor_parser() -> Parser:
    parser = Parser(prog="parcours", description="Edit a customer journey map in the terminal.",
                    epilog=f"commands: {', '.join(COMMANDS)} (parcours COMMAND --help)")
    parser.add_argument("map", nargs="?", help="the map to edit (created on first save if missing)")
    _lang(parser, "LANG, else the map's locale")
    parser.add_argument("--ascii", action="store_true", help="ASCII faces instead of emoji")
    parser.add_argument("--read-only", action="store_true", help="view without editing")
    _name(parser)
    # Set by `parcours serve` for its browser sessions: save-as confined to the map's folder.
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"parcours {__version__}")
    return parser


DIFF_HELP = "what changed between two maps, in journey terms"
DIFF_USAGE = "parcours diff [-h] [--lang {fr,en}] OLD NEW"


def _diff_arguments(parser: argparse.ArgumentParser) -> None:
    # Any count here: git's external diff passes 7, 9 or 1 arguments; the command checks them.
    parser.add_argument("files", nargs="*", metavar="OLD NEW", help="the map before and the map after")
    _lang(parser)


def diff_parser() -> Parser:
    """`diff` alone, for `parse_intermixed_args`: its maps may stand on both sides of an option
    (`diff OLD --lang en NEW`), which argparse's subparsers cannot take."""
    parser = Parser(prog="parcours diff", description=DIFF_HELP, usage=DIFF_USAGE)
    _diff_arguments(parser)
    return parser


def command_parser() -> Parser:
    parser = Parser(prog="parcours")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    new = sub.add_parser("new", help="write a map with the ten template stages")
    new.add_argument("map")
    new.add_argument("--title")
    new.add_argument("--persona")
    _lang(new, "LANG")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    show = sub.add_parser("show", help="print the map for reading in a terminal")
    show.add_argument("map")
    show.add_argument("--width", type=_width, help="columns, 20 to 1000 (default: the terminal's width)")
    _lang(show)
    show.add_argument("--ascii", action="store_true", help="ASCII faces instead of emoji")

    validate = sub.add_parser("validate", help="check maps; errors as FILE:LINE:COL: message")
    validate.add_argument("maps", nargs="+", metavar="map")
    validate.add_argument("--strict", action="store_true", help="values missing from the catalogues are errors")
    _lang(validate, "LANG")

    export = sub.add_parser("export", help="write the map as markdown, csv, xlsx, html, mermaid or json",
                            usage="parcours export [-h] MAP --to FORMAT [-o OUT] [--force] [--excel] [--lang {fr,en}] | --schema")
    export.add_argument("map", nargs="?", help="the map to export (not with --schema)")
    export.add_argument("--to", metavar="FORMAT", help=f"one of: {', '.join(EXPORT_FORMATS)}")
    export.add_argument("-o", "--output", help="file to write (default: stdout; required for xlsx)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--excel", action="store_true", help="csv: write number- and date-like text so spreadsheets keep it as text")
    export.add_argument("--schema", action="store_true", help="print the JSON Schema of --to json and exit")
    _lang(export)

    imp = sub.add_parser("import", help="build a map from a .csv, .xlsx or .json file written by export")
    imp.add_argument("csv", metavar="FILE", help="a .csv (commas or semicolons), .xlsx or .json file")
    imp.add_argument("-o", "--output", required=True, help="the map to write")
    imp.add_argument("--title", help="title of the new map (default: the file's own, else its name)")
    imp.add_argument("--skip-bad", action="store_true", help="write the rows that read, report the others")
    imp.add_argument("--force", action="store_true", help="overwrite an existing map")

    _diff_arguments(sub.add_parser("diff", help=DIFF_HELP, usage=DIFF_USAGE))

    serve = sub.add_parser("serve", help="the editor in a browser, behind a secret link")
    serve.add_argument("map")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--max-clients", type=int, default=8, metavar="N", help="browser sessions at once (default: 8)")
    serve.add_argument("--read-only", action="store_true", help="every session only views")
    _lang(serve, "LANG, else the map's locale")

    join = sub.add_parser("join", help="take part, from a terminal, in the live session a serve link names")
    join.add_argument("url", help="the edit link serve printed (http://…/?token=…)")
    _name(join)
    _lang(join, "LANG, else the map's locale")
    join.add_argument("--ascii", action="store_true", help="ASCII faces instead of emoji")

    catalog = sub.add_parser("catalog", help="list the catalogues, or one catalogue's entries")
    catalog.add_argument("name", nargs="?", choices=CATALOGUES)
    catalog.add_argument("--map", help="also read the catalog/ folders beside this map")
    _lang(catalog, "LANG")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # No cyclic garbage collection while starting: imports and building the screen make
    # hundreds of thousands of objects and almost no garbage, and the collector walking
    # them was a tenth of the editor's first paint. The editor turns it back on after its
    # first paint; commands are over before it would matter.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def unknown_command(word: str) -> str | None:
    """The line for a first word that names neither a command nor a map (CONTRACT §2), else None.

    An existing file of any name opens in the editor, and a missing `*.toml`
    starts a new map from the template; anything else is most likely a typo.
    """
    if word in COMMANDS or word.endswith(".toml"):
        return None
    try:
        os.lstat(word)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        pass
    except OSError:  # there, or at least not provably absent (a name too long): the editor says why
        return None
    else:
        return None
    from tui.output.i18n import _

    near = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = _("vouliez-vous dire '{command}' ?").format(command=near[0]) if near else \
        _("commandes : {commands}").format(commands=", ".join(COMMANDS))
    return _("parcours : commande inconnue '{word}' ({hint})").format(word=word, hint=hint)


def _speak(args_list: list[str]) -> None:
    """Speak the person's language (`--lang`, else the environment) from the first line said;
    a command that reads a map may then choose again with its locale."""
    from tui.output.i18n import detect_lang, use_language

    lang = next((args_list[i + 1] for i, a in enumerate(args_list[:-1]) if a == "--lang"), None)
    lang = lang or next((a.partition("=")[2] for a in args_list if a.startswith("--lang=")), None)
    use_language(detect_lang(lang))


def _run(args_list: list[str]) -> int:
    _speak(args_list)
    if args_list[:1] == ["diff"]:
        args = diff_parser().parse_intermixed_args(args_list[1:], argparse.Namespace(command="diff"))
        module = "diff"
    elif args_list and args_list[0] in COMMANDS:
        args = command_parser().parse_args(args_list)
        module = "importer" if args.command == "import" else args.command
    else:
        # The first word is looked at before parsing (`shwo MAP` is a typo, not two maps),
        # the map after it (`--read-only shwo`).
        first = args_list[0] if args_list and not args_list[0].startswith("-") else None
        unknown = first is not None and unknown_command(first)
        if not unknown:
            args = editor_parser().parse_args(args_list)
            unknown = args.map is not None and unknown_command(args.map)
        if unknown:
            say(unknown)
            return 2
        module = "edit"
    runner = importlib.import_module(f"tui.cli.{module}")
    return runner.run(args)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # started with stdout closed (`>&-`): output goes nowhere, as `print` does
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    try:
        try:
            code = _run(args_list)
        except SystemExit:  # argparse's --help, --version and usage lines: flushed here too
            sys.stdout.flush()
            raise
        sys.stdout.flush()  # here, not at exit, where a full disk or a closed pipe would be a traceback
        return code
    except MapError as error:
        say(error)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader had enough (`| head`): not an error, and nothing to say
        _drop_stdout()
        return 0
    except OSError as error:
        _speak(args_list)  # a document's language may have been chosen meanwhile: this line is the person's
        if error.filename is not None:
            say(f"parcours: {error.filename}: {error.strerror or error}")
        else:  # a file's problems are MapErrors with its name; what is left is writing stdout
            from tui.output.i18n import _

            say(_("parcours : écriture impossible sur la sortie standard : {why}").format(why=error.strerror or error))
        _drop_stdout()
        return 1


def _drop_stdout() -> None:
    """Point stdout at the null device, so the flush at exit has nowhere left to fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
