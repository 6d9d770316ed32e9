"""The grid's columns: how wide at a given grid width, and where sideways scrolling may stop.

The Étape column is frozen at the left and the others scroll under it by
whole columns: every scroll offset is the start of a column, so no column is
ever cut at the left edge, and the last offset is the first column from which
all the rest fit, so the last column can always be read whole (the space
after it stays blank, as in a spreadsheet). Moving the cursor onto a column
that is not all in view brings in the fewest whole columns that show it.

Widths go by the grid's own width, not the terminal's: beside the catalogue
panel at 120 columns the grid is narrower than alone at 80. Cells longer
than their column end in "…"; the cell bar under the grid shows the
whole value of the cell under the cursor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from tui.output.cells import KEYS

#: (narrowest grid, text width of each column). Étape fits the ten template stage names; from
#: 0, Étape and five more columns show whole in an 80-column terminal (there were 78 beside a
#: scrollbar, which the grid no longer has); from 88 (beside the catalogue panel at 120), the same a little wider.
WIDTHS: tuple[tuple[int, dict[str, int]], ...] = (
    (0, {"stage": 15, "situation": 12, "channel": 9, "support": 9, "response": 13, "type": 8,
         "who": 11, "emotion": 7, "pain": 14, "opportunity": 14}),
    (88, {"stage": 15, "situation": 14, "channel": 11, "support": 11, "response": 16, "type": 8,
          "who": 12, "emotion": 7, "pain": 16, "opportunity": 16}),
    (120, {"stage": 15, "situation": 16, "channel": 14, "support": 14, "response": 22, "type": 12,
           "who": 14, "emotion": 7, "pain": 18, "opportunity": 18}),
    (180, {"stage": 15, "situation": 22, "channel": 18, "support": 18, "response": 30, "type": 15,
           "who": 16, "emotion": 7, "pain": 24, "opportunity": 24}),
)
#: Blank cells on each side of a column's text (DataTable's `cell_padding`).
PADDING = 1
#: How many columns stay put at the left (the Étape column).
FROZEN = 1


@dataclass(frozen=True)
class Columns:
    """The columns at one grid width: text widths, and where each column lies in a full row."""

    widths: tuple[int, ...]
    keys: tuple[str, ...] = KEYS

    @classmethod
    def for_width(cls, width: int) -> Columns:
        table = next(widths for least, widths in reversed(WIDTHS) if width >= least)
        return cls(tuple(table[key] for key in KEYS))

    @cached_property
    def spans(self) -> tuple[int, ...]:
        """Each column's width on screen, padding included."""
        return tuple(width + 2 * PADDING for width in self.widths)

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """Where each column starts in a full row."""
        starts, x = [], 0
        for span in self.spans:
            starts.append(x)
            x += span
        return tuple(starts)

    @property
    def fixed(self) -> int:
        """The width of the frozen columns."""
        return self.starts[FROZEN]

    @property
    def total(self) -> int:
        return self.starts[-1] + self.spans[-1]

    def stops(self, view: int) -> tuple[int, ...]:
        """The scroll offsets allowed when `view` cells show beside the frozen columns."""
        stops = []
        for start in self.starts[FROZEN:]:
            stops.append(start - self.fixed)
            if self.total - start <= view:
                break
        return tuple(stops)

    def snap(self, value: float, old: float, view: int) -> int:
        """The stop nearest `value` in the direction it moved from `old` (a wheel or a dragged scrollbar)."""
        stops = self.stops(view)
        if value <= old:
            return stops[max(0, bisect_right(stops, value) - 1)]
        return stops[min(len(stops) - 1, bisect_left(stops, value))]

    def scroll_to_show(self, column: int, scroll: int, view: int) -> int:
        """The scroll offset that shows `column` whole, moving as little as it can from `scroll`."""
        if column < FROZEN:
            return scroll
        start = self.starts[column] - self.fixed
        end = start + self.spans[column]
        if start < scroll or end - scroll > view:
            stops = self.stops(view)
            return start if start < scroll else next((s for s in stops if end - s <= view and s <= start), start)
        return scroll

    def column_at(self, x: int, scroll: int) -> int | None:
        """The column under `x` cells from the grid's left edge; None right of the last one."""
        if x < self.fixed:
            return bisect_right(self.starts, x) - 1
        x += scroll
        if x >= self.total:
            return None
        return bisect_right(self.starts, x) - 1
