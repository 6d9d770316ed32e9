"""The `parcours` command line (CONTRACT §2).

The parser is declared here in full, and each command's module is imported
only when it runs, so `show` and `validate` start without loading the editor.
Exit codes: 0 success, 1 invalid input or failed validation, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from tui import __version__
from tui.core.errors import MapError

COMMANDS = ("new", "show", "validate", "export", "import", "diff", "serve", "catalog")
EXPORT_FORMATS = ("markdown", "csv", "xlsx", "html", "mermaid", "json")
CATALOGUES = ("stages", "supports", "channels", "types", "touchpoints")


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line usage hint instead of a wall of text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        usage = " ".join(self.format_usage().removeprefix("usage: ").split())  # one line, whatever COLUMNS says
        self.exit(2, f"{self.prog}: {message}\nusage: {usage}\n")

    #: The dest of a `nargs="*"` positional that also takes the words found after options
    #: (`diff OLD --lang en NEW`), which argparse alone would call unrecognized.
    gather: str | None = None

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        namespace, extras = super().parse_known_args(args, namespace)
        if self.gather:
            getattr(namespace, self.gather).extend(e for e in extras if not e.startswith("-"))
            extras = [e for e in extras if e.startswith("-")]
        return namespace, extras


def _width(text: str) -> int:
    """Columns for `show`: below 20 nothing reads, so it is a usage error rather than a squeezed map."""
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if width < 20:
        raise argparse.ArgumentTypeError("must be at least 20")
    return width


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("fr", "en"), help="language of the labels (default: the map's locale, else LANG)")


def editor_parser() -> Parser:
    parser = Parser(prog="parcours", description="Edit a customer journey map in the terminal.",
                    epilog=f"commands: {', '.join(COMMANDS)} (parcours COMMAND --help)")
    parser.add_argument("map", nargs="?", help="the map to edit (created on first save if missing)")
    _lang(parser)
    parser.add_argument("--ascii", action="store_true", help="ASCII faces instead of emoji")
    parser.add_argument("--read-only", action="store_true", help="view without editing")
    parser.add_argument("--version", action="version", version=f"parcours {__version__}")
    return parser


def command_parser() -> Parser:
    parser = Parser(prog="parcours")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    new = sub.add_parser("new", help="write a map with the ten template stages")
    new.add_argument("map")
    new.add_argument("--title")
    new.add_argument("--persona")
    _lang(new)
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    show = sub.add_parser("show", help="print the map for reading in a terminal")
    show.add_argument("map")
    show.add_argument("--width", type=_width, help="columns, at least 20 (default: the terminal's width)")
    _lang(show)
    show.add_argument("--ascii", action="store_true", help="ASCII faces instead of emoji")

    validate = sub.add_parser("validate", help="check maps; errors as FILE:LINE:COL: message")
    validate.add_argument("maps", nargs="+", metavar="map")
    validate.add_argument("--strict", action="store_true", help="values missing from the catalogues are errors")

    export = sub.add_parser("export", help="write the map as markdown, csv, xlsx, html, mermaid or json",
                            usage="parcours export [-h] MAP --to FORMAT [-o OUT] [--excel] [--lang {fr,en}] | --schema")
    export.add_argument("map", nargs="?", help="the map to export (not with --schema)")
    export.add_argument("--to", metavar="FORMAT", help=f"one of: {', '.join(EXPORT_FORMATS)}")
    export.add_argument("-o", "--output", help="file to write (default: stdout; required for xlsx)")
    export.add_argument("--excel", action="store_true", help="csv: write number- and date-like text so spreadsheets keep it as text")
    export.add_argument("--schema", action="store_true", help="print the JSON Schema of --to json and exit")
    _lang(export)

    imp = sub.add_parser("import", help="build a map from a .csv, .xlsx or .json file written by export")
    imp.add_argument("csv", metavar="FILE", help="a .csv (commas or semicolons), .xlsx or .json file")
    imp.add_argument("-o", "--output", required=True, help="the map to write")
    imp.add_argument("--title", help="title of the new map (default: the file's own, else its name)")
    imp.add_argument("--skip-bad", action="store_true", help="write the rows that read, report the others")
    imp.add_argument("--force", action="store_true", help="overwrite an existing map")

    diff = sub.add_parser("diff", help="what changed between two maps, in journey terms",
                          usage="parcours diff [-h] [--lang {fr,en}] OLD NEW")
    # Any count here: git's external diff passes 7, 9 or 1 arguments; the command checks them.
    diff.add_argument("files", nargs="*", metavar="OLD NEW", help="the map before and the map after")
    diff.gather = "files"
    _lang(diff)

    serve = sub.add_parser("serve", help="the editor in a browser on localhost")
    serve.add_argument("map")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="localhost")
    serve.add_argument("--read-only", action="store_true")
    _lang(serve)

    catalog = sub.add_parser("catalog", help="list the catalogues, or one catalogue's entries")
    catalog.add_argument("name", nargs="?", choices=CATALOGUES)
    catalog.add_argument("--map", help="also read the catalog/ folders beside this map")
    _lang(catalog)
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


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        args = command_parser().parse_args(args_list)
        module = "importer" if args.command == "import" else args.command
    else:
        args = editor_parser().parse_args(args_list)
        module = "edit"
    runner = importlib.import_module(f"tui.cli.{module}")
    try:
        return runner.run(args)
    except MapError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
