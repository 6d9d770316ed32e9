"""`parcours import CSV -o MAP`: a map from a spreadsheet; nothing written unless every row reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.catalogue import load_catalogues
from tui.csv_import import map_text, read_csv
from tui.document import MapDocument
from tui.errors import MapError
from tui.storage import atomic_write, read_text


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.csv), Path(args.output)
    if target.exists() and not args.force:
        raise MapError.at(target, "already exists; use --force to overwrite it")
    catalogues = load_catalogues(target)
    reading = read_csv(source, read_text(source), catalogues, args.title or source.stem)
    for problem in reading.problems:
        print(problem, file=sys.stderr)
    if reading.problems and not args.skip_bad:
        return 1  # nothing written: each bad row is reported above with its line
    text = map_text(reading.jmap, source.name)
    MapDocument.from_text(target, text)  # never write a map that would not read back
    atomic_write(target, text.encode("utf-8"))
    return 0
