"""`parcours import CSV -o MAP`: a map from a spreadsheet; nothing written unless every row reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.output.formats.csv_import import map_text, read_csv
from tui.core.document import MapDocument
from tui.core.errors import Issue, MapError
from tui.core.storage import check_output, read_text, write_output
from tui.core.validate import check, issues, parse

#: What to do about the two ways a spreadsheet saves text that is not UTF-8.
SAVE_AS_UTF8 = "; save it from the spreadsheet as « CSV UTF-8 »"


def _read(source: Path) -> str:
    """The CSV's text; Excel's plain « CSV » (Windows-1252) and « Unicode text » (UTF-16) get a hint."""
    try:
        return read_text(source)
    except MapError as error:
        issue = error.issue
        if "UTF-8" in issue.message or "NUL byte" in issue.message:
            message = "not valid UTF-8 text" if "UTF-8" in issue.message else "binary content (UTF-16?), not CSV text"
            raise MapError(Issue(issue.path, message + SAVE_AS_UTF8, issue.position)) from None
        raise


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.csv), Path(args.output)
    check_output(target, force=args.force, source=source)
    catalogues = load_catalogues(target)
    reading = read_csv(source, _read(source), catalogues, args.title or source.stem)
    for problem in reading.problems:
        print(f"{problem} (row skipped)" if args.skip_bad else problem, file=sys.stderr)
    if reading.problems and not args.skip_bad:
        return 1  # nothing written: each bad row is reported above with its line
    if not reading.jmap.stages:
        raise MapError.at(source, "no row could be read; nothing written")
    text = map_text(reading.jmap, source.name)
    MapDocument.from_text(target, text)  # never write a map that would not read back
    found = issues(target, text, check(parse(target, text), catalogues))
    if any(not issue.warning for issue in found):
        for issue in found:
            print(issue, file=sys.stderr)
        return 1
    write_output(target, text.encode("utf-8"), force=args.force, source=source)
    for issue in found:  # values outside the catalogues, ids that are not slugs: kept, as in the editor
        print(issue, file=sys.stderr)
    return 0
