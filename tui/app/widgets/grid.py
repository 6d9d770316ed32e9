"""The map as a grid: DataTable's look, keys and cursor, on Textual's Line API.

DataTable re-renders every row it shows and rebuilds an O(rows) offset table
after any cell change (20–40 ms at 3,000 rows, far more at 30,000). This grid
draws only the lines on screen (`render_line`), each from a cache of strips
keyed on what its row shows: the stage's name and situation on its first
row, the touchpoint's content, where the cursor and the marks are, and the
look of the moment. A key is the content itself, never a row number, so the
cache cannot show a stale row: an edit makes a new key for its row only, and
rows shifted by an insert find their strips under their unchanged content.
An edit refreshes the lines of the rows it touched; nothing walks the rows
(every row is one line, so a row's line is arithmetic), and no Rich object is
made for a row that is never shown.

Columns and sideways scrolling (whole columns, Étape frozen) are
`grid_columns`'s; drawing a line is `grid_lines`'s.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.grid_columns import FROZEN, Columns
from tui.app.widgets.grid_lines import COMPONENTS, Look, in_view, paint_header, paint_row
from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.cells import KEYS, Row, Rows, cell, rows_of
from tui.output.faces import Faces
from tui.output.i18n import GRID_COLUMNS, translate

#: Strips kept: a few screens of rows, whatever the map's size.
CACHED_LINES = 1024


class CellMessage(Message):
    """About the cell at `coordinate`: its grid row `row` and its column's key `key`."""

    def __init__(self, grid: JourneyGrid, coordinate: Coordinate, row: Row | None, key: str) -> None:
        super().__init__()
        self.grid, self.coordinate, self.row, self.key = grid, coordinate, row, key

    @property
    def control(self) -> JourneyGrid:
        return self.grid


