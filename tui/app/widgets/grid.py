"""The map as a grid: a DataTable that is told what changed and redraws only that.

A field edit redraws one row. An insert or a delete shifts every row below
it, and DataTable cannot insert in the middle: the rows from the change down
are marked stale, those on screen are redrawn at once, and the others when
they scroll into view, so an edit at the top of 3,000 rows costs what one
screenful costs. The whole table is filled once, when the map is loaded.

DataTable keys all its render caches on one table-wide counter, so changing
any cell re-renders every cell on screen (20 ms and more, over the frame
budget). The grid keeps its own cache of rendered lines, keyed on what each
row shows: after an edit only the edited row, the cursor's row and the header
are rendered again, and rows shifted by an insert are drawn from the cache,
since each shows what its neighbour showed.
"""

from __future__ import annotations

from rich.text import Text
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

from tui.app.widgets.presence import mark
from tui.core.catalogue import Catalogues
from tui.output.cells import KEYS, Row, cell, rows_of
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS
from tui.core.model import JourneyMap

#: Column widths: catalogue words fit whole; long text ends in an ellipsis.
WIDTHS = {"stage": 15, "situation": 22, "channel": 18, "support": 18, "response": 30, "type": 15, "who": 16, "emotion": 7}


#: Component styles that colour rows away from the cursor (a theme change alters them).
_ROW_STYLES = ("datatable--odd-row", "datatable--even-row", "datatable--fixed")


def _content(cells: list[Text]) -> tuple[tuple[str, str], ...]:
    return tuple((value.plain, str(value.style)) for value in cells)


def _shape(jmap: JourneyMap) -> list[int]:
    """How many touchpoints each stage has: while it stays the same, so do the grid's rows."""
    return [len(stage.touchpoints) for stage in jmap.stages]


class JourneyGrid(DataTable):
    """One row per touchpoint, grouped by stage; the Étape column stays put when scrolling."""

    def __init__(self, catalogues: Catalogues, lang: str, faces: Faces, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, fixed_columns=1, **kwargs)
        self.catalogues = catalogues
        self.lang = lang
        self.faces = faces
        self.jmap: JourneyMap | None = None
        self.rows_model: list[Row] = []
        #: How many touchpoints each stage had when `rows_model` was made.
        self._shape: list[int] = []
        #: Rows whose cells still show what was there before an insert or delete shifted them.
        self._stale: set[int] = set()
        #: What each row of the table holds, as text and style per cell: the key of its painted line.
        self._shown: dict[int, tuple] = {}
        self._lines: LRUCache[tuple, Strip] = LRUCache(2000)
        #: What every line's look depends on besides its row (set for each render).
        self._look: tuple = ()
        #: Other participants' cursors in a live session: row -> column -> colour (see `show_presence`).
        self._marks: dict[int, dict[int, str]] = {}

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(column.label(self.lang), width=WIDTHS[column.key], key=column.key)

    def _cells(self, row: Row) -> list:
        assert self.jmap is not None
        return [cell(self.jmap, row, key, self.catalogues, self.lang, self.faces, WIDTHS[key]) for key in KEYS]

    def show_map(self, jmap: JourneyMap) -> None:
        """Fill the table from scratch: on load and on reload from disk only."""
        self.jmap = jmap
        self.rows_model = rows_of(jmap)
        self._shape = _shape(jmap)
        self._stale.clear()
        self._lines.clear()
        self._marks = {}  # the rows are new: the screen marks them again
        self.clear()
        cells = [self._cells(row) for row in self.rows_model]
        self._shown = {index: _content(row) for index, row in enumerate(cells)}
        self.add_rows(cells)

    def show_presence(self, marks: dict[int, dict[int, str]]) -> None:
        """Mark other participants' cursors (row -> column -> colour); only rows whose marks change
        are drawn again."""
        old, self._marks = self._marks, marks
        for index in set(old) | set(marks):
            if old.get(index) != marks.get(index) and index < len(self.rows_model):
                self.redraw_row(index)

    def redraw_row(self, index: int) -> None:
        cells = mark(self._cells(self.rows_model[index]), self._marks.get(index), [WIDTHS[key] for key in KEYS])
        before, after = self._shown.get(index), _content(cells)
        self._shown[index] = after
        for column, value in enumerate(cells):
            if before is None or before[column] != after[column]:
                self.update_cell_at(Coordinate(index, column), value)

    def update_map(self, jmap: JourneyMap, start: int, end: int | None = None) -> None:
        """Take the model after an edit and redraw rows `start` to `end` (default: to the last).

        Rows are added or dropped at the end to match the new row count; every
        row from `start` down is redrawn, since inserting shifts them all.
        """
        shape = _shape(jmap)
        # A field edit keeps every stage's touchpoint count: the rows stay as they are.
        rows = self.rows_model if shape == self._shape else rows_of(jmap)
        self.jmap, self._shape = jmap, shape
        if len(rows) != self.row_count:
            end = None
            while self.row_count < len(rows):
                self._shown[self.row_count] = _content([Text("")] * len(KEYS))
                self.add_row(*[Text("")] * len(KEYS))
            while self.row_count > len(rows):
                self._shown.pop(self.row_count - 1, None)
                self.remove_row(self.coordinate_to_cell_key(Coordinate(self.row_count - 1, 0)).row_key)
            self._stale = {i for i in self._stale if i < len(rows)}
        self.rows_model = rows
        stop = len(rows) if end is None else min(end, len(rows))
        if stop - start <= 2:
            for index in range(max(0, start), stop):
                self._stale.discard(index)
                self.redraw_row(index)
        else:
            self._stale.update(range(max(0, start), stop))
            self._redraw_visible()

    def _redraw_visible(self) -> None:
        top = int(self.scroll_y)
        # Rows are one line high; the header line makes `height` one more than needed.
        for index in range(top, min(top + self.size.height + 1, len(self.rows_model))):
            if index in self._stale:
                self._stale.discard(index)
                self.redraw_row(index)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._look = (
            self.size.width,
            int(self.scroll_x),
            self.rich_style,
            self.get_pseudo_class_state(),
            self.cursor_type,
            *(self.get_component_rich_style(name, partial=True) for name in _ROW_STYLES),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A row's line from the cache when a row showing the same was drawn; the header and cursor row fresh.

        The cursor and the mouse's hover change how their rows look, so those
        rows are left to DataTable; every other row looks the same wherever
        the cursor is and whichever row it is.
        """
        index = y - self._header_lines + int(self.scroll_y)
        if y < self._header_lines or index >= self.row_count or index in (
            self.cursor_row,
            self.hover_coordinate.row,
        ):
            return super().render_line(y)
        shown = self._shown.get(index)
        if shown is None:
            return super().render_line(y)
        key = (shown, self._look)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = super().render_line(y)
        return line

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._stale:
            self._redraw_visible()

    def on_resize(self) -> None:
        if self._stale:
            self._redraw_visible()

    def keep_cursor_above(self, lines: int) -> None:
        """Scroll so the cursor's row is not under the bottom `lines` lines (where the editor opens)."""
        visible = self.size.height - self._header_lines - lines
        bottom = int(self.scroll_y) + max(1, visible) - 1
        if self.cursor_row > bottom:
            self.scroll_to(y=self.cursor_row - max(1, visible) + 1, animate=False)

    @property
    def _header_lines(self) -> int:
        return self.header_height if self.show_header else 0

    @property
    def current_row(self) -> Row | None:
        if not self.rows_model:
            return None
        return self.rows_model[min(self.cursor_row, len(self.rows_model) - 1)]

    @property
    def current_key(self) -> str:
        return KEYS[self.cursor_column]
