"""`parcours import FILE -o MAP`: a map from a .csv, .xlsx or .json file; nothing written unless every row reads."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import say

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.errors import Issue, MapError
from tui.core.storage import check_output, read_bytes, write_output
from tui.core.validate import check, issues, parse
from tui.output.formats import UNREAD, reader
from tui.output.formats.map_toml import map_text, where
from tui.output.i18n import _


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.csv), Path(args.output)
    check_output(target, force=args.force, source=source)
    if source.suffix.lower() in UNREAD:
        raise MapError.at(source, f"is {UNREAD[source.suffix.lower()]}; save it as .xlsx or as CSV UTF-8 and import that")
    catalogues = load_catalogues(target)
    reading = reader(source.suffix)(source, read_bytes(source), catalogues, args.title)
    for problem in reading.problems:
        say(_("{problem} (ligne ignorée)").format(problem=problem) if args.skip_bad else problem)
    if reading.problems and not args.skip_bad:
        return 1  # nothing written: each bad row is reported above with its line
    if reading.problems and reading.empty:
        raise MapError.at(source, _("aucune ligne n'a pu être lue ; rien n'est écrit"))
    text = map_text(reading.data, source.name)
    try:
        MapDocument.from_text(target, text)  # never write a map that would not read back
    except MapError as error:
        raise MapError(_in_source(source, text, error.issue)) from None
    found = issues(target, text, check(parse(target, text), catalogues))
    if any(not issue.warning for issue in found):
        for issue in found:
            say(_in_source(source, text, issue))
        return 1
    write_output(target, text.encode("utf-8"), force=args.force, source=source)
    for issue in found:  # values outside the catalogues, ids that are not slugs: kept, as in the editor
        say(issue)
    return 0


def _in_source(source: Path, text: str, issue: Issue) -> Issue:
    """A problem of the map not written, said of the file imported and the place in the map
    (`stages[1].id`), rather than of a line of a file that does not exist."""
    place = where(text, issue.position.line) if issue.position is not None else ""
    return Issue(source, f"{place}: {issue.message}" if place else issue.message, None, issue.warning)
