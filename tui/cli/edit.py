"""`parcours [MAP]`: open the editor.

The map is read and checked before Textual starts, so a bad map fails with
one line and exit 1, and the terminal is never left in the app's state. A
missing MAP starts from the template and is written on first save.

The first editor on a map hosts its live session, and every later one joins
it (`tui.core.live.link`): no flag, no question. Only a host (or an editor
alone) offers the journals of lost sessions back.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from tui.cli import say
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.output.i18n import _, detect_lang, use_language
from tui.core.recovery import Recovery, orphans
from tui.core.storage import status
from tui.output.template import template_text


def open_document(path: Path) -> MapDocument:
    """The map at `path`, or the template in the interface language when there is none yet."""
    if status(path, "open") is not None or os.path.islink(path):
        return MapDocument.load(path)
    if status(path.parent, "open") is None:
        raise MapError.at(path, _("le dossier {folder} n'existe pas").format(folder=path.parent))
    text = template_text(load_catalogues(path))
    return MapDocument.from_text(path, text, on_disk=False)


def _recoveries(path: Path) -> list[Recovery]:
    """Edits lost sessions left; a damaged journal is set aside, never a reason not to open."""
    found, errors = orphans(path)
    for error in errors:
        say(error)
    return found


def _has_terminal() -> bool:
    """Whether stdin and stdout are a terminal, or Textual was given another driver (`serve`'s web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _no_terminal(name: str | None) -> int:
    """Say so in one line before Textual starts, rather than drawing into a pipe or a file."""
    target = shlex.quote(name) if name else "MAP"
    say(_("parcours : l'éditeur a besoin d'un terminal en entrée et en sortie ; pour afficher la carte : "
            "parcours show {target}").format(target=target))
    return 2


def run(args: argparse.Namespace) -> int:
    if args.map is None and not _has_terminal():
        return _no_terminal(None)
    use_language(detect_lang(args.lang))  # the picker's and a new map's words: no map's locale yet
    if args.map is None:
        from tui.app.picker_app import pick_map

        chosen = pick_map()
        if chosen is None:
            return 0
        args.map = str(chosen)
    path = Path(args.map)
    document = open_document(path)  # a bad map is exit 1 with its line, terminal or not
    if not _has_terminal():
        return _no_terminal(args.map)
    catalogues = load_catalogues(path)
    use_language(detect_lang(args.lang, document.map.locale))
    link = open_link(path, document, args.name, args.read_only, served=args.served)

    recoveries = [] if args.read_only or link.role == "participant" else _recoveries(path)

    from tui.app.app import ParcoursApp

    app = ParcoursApp(None, catalogues, ascii_faces=args.ascii, read_only=args.read_only,
                      recoveries=recoveries, save_folder=path.absolute().parent if args.served else None, link=link)
    try:
        app.run()
    finally:
        link.stop()
    return app.return_code or 0


def open_link(path: Path, document: MapDocument, name: str | None, read_only: bool,
              served: bool = False, observer: bool = False):  # -> Link
    """Host the map's live session, or join it; a host that holds it but does not answer is exit 1.
    A new map the host never saved is taken over as the template, in the interface language."""
    from tui.core.live.link import Link, NoHost, login_name

    if name is None and served:
        name = f"{login_name()} (web)"
    try:
        return Link.open(path, document, name=name, read_only=read_only, observer=observer,
                         new_map=lambda: template_text(load_catalogues(path)))
    except NoHost as error:
        stuck = _("{error} ; s'il est bloqué, quittez ce parcours et réessayez").format(error=error)
        raise MapError.at(path, stuck) from None
