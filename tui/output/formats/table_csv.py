"""CSV for spreadsheets: one row per touchpoint, opening cleanly in Excel and LibreOffice.

UTF-8 with the byte-order mark Excel needs to see accents, CRLF line ends and
the csv module's quoting (commas, quotes and line breaks inside a cell).
Catalogue columns hold labels (what people read); `parcours import` maps
labels or ids back. A stage with no touchpoint is one row with empty
touchpoint columns, so it survives a round trip.

A spreadsheet reads a cell starting with `=`, `+`, `-` or `@` as a formula: a
response like "- relance par courriel" would show as an error, and a crafted
one could run. Such text cells get a leading apostrophe, which spreadsheets
take as "this is text" and `parcours import` removes.
"""

from __future__ import annotations

import csv
import io

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap

COLUMNS = ("stage_id", "stage", "situation", "channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
BOM = "\ufeff"
#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def as_text(text: str) -> str:
    """The cell for a text value: an apostrophe in front of what would read as a formula."""
    return "'" + text if _looks_like_formula(text) else text


def from_text(cell: str) -> str:
    """The inverse of `as_text`, for import."""
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell[1:]) else cell


def render(jmap: JourneyMap, catalogues: Catalogues) -> str:
    """The CSV, catalogue columns in the interface language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for stage in jmap.stages:
        base = [as_text(stage.id), as_text(stage.name), as_text(stage.situation)]
        if not stage.touchpoints:
            writer.writerow(base + [""] * (len(COLUMNS) - 3))
        for tp in stage.touchpoints:
            writer.writerow(base + [
                as_text(catalogues.label("channel", tp.channel)),
                as_text(catalogues.label("support", tp.support)),
                as_text(tp.response),
                as_text(catalogues.label("type", tp.type)),
                as_text(tp.who),
                "" if tp.emotion is None else str(tp.emotion),
                as_text(tp.pain),
                as_text(tp.opportunity),
            ])
    return BOM + out.getvalue()
