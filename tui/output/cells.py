"""What the editor's grid shows in each cell, computed from the model alone.

The grid has one row per touchpoint (a stage without touchpoints has one
empty row); `Row` says which stage and touchpoint a row stands for. Kept out
of the widget so the mapping and the cell texts are tested without Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from tui.core.catalogue import Catalogues
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS
from tui.core.model import JourneyMap
from tui.output.visible import visible_line

KEYS = tuple(column.key for column in COLUMNS)
#: Columns whose value belongs to the stage rather than to the touchpoint.
STAGE_KEYS = ("stage", "situation")
#: Columns edited with the catalogue picker.
CATALOGUE_KEYS = ("channel", "support", "type")


@dataclass(frozen=True)
class Row:
    """A grid row: its stage, and its touchpoint (None for a stage with no touchpoint)."""

    stage: int
    touchpoint: int | None

    @property
    def first(self) -> bool:
        return self.touchpoint in (None, 0)


def rows_of(jmap: JourneyMap) -> list[Row]:
    rows: list[Row] = []
    for s, stage in enumerate(jmap.stages):
        if stage.touchpoints:
            rows.extend(Row(s, t) for t in range(len(stage.touchpoints)))
        else:
            rows.append(Row(s, None))
    return rows


def first_row_of_stage(rows: list[Row], stage: int) -> int:
    for index, row in enumerate(rows):
        if row.stage == stage:
            return index
    return max(0, len(rows) - 1)


def row_index(rows: list[Row], stage: int, touchpoint: int | None) -> int:
    """The grid row of a touchpoint, or the stage's first row when it is gone."""
    for index, row in enumerate(rows):
        if row.stage == stage and (touchpoint is None or row.touchpoint == touchpoint):
            return index
    return first_row_of_stage(rows, stage)


def raw_value(jmap: JourneyMap, row: Row, key: str) -> str | int | None:
    """The stored value behind a cell (an id for catalogue columns)."""
    stage = jmap.stages[row.stage]
    if key == "stage":
        return stage.name
    if key == "situation":
        return stage.situation
    if row.touchpoint is None:
        return None if key == "emotion" else ""
    return stage.touchpoints[row.touchpoint].get(key)


def full_text(jmap: JourneyMap, row: Row, key: str, catalogues: Catalogues) -> str:
    """The whole text of a cell, as stored (search looks in it); `visible_line` it to show it."""
    value = raw_value(jmap, row, key)
    if key == "emotion":
        return "" if value is None else str(value)
    if key in CATALOGUE_KEYS and value:
        return catalogues.label(key, str(value))
    return str(value or "")


def cell(jmap: JourneyMap, row: Row, key: str, catalogues: Catalogues, faces: Faces, width: int) -> Text:
    """A cell cut to `width` with an ellipsis; stage cells only on the stage's first row."""
    if key in STAGE_KEYS and not row.first:
        return Text("")
    value = raw_value(jmap, row, key)
    if key == "emotion":
        if row.touchpoint is None:
            return Text("")
        return Text(faces.cell(value), style="" if value is not None else "dim")
    # The terminal gate for the grid: the cell's text is shown, never obeyed (ESC, bidi), and
    # cut after, so the cut counts what is drawn. Line breaks read as spaces in a one-line cell.
    text = visible_line(full_text(jmap, row, key, catalogues).replace("\n", " "))
    style = "bold" if key == "stage" else ""
    if key in CATALOGUE_KEYS and value and not catalogues.knows(key, str(value)):
        text, style = f"{text} ?", "italic"
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…"
    return Text(text, style=style)
