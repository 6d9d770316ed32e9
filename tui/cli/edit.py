"""`parcours [MAP]`: open the editor.

The map is read and checked before Textual starts, so a bad map fails with
one line and exit 1, and the terminal is never left in the app's state. A
missing MAP starts from the template and is written on first save.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.output.i18n import detect_lang, use_language
from tui.core.recovery import Recovery, orphans
from tui.output.template import template_text


def open_document(path: Path) -> MapDocument:
    """The map at `path`, or the template in the interface language when there is none yet."""
    if path.exists() or path.is_symlink():
        return MapDocument.load(path)
    if not path.parent.is_dir():
        raise MapError.at(path, f"folder {path.parent} does not exist")
    text = template_text(load_catalogues(path))
    return MapDocument.from_text(path, text, on_disk=False)


def _recoveries(path: Path) -> list[Recovery]:
    """Edits lost sessions left; a damaged journal is set aside, never a reason not to open."""
    found, errors = orphans(path)
    for error in errors:
        print(error, file=sys.stderr)
    return found


def run(args: argparse.Namespace) -> int:
    use_language(detect_lang(args.lang))  # the picker's and a new map's words: no map's locale yet
    if args.map is None:
        from tui.app.picker_app import pick_map

        chosen = pick_map()
        if chosen is None:
            return 0
        args.map = str(chosen)
    path = Path(args.map)
    document = open_document(path)
    catalogues = load_catalogues(path)
    use_language(detect_lang(args.lang, document.map.locale))

    recoveries = [] if args.read_only else _recoveries(path)

    from tui.app.app import ParcoursApp

    app = ParcoursApp(document, catalogues, ascii_faces=args.ascii, read_only=args.read_only,
                      recoveries=recoveries, save_folder=path.absolute().parent if args.served else None)
    app.run()
    return app.return_code or 0
