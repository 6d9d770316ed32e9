"""`parcours export MAP --to FORMAT [-o OUT] [--force]`: markdown, csv, html, mermaid or json.

`-o` follows the output rules of `tui.core.storage.write_output`: an existing
file only with `--force`, never the map itself, a FIFO or device written in place.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.formats import FORMATS, renderer
from tui.output.i18n import detect_lang, use_language
from tui.core.storage import check_output, write_output


def run(args: argparse.Namespace) -> int:
    if args.to not in FORMATS:
        print(f"parcours: unknown format '{args.to}' (choose {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    path = Path(args.map)
    output = None if args.output is None else Path(args.output)
    if output is not None:
        check_output(output, force=args.force, source=path)  # before the work, not after
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    use_language(detect_lang(args.lang, document.map.locale, document=True))
    text = renderer(args.to)(document.map, catalogues)
    if output is not None:
        write_output(output, text.encode("utf-8"), force=args.force, source=path)
    else:
        sys.stdout.write(text)
    return 0
