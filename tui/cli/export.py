"""`parcours export MAP --to FORMAT [-o OUT] [--force]`: markdown, csv, xlsx, html, mermaid or json;
`--schema` prints the JSON Schema of the json format.

`-o` follows the output rules of `tui.core.storage.write_output`: an existing
file only with `--force`, never the map itself, a FIFO or device written in place.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli import say
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.output.formats import BINARY, FORMATS, Source, Unwritable, renderer
from tui.output.i18n import _, detect_lang, use_language
from tui.core.storage import check_output, write_output


def run(args: argparse.Namespace) -> int:
    if args.schema:
        from tui.output.formats.json_data import schema_text

        sys.stdout.write(schema_text())
        return 0
    if not args.map or not args.to:
        say(_("parcours export : MAP et --to FORMAT sont obligatoires (ou --schema seul)"))
        return 2
    if args.to not in FORMATS:
        say(_("parcours : format inconnu '{format}' (au choix : {formats})").format(
            format=args.to, formats=", ".join(FORMATS)))
        return 2
    if args.excel and args.to != "csv":
        say(_("parcours export : --excel va avec --to csv, pas --to {format}").format(format=args.to))
        return 2
    if args.to in BINARY and not args.output:
        say(_("parcours export : --to {format} écrit un fichier binaire : nommez-le avec -o FICHIER").format(
            format=args.to))
        return 2
    path = Path(args.map)
    output = None if args.output is None else Path(args.output)
    if output is not None:
        check_output(output, force=args.force, source=path)  # before the work, not after
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    use_language(detect_lang(args.lang, document.map.locale, document=True))
    source = Source(document.map, catalogues, text=document.text(), excel=args.excel)
    try:
        drawn = renderer(args.to)(source)
    except Unwritable as error:
        raise MapError.at(path, str(error)) from None
    use_language(detect_lang(args.lang))  # the document is drawn: what is said now is the person's
    if output is not None:
        write_output(output, drawn if isinstance(drawn, bytes) else drawn.encode("utf-8"), force=args.force, source=path)
    else:
        sys.stdout.write(drawn)
    return 0
