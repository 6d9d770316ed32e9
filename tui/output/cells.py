"""What the editor's grid shows in each cell, computed from the model alone.

The grid has one row per touchpoint (a stage without touchpoints has one
empty row); `Row` says which stage and touchpoint a row stands for. Kept out
of the widget so the mapping and the cell texts are tested without Textual.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from rich.text import Text

from tui.core.catalogue import Catalogues
from tui.output.faces import Faces
from tui.output.i18n import GRID_COLUMNS
from tui.core.model import JourneyMap
from tui.output.visible import visible_line

KEYS = tuple(column.key for column in GRID_COLUMNS)
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


class Rows(Sequence[Row]):
    """The grid's rows without an object per row: where each stage's rows start.

    Made in O(stages) for every edit; a row is found by bisection and a
    touchpoint's row by addition, so a map of 30,000 touchpoints costs what
    its ten stages cost (a list of rows cost 30 ms to make and to search).
    """

    def __init__(self, counts: Sequence[int] = ()) -> None:
        """`counts`: how many touchpoints each stage has, in map order."""
        self._counts = tuple(counts)
        self._starts: list[int] = []
        total = 0
        for count in self._counts:
            self._starts.append(total)
            total += max(1, count)
        self._total = total

    def __len__(self) -> int:
        return self._total

    @property
    def counts(self) -> tuple[int, ...]:
        """How many touchpoints each stage has: the shape of the rows."""
        return self._counts

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        stage = bisect_right(self._starts, index) - 1
        return Row(stage, index - self._starts[stage] if self._counts[stage] else None)

    def __iter__(self) -> Iterator[Row]:
        for stage, count in enumerate(self._counts):
            if count:
                yield from (Row(stage, t) for t in range(count))
            else:
                yield Row(stage, None)

    def index_of(self, stage: int, touchpoint: int | None) -> int:
        """The row of a touchpoint, or its stage's first row when it is gone (the last row without the stage)."""
        if not 0 <= stage < len(self._starts):
            return max(0, self._total - 1)
        if touchpoint is not None and 0 <= touchpoint < self._counts[stage]:
            return self._starts[stage] + touchpoint
        return self._starts[stage]


def rows_of(jmap: JourneyMap) -> Rows:
    return Rows([len(stage.touchpoints) for stage in jmap.stages])


def first_row_of_stage(rows: Rows, stage: int) -> int:
    return rows.index_of(stage, None)


def row_index(rows: Rows, stage: int, touchpoint: int | None) -> int:
    """The grid row of a touchpoint, or the stage's first row when it is gone."""
    return rows.index_of(stage, touchpoint)


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
