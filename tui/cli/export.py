"""`parcours export MAP --to FORMAT [-o OUT]`: markdown, csv, xlsx, html, mermaid or json; `--schema` for json's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.formats import BINARY, FORMATS, Source, renderer
from tui.output.i18n import detect_lang
from tui.core.storage import atomic_write


def run(args: argparse.Namespace) -> int:
    if args.schema:
        from tui.output.formats.json_data import schema_text

        sys.stdout.write(schema_text())
        return 0
    if not args.map or not args.to:
        print("parcours export: MAP and --to FORMAT are required (or --schema alone)", file=sys.stderr)
        return 2
    if args.to not in FORMATS:
        print(f"parcours: unknown format '{args.to}' (choose {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    if args.excel and args.to != "csv":
        print(f"parcours export: --excel is for --to csv, not --to {args.to}", file=sys.stderr)
        return 2
    if args.to in BINARY and not args.output:
        print(f"parcours export: --to {args.to} writes a binary file: name it with -o FILE", file=sys.stderr)
        return 2
    path = Path(args.map)
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    lang = detect_lang(args.lang, document.map.locale)
    source = Source(document.map, catalogues, lang, text=document.text(), excel=args.excel)
    output = renderer(args.to)(source)
    if args.output:
        atomic_write(Path(args.output), output if isinstance(output, bytes) else output.encode("utf-8"))
    else:
        sys.stdout.write(output)
    return 0