class JourneyGrid(ScrollView, can_focus=False):
    """One row per touchpoint, grouped by stage; the Étape column stays put when scrolling sideways.

    Never focused: its keys are the screen's (`bindings.MAP_KEYS`), and only the cell editor, the
    picker and the search field take the focus, and give it back to no one. A focus change
    restyles and repaints both widgets and the whole screen: giving the focus back to the grid
    cost a third of a commit (6 ms at 3,000 rows), more than the edit and its row's repaint.
    """

    COMPONENT_CLASSES = set(COMPONENTS)

    #: The lines above the rows (the column headings).
    header_height = 1

    class CellHighlighted(CellMessage):
        """The cursor moved to `coordinate` (row `row`, column `key`)."""

    class CellSelected(CellMessage):
        """Enter, or a click on the cursor's cell: edit it."""

    cursor_coordinate: Reactive[Coordinate] = Reactive(Coordinate(0, 0), repaint=False)
    zebra_stripes: Reactive[bool] = Reactive(False)

    def __init__(self, catalogues: Catalogues, faces: Faces, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalogues = catalogues
        self.faces = faces
        self.jmap: JourneyMap | None = None
        self.rows_model: Rows = Rows()
        self._columns = Columns.for_width(0)
        self._strips: LRUCache[tuple, Strip] = LRUCache(CACHED_LINES)
        #: Other participants' cursors: row → column → style.
        self._marks: dict[int, dict[int, Style]] = {}
        self._look: Look | None = None

    # -- the map ---------------------------------------------------------------------------------

    def show_map(self, jmap: JourneyMap) -> None:
        """Show a whole map (on load, and on reload from disk)."""
        self.jmap = jmap
        self.rows_model = rows_of(jmap)
        self._fit()
        self.cursor_coordinate = self.validate_cursor_coordinate(self.cursor_coordinate)
        self.refresh()

    def update_map(self, jmap: JourneyMap, start: int, end: int | None = None) -> None:
        """Take the map after an edit and redraw rows `start` to `end` (default: to the last).

        An edit that adds or removes rows shifts every row below it: those on
        screen are redrawn too, from the cache, since each shows what its
        neighbour showed.
        """
        before = self.rows_model
        self.jmap = jmap
        self.rows_model = rows_of(jmap)
        if self.rows_model.counts != before.counts:  # rows came, went or changed stage
            end = None
            self._fit()
            self.cursor_coordinate = self.validate_cursor_coordinate(self.cursor_coordinate)
        self.refresh_rows(start, len(self.rows_model) if end is None else end)

    def keep_cursor_left_of(self, columns: int) -> bool:
        """Scroll sideways, by whole columns, so the cursor's cell ends left of the right `columns`
        cells (where the picker opens over a narrow grid); False when no stop does that."""
        if not self._shown:
            return False
        room = self._shown.width - columns
        grid, column = self._columns, self.cursor_column
        if column < FROZEN:
            return grid.starts[column] + grid.spans[column] <= room
        view = room - grid.fixed
        start = grid.starts[column] - grid.fixed
        end = start + grid.spans[column]
        x = grid.scroll_to_show(column, int(self.scroll_x), view) if view > 0 else -1
        if x < 0 or end - x > view or x not in grid.stops(self._view):
            return False
        self.scroll_to(x=x, animate=False, force=True)
        return True

    def column_span(self, column: int) -> tuple[int, int]:
        """Where `column` shows, in cells from the grid's left edge: (start, end); the frozen one never scrolls."""
        grid = self._columns
        start = grid.starts[column] - (0 if column < FROZEN else int(self.scroll_x))
        return start, start + grid.spans[column]

    @property
    def row_count(self) -> int:
        return len(self.rows_model)

    @property
    def current_row(self) -> Row | None:
        if not self.rows_model:
            return None
        return self.rows_model[min(self.cursor_row, len(self.rows_model) - 1)]

    @property
    def headings(self) -> list[str]:
        """The column headings, in the interface language."""
        return [translate(column.heading) for column in GRID_COLUMNS]

    @property
    def current_key(self) -> str:
        return KEYS[self.cursor_column]

    def get_cell_at(self, coordinate: tuple[int, int]) -> Text:
        """What the cell shows (before it is fitted to its column's width on screen)."""
        row, column = coordinate
        assert self.jmap is not None
        return cell(self.jmap, self.rows_model[row], KEYS[column], self.catalogues, self.faces,
                    self._columns.widths[column])

    # -- other participants ------------------------------------------------------------------------

    def show_marks(self, marks: Mapping[tuple[int, int], str | Style]) -> None:
        """Mark these cells (row, column) with a bar of their style's colour, replacing earlier marks (a live
        session's other cursors); only rows whose marks changed are redrawn. Rows shifted: send them again."""
        new: dict[int, dict[int, Style]] = {}
        for (row, column), style in marks.items():
            new.setdefault(row, {})[column] = Style.parse(style) if isinstance(style, str) else style
        old, self._marks = self._marks, new
        for row in set(old) | set(new):
            if old.get(row) != new.get(row):
                self.refresh_rows(row, row + 1)

    # -- the cursor --------------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self.cursor_coordinate.row

    @property
    def cursor_column(self) -> int:
        return self.cursor_coordinate.column

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        return Coordinate(clamp(value.row, 0, max(0, len(self.rows_model) - 1)), clamp(value.column, 0, len(KEYS) - 1))

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        self.refresh_rows(old.row, old.row + 1)
        self.refresh_rows(new.row, new.row + 1)
        self.scroll_to_cursor()
        self.post_message(self.CellHighlighted(self, new, self.current_row, self.current_key))

    def move_cursor(self, *, row: int | None = None, column: int | None = None, animate: bool = False,
                    scroll: bool = True) -> None:
        """DataTable's `move_cursor`; the cursor always stays in view (`animate`, `scroll`: ignored)."""
        here = self.cursor_coordinate
        self.cursor_coordinate = Coordinate(here.row if row is None else row, here.column if column is None else column)

    def scroll_to_cursor(self) -> None:
        """Bring the cursor's cell into view: its row, and its whole column beside the frozen one."""
        if not self._shown:
            return
        row, column = self.cursor_coordinate
        top, rows = int(self.scroll_y), self._visible_rows
        y = row if row < top else row - rows + 1 if row >= top + rows else top
        x = self._columns.scroll_to_show(column, int(self.scroll_x), self._view)
        self.scroll_to(x, y, animate=False, force=True)

    def keep_cursor_above(self, lines: int) -> None:
        """Scroll so the cursor's row is not under the bottom `lines` lines (where the editor opens)."""
        visible = max(1, self._visible_rows - lines)
        if self.cursor_row > int(self.scroll_y) + visible - 1:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, force=True)

    # -- keys and mouse ----------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.cursor_coordinate = self.cursor_coordinate.up()

    def action_cursor_down(self) -> None:
        self.cursor_coordinate = self.cursor_coordinate.down()

    def action_cursor_left(self) -> None:
        self.cursor_coordinate = self.cursor_coordinate.left()

    def action_cursor_right(self) -> None:
        self.cursor_coordinate = self.cursor_coordinate.right()

    def action_cursor_page_down(self) -> None:
        self._page(self._visible_rows)

    def action_cursor_page_up(self) -> None:
        self._page(-self._visible_rows)

    def _page(self, step: int) -> None:
        self.scroll_to(y=int(self.scroll_y) + step, animate=False, force=True)
        self.move_cursor(row=self.cursor_row + step)

    def action_cursor_top(self) -> None:
        self.move_cursor(row=0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(row=len(self.rows_model) - 1)

    def action_cursor_home(self) -> None:
        self.move_cursor(column=0)
        self.scroll_to(x=0, animate=False, force=True)

    def action_cursor_end(self) -> None:
        self.move_cursor(column=len(KEYS) - 1)

    def action_select_cursor(self) -> None:
        if self.rows_model:
            self.post_message(self.CellSelected(self, self.cursor_coordinate, self.current_row, self.current_key))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on a cell; a click on the cursor's cell (a double click) edits it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height:
            return
        row = int(self.scroll_y) + offset.y - self.header_height
        column = self._columns.column_at(offset.x, int(self.scroll_x))
        if column is None or row >= len(self.rows_model):
            return
        event.stop()
        if Coordinate(row, column) == self.cursor_coordinate:
            self.action_select_cursor()
        else:
            self.cursor_coordinate = Coordinate(row, column)

    # -- size and scrolling ----------------------------------------------------------------------

    @property
    def _shown(self) -> Size:
        """The size of what shows of the rows, inside the scrollbars."""
        return self.scrollable_content_region.size

    @property
    def _visible_rows(self) -> int:
        return max(1, self._shown.height - self.header_height)

    @property
    def _view(self) -> int:
        """How many cells show right of the frozen column."""
        return max(1, self._shown.width - self._columns.fixed)

    def _fit(self) -> None:
        """Size the scrollable area: a line per row under the header; sideways, up to the last stop.

        A row more or less changes only the height: unless that shows or hides the
        scrollbar, the scrollbar is told directly, since the layout pass that setting
        `virtual_size` asks for costs 6 ms at 3,000 rows (more than a third of a frame).
        """
        shown, old = self._shown, self.virtual_size
        stops = self._columns.stops(self._view) if shown else (0,)
        width = self._columns.fixed + stops[-1] + self._view if shown else self._columns.total
        size = Size(width, len(self.rows_model) + self.header_height)
        if size == old:
            return
        if shown and size.width == old.width and (size.height > shown.height) == (old.height > shown.height):
            self.set_reactive(JourneyGrid.virtual_size, size)
            if self.show_vertical_scrollbar:
                self.vertical_scrollbar.window_virtual_size = size.height
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        columns, old = Columns.for_width(self.region.width), self._columns
        if columns != old:  # other widths: the same column stays first beside the frozen one
            first = old.column_at(old.fixed, int(self.scroll_x)) or 1
            self._columns = columns
            self._fit()
            self.scroll_to(x=columns.starts[first] - columns.fixed, animate=False, force=True)
            self.refresh()
        self._fit()
        self.scroll_to_cursor()

    def validate_scroll_x(self, value: float) -> float:
        """Only whole columns scroll under the frozen one."""
        value = super().validate_scroll_x(value)
        return self._columns.snap(value, self.scroll_x, self._view) if self._shown else value

    def validate_scroll_target_x(self, value: float) -> float:
        value = super().validate_scroll_target_x(value)
        return self._columns.snap(value, self.scroll_target_x, self._view) if self._shown else value

    # -- drawing -----------------------------------------------------------------------------------

    def refresh_rows(self, start: int, end: int) -> None:
        """Repaint the lines of rows `start` to `end` that are on screen."""
        top = int(self.scroll_y)
        first, last = max(start, top), min(end, top + self._visible_rows)
        if first < last:
            self.refresh(Region(0, first - top + self.header_height, self._shown.width, last - first))

    def notify_style_update(self) -> None:
        """Styles changed (focus, theme): lines are drawn with a new Look, and their strips keyed on it."""
        super().notify_style_update()
        self._look = None

    def _make_look(self) -> Look:
        style = self.get_component_rich_style
        return Look(self.rich_style, style("datatable--header"), style("datatable--fixed"),
                    style("datatable--cursor"), style("datatable--fixed-cursor"),
                    style("datatable--even-row"), style("datatable--odd-row"),
                    self.zebra_stripes, self.background_colors[1])

    def _row_key(self, index: int) -> tuple:
        """Everything row `index`'s line shows, and nothing else: the key of its cached strip."""
        assert self.jmap is not None
        row = self.rows_model[index]
        stage = self.jmap.stages[row.stage]
        said = (stage.name, stage.situation) if row.first else None
        content = None if row.touchpoint is None else stage.touchpoints[row.touchpoint].content()
        cursor = self.cursor_column if index == self.cursor_row else None
        marks = tuple(self._marks.get(index, {}).items())
        return said, content, cursor, marks, index % 2 if self.zebra_stripes else 0, self._look, self._columns

    def render_line(self, y: int) -> Strip:
        look = self._look = self._look or self._make_look()
        columns, width = self._columns, self._shown.width
        if y < self.header_height:
            key: tuple = ("header", look, columns)
            line = self._strips.get(key)
            if line is None:
                line = self._strips[key] = paint_header(self.app.console, self.headings, columns, look)
            return in_view(line, columns, int(self.scroll_x), width, look.extension(look.header))
        index = int(self.scroll_y) + y - self.header_height
        if index >= len(self.rows_model) or self.jmap is None:
            return Strip.blank(width, look.base)
        key = self._row_key(index)
        line = self._strips.get(key)
        if line is None:
            row = self.rows_model[index]
            cells = [cell(self.jmap, row, k, self.catalogues, self.faces, w) for k, w in zip(KEYS, columns.widths)]
            cursor = self.cursor_column if index == self.cursor_row else None
            line = self._strips[key] = paint_row(self.app.console, cells, columns, look, index, cursor,
                                                 self._marks.get(index, {}))
        return in_view(line, columns, int(self.scroll_x), width, look.extension(look.row(index)))

    def watch_zebra_stripes(self) -> None:
        self._look = None
        self.refresh()
