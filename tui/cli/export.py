"""`parcours export MAP --to FORMAT [-o OUT]`: markdown, csv, html, mermaid or json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.formats import FORMATS, renderer
from tui.output.i18n import detect_lang, use_language
from tui.core.storage import atomic_write


def run(args: argparse.Namespace) -> int:
    if args.to not in FORMATS:
        print(f"parcours: unknown format '{args.to}' (choose {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    path = Path(args.map)
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    use_language(detect_lang(args.lang, document.map.locale, document=True))
    text = renderer(args.to)(document.map, catalogues)
    if args.output:
        atomic_write(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0
