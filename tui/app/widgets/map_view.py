"""The body of the map screen: the grid, the status line, the catalogue panel, the preview,
the cell editor and the search field.

The screen hands it the map (attributes down) and says what changed: a
`Footprint` from the session's `Changed` event names the span an edit touched
and where the eye goes, so only those rows are redrawn, whatever the edit was.
It tells the screen what the user did (messages up): a cell edited, which keys
apply now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from tui.app.search import SEARCH, Search
from tui.app.widgets.catalogue_panel import CataloguePanel
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.preview import Preview
from tui.core.catalogue import Catalogues
from tui.core.edits import Footprint
from tui.core.model import JourneyMap
from tui.output.cells import CATALOGUE_KEYS, Row, full_text, raw_value, row_index
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS

if TYPE_CHECKING:
    from tui.app.widgets.cell_editor import CellEditor

W = TypeVar("W", bound=Widget)


class MapView(Horizontal):
    """Shows one map; `jmap` is set by the screen before each call that draws."""

    class Mode(Message):
        """What the keys do now: "grid", "edit", "pick" or "search" (the screen's key bar says it)."""

        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    class CellEdited(Message):
        """The editor or the picker gave `value` for a cell; `known`: a catalogue entry, or plain text."""

        def __init__(self, row: Row, key: str, value: str, known: bool = True) -> None:
            super().__init__()
            self.row, self.key, self.value, self.known = row, key, value, known

    def __init__(self, jmap: JourneyMap, catalogues: Catalogues, lang: str, faces: Faces, **kwargs) -> None:
        super().__init__(**kwargs)
        self.jmap = jmap
        self.catalogues = catalogues
        self.lang = lang
        self.faces = faces
        self.search = Search()
        self._editing: tuple[Row, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield JourneyGrid(self.catalogues, self.lang, self.faces, id="grid")
            yield Static(id="status")
        yield CataloguePanel(self.catalogues, self.lang, id="panel")

    @property
    def grid(self) -> JourneyGrid:
        return self.query_one(JourneyGrid)

    def show_map(self, jmap: JourneyMap) -> None:
        """Draw the map from scratch (on load, reload and recovery), keeping the cursor where it can be."""
        self.jmap = jmap
        grid = self.grid
        row, column = grid.current_row, grid.cursor_column
        grid.show_map(jmap)
        if row is not None:
            grid.move_cursor(row=row_index(grid.rows_model, row.stage, row.touchpoint), column=column)
        self.refresh_preview()
        self.show_cell()

    def changed(self, jmap: JourneyMap, footprint: Footprint) -> None:
        """Redraw what an edit changed and follow it with the cursor."""
        self.jmap = jmap
        grid = self.grid
        before = grid.rows_model
        if footprint.first is not None:
            start = row_index(before, *footprint.first) if before else 0
            end = row_index(before, *footprint.last) + 1 if footprint.last is not None and before else None
            grid.update_map(jmap, start, end)
        if footprint.focus is not None:
            row = row_index(grid.rows_model, *footprint.focus)
            if row != grid.cursor_row:  # moving scrolls, and scrolling walks every row of the table
                grid.move_cursor(row=row)
        self.refresh_preview()
        self.show_cell()

    def refresh_preview(self) -> None:
        for preview in self.query(Preview):
            if preview.display:
                preview.show_map(self.jmap)

    async def toggle_preview(self) -> None:
        preview = await self.mounted("preview", lambda: Preview(self.catalogues, self.lang, self.faces, id="preview"),
                                     "#body")
        preview.display = not preview.display
        self.set_class(preview.display, "-preview")
        self.refresh_preview()

    async def mounted(self, widget_id: str, make: Callable[[], W], parent: str, **where: str) -> W:
        """The widget `widget_id`, mounted into `parent` when first asked for (each delays the first paint)."""
        for widget in self.screen.query(f"#{widget_id}"):
            return widget  # type: ignore[return-value]
        widget = make()
        target = self if parent == "#body" else self.query_one(parent)
        await target.mount(widget, **where)
        return widget

    def where(self, heading: bool = True) -> str:
        """The cell under the cursor in words: « Réponse · Sélection #2 »."""
        grid = self.grid
        row = grid.current_row
        if row is None:
            return ""
        stage = self.jmap.stages[row.stage].name
        where = f"{stage} #{row.touchpoint + 1}" if row.touchpoint is not None else stage
        return f"{COLUMNS[grid.cursor_column].label(self.lang)} · {where}" if heading else where

    @on(DataTable.CellHighlighted)
    def show_cell(self) -> None:
        grid = self.grid
        row = grid.current_row
        status = self.query_one("#status", Static)
        if row is None:
            status.update("", layout=False)
            return
        key = grid.current_key
        heading = COLUMNS[grid.cursor_column].label(self.lang)
        text = full_text(self.jmap, row, key, self.catalogues, self.lang)
        if key == "emotion" and row.touchpoint is not None:
            score = raw_value(self.jmap, row, key)
            text = f"{self.faces.cell(score)} {self.faces.word(score, self.lang)}"
        # Content, not markup: a cell may hold square brackets. A fixed height: no layout pass.
        status.update(Content.assemble(Content.styled(heading, "bold"),
                                       f" · {self.where(heading=False)}" + (f" — {text}" if text else "")),
                      layout=False)
        self.query_one(CataloguePanel).show_column(key, str(raw_value(self.jmap, row, key) or ""))

    # -- editing a cell ---------------------------------------------------------------------------

    async def edit_cell(self, row: Row, key: str) -> None:
        """Open the picker (catalogue columns) or the text editor on a cell."""
        self._editing = (row, key)
        self.post_message(self.Mode("pick" if key in CATALOGUE_KEYS else "edit"))
        if key in CATALOGUE_KEYS:
            self.query_one(CataloguePanel).start_picking(key, str(raw_value(self.jmap, row, key) or ""))
            return
        from tui.app.widgets.cell_editor import CellEditor  # a TextArea: costly to import and mount at start

        editor = await self.mounted("editor", lambda: CellEditor(id="editor"), "#main", after="#grid")
        self.grid.keep_cursor_above(editor.LINES)
        editor.start(str(raw_value(self.jmap, row, key) or ""), self.where())

    def _stop_editing(self) -> tuple[Row, str] | None:
        editing, self._editing = self._editing, None
        self.post_message(self.Mode("grid"))
        for editor in self.query("#editor"):
            editor.display = False
        self.grid.focus()
        return editing

    def on_cell_editor_committed(self, event: CellEditor.Committed) -> None:
        editing = self._stop_editing()
        if editing is not None:
            self.post_message(self.CellEdited(*editing, event.text))

    def on_cell_editor_cancelled(self) -> None:
        self._stop_editing()

    @on(CataloguePanel.Cancelled)
    def _cancelled(self) -> None:
        self._stop_editing()

    @on(CataloguePanel.Picked)
    def _picked(self, event: CataloguePanel.Picked) -> None:
        editing = self._stop_editing()
        if editing is not None:
            self.post_message(self.CellEdited(*editing, event.value, event.known))

    # -- search ------------------------------------------------------------------------------------

    async def open_search(self) -> None:
        search = await self.mounted("search", lambda: Input(placeholder=SEARCH(self.lang), id="search"),
                                    "#main", before="#status")
        search.display = True
        search.value = self.search.query
        search.focus()
        self.post_message(self.Mode("search"))

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        self.key_escape()
        grid = self.grid
        self.search.find(event.value, grid.rows_model, self.jmap, self.catalogues, self.lang,
                         (grid.cursor_row, grid.cursor_column))
        self.search_next(1)

    def key_escape(self) -> None:
        for search in self.query("#search"):
            if search.display:
                search.display = False
                self.post_message(self.Mode("grid"))
                self.grid.focus()

    def search_next(self, step: int) -> None:
        found = self.search.step(step)
        if found is None:
            if self.search.query:
                self.notify(self.search.told(self.lang))
            return
        self.grid.move_cursor(row=found[0], column=found[1])
        self.notify(self.search.told(self.lang), timeout=2)
