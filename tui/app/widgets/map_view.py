"""The body of the map screen: the grid, the cell bar (the current cell, and its editor), the
catalogue panel, the preview and the search field.

The screen hands it the map (attributes down) and says what changed: a
`Footprint` from the session's `Changed` event names the span an edit touched
and where the eye goes, so only those rows are redrawn, whatever the edit was.
It tells the screen what the user did (messages up): a cell edited, which keys
apply now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from tui.app.gate import ShownInput, shown
from tui.app.live import refusal_words
from tui.app.search import SEARCH, Search
from tui.app.widgets.catalogue_panel import CataloguePanel
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.preview import Preview
from tui.core.catalogue import Catalogues
from tui.core.edits import Footprint
from tui.core.live.events import Refusal
from tui.core.model import ItemGone, JourneyMap
from tui.output.cells import CATALOGUE_KEYS, STAGE_KEYS, Row, full_text, raw_value, row_index
from tui.output.faces import Faces
from tui.output.i18n import GRID_COLUMNS, _, translate

if TYPE_CHECKING:
    from tui.app.widgets.cell_editor import CellEditor

W = TypeVar("W", bound=Widget)


def _item(jmap: JourneyMap, row: Row) -> tuple[str, str | None]:
    """What a grid row shows, by identity: its stage's id and its touchpoint's key."""
    stage = jmap.stages[row.stage]
    return stage.id, None if row.touchpoint is None else stage.touchpoints[row.touchpoint].key


def _spot(jmap: JourneyMap, item: tuple[str, str | None] | None) -> tuple[int, int | None] | None:
    """Where that item is now (None: gone, or nothing asked)."""
    if item is None:
        return None
    try:
        return jmap.stage_index(item[0]), None if item[1] is None else jmap.locate(item[1])[1]
    except ItemGone:
        return None


class MapView(Horizontal):
    """Shows one map; `jmap` is set by the screen before each call that draws."""

    class Mode(Message):
        """What the keys do now: "grid", "edit", "pick" or "search" (the screen's key bar says it)."""

        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    class CellEdited(Message):
        """The editor or the picker gave `value` for a cell (None: left it as it was); `known`: a
        catalogue entry, or plain text; `step` 1 or -1: then edit the next or previous cell (tab)."""

        def __init__(self, row: Row, key: str, value: str | None, known: bool = True, step: int = 0) -> None:
            super().__init__()
            self.row, self.key, self.value, self.known, self.step = row, key, value, known, step

    def __init__(self, jmap: JourneyMap, catalogues: Catalogues, faces: Faces, **kwargs) -> None:
        super().__init__(**kwargs)
        self.jmap = jmap
        self.catalogues = catalogues
        self.faces = faces
        self.search = Search()
        self._editing: tuple[Row, str] | None = None
        #: What the open editor or picker edits, by identity (stage id, touchpoint key), and in words.
        self._edited: tuple[tuple[str, str | None], str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield JourneyGrid(self.catalogues, self.faces, id="grid")
            yield Widget(id="under-grid")  # the cell bar's room: it is mounted after the first paint
        yield CataloguePanel(self.catalogues, id="panel")

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

    def changed(self, jmap: JourneyMap, footprint: Footprint, follow: bool = True) -> None:
        """Redraw what an edit changed; `follow`: the cursor goes where the edit leaves the eye (one's
        own edit), else it stays on the item it was on (someone else's, in a live session)."""
        old, self.jmap = self.jmap, jmap
        grid = self.grid
        before = grid.rows_model
        here = None if follow or grid.current_row is None else _item(old, grid.current_row)
        if footprint.first is not None:
            start = row_index(before, *footprint.first) if before else 0
            end = row_index(before, *footprint.last) + 1 if footprint.last is not None and before else None
            grid.update_map(jmap, start, end)
        spot = footprint.focus if follow else _spot(jmap, here)
        if spot is not None:
            row = row_index(grid.rows_model, *spot)
            if row != grid.cursor_row:  # moving scrolls, and scrolling walks every row of the table
                grid.move_cursor(row=row)
        self.refresh_preview()
        self.show_cell()

    def refresh_preview(self) -> None:
        for preview in self.query(Preview):
            if preview.display:
                preview.show_map(self.jmap)

    async def toggle_preview(self) -> None:
        if self.screen.has_class("-narrow"):  # no room beside the grid: a page of its own
            from tui.app.screens.preview_page import PreviewPage

            self.app.push_screen(PreviewPage(self.jmap, self.catalogues, self.faces))
            return
        preview = await self.mounted("preview", lambda: Preview(self.catalogues, self.faces, id="preview"),
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
        return f"{translate(GRID_COLUMNS[grid.cursor_column].heading)} · {where}" if heading else where

    def on_mount(self) -> None:
        # Watched rather than told by a message: the cell bar changes in the handler that
        # moved the cursor, so both reach the screen in the same frame.
        self.watch(self.grid, "cursor_coordinate", self.show_cell, init=False)
        self.call_after_refresh(self.cell_bar)  # after the first paint

    async def cell_bar(self) -> CellEditor | None:
        """The cell bar (the editor), mounted when first asked for or after the first paint: a
        TextArea costs the first paint 50 ms. Once there it holds the focus (see `CellEditor`)."""
        for editor in self.bar():
            return editor
        if not self.query_one("#main").is_attached:  # the screen is going (a quick quit)
            return None
        from tui.app.widgets.cell_editor import CellEditor  # a TextArea: its import alone delays the first paint

        editor = await self.mounted("editor", lambda: CellEditor(id="editor"), "#main", after="#under-grid")
        self.show_cell()
        if self.screen.focused is None:
            editor.focus()
        return editor

    def bar(self) -> list[CellEditor]:
        """The cell bar, once mounted (an empty list before)."""
        return cast("list[CellEditor]", list(self.query("#editor")))

    def browsing(self) -> bool:
        """No field holds the keys: nothing is focused, or the cell bar only shows the value."""
        focused = self.screen.focused
        return focused is None or (focused in self.bar() and not cast("CellEditor", focused).editing)

    def _give_back_focus(self) -> None:
        """From the picker or the search, to the cell bar (to no one before it is there)."""
        for editor in self.bar():
            editor.focus()
            return
        self.screen.set_focus(None)

    def show_cell(self) -> None:
        """The cell under the cursor in the cell bar: its whole value, where it is (the frame's
        title) and which row of how many (its subtitle, what the grid's scrollbar said); its
        catalogue in the panel."""
        grid = self.grid
        row = grid.current_row
        for editor in self.bar():
            rows = len(grid.rows_model)
            editor.border_subtitle = f"{grid.cursor_row + 1}/{rows}" if rows else ""
            if not editor.editing:  # `shown`: the title passes the terminal gate; the value, the TextArea's
                editor.border_title = shown(self.where()) if row is not None else ""
            editor.browse("" if row is None else self._value(row))
        if row is not None:
            key = grid.current_key
            self.query_one(CataloguePanel).show_column(key, str(raw_value(self.jmap, row, key) or ""))

    def _value(self, row: Row) -> str:
        """The cell's value in words: a catalogue's label, a feeling's face and word, the text."""
        key = self.grid.current_key
        if key == "emotion" and row.touchpoint is not None:
            score = raw_value(self.jmap, row, key)
            return f"{self.faces.cell(score)} {self.faces.word(score)}"
        return full_text(self.jmap, row, key, self.catalogues)

    # -- editing a cell ---------------------------------------------------------------------------

    async def edit_cell(self, row: Row, key: str) -> None:
        """Open the picker (catalogue columns) or the text editor on a cell."""
        self._editing = (row, key)
        stage_id, touchpoint = _item(self.jmap, row)
        self._edited = (stage_id, None if key in STAGE_KEYS else touchpoint), self.where()
        self.post_message(self.Mode("pick" if key in CATALOGUE_KEYS else "edit"))
        if key in CATALOGUE_KEYS:
            panel = self.query_one(CataloguePanel)
            panel.start_picking(key, str(raw_value(self.jmap, row, key) or ""))
            if self.screen.has_class("-narrow"):  # the panel opens over the grid's right side
                panel.set_class(not self.grid.keep_cursor_left_of(panel.styles.width.value), "-left")
            return
        editor = await self.cell_bar()
        if editor is None:
            return
        self.grid.keep_cursor_above(editor.LINES)
        editor.start(str(raw_value(self.jmap, row, key) or ""), shown(self.where()))

    def _stop_editing(self, keep: bool = True) -> tuple[Row, str] | None:
        """Close the editor or the picker; the cell it edited, to `keep` a value for. None when the
        touchpoint (or stage) was deleted meanwhile by someone else, and said: the cursor then
        stands on the row that took its place, which must not get the value."""
        editing, self._editing = self._editing, None
        edited, self._edited = self._edited, None
        self.post_message(self.Mode("grid"))
        for editor in self.bar():
            editor.stop()
        self._give_back_focus()  # from the picker; the cell bar itself never lost it
        self.show_cell()
        if keep and editing is not None and edited is not None and _spot(self.jmap, edited[0]) is None:
            self.notify(refusal_words(Refusal("gone", edited[1])), severity="warning", timeout=4)
            return None
        return editing

    def keep_typed(self) -> tuple[Row, str, str] | None:
        """Close the cell editor and hand over what it holds (the cell, the text), as enter would;
        None when it is not open. A save or a quit asks first: what is typed is not thrown away."""
        editing = self._editing
        if editing is None or editing[1] in CATALOGUE_KEYS:
            return None
        text = self.bar()[0].text
        return None if self._stop_editing() is None else (*editing, text)

    def on_cell_editor_committed(self, event: CellEditor.Committed) -> None:
        editing = self._stop_editing()
        if editing is not None:
            self.post_message(self.CellEdited(*editing, event.text, step=event.step))
        else:
            self.release_keys()

    def on_cell_editor_cancelled(self) -> None:
        self._stop_editing(keep=False)
        self.release_keys()

    def release_keys(self) -> None:
        """The keys typed after a commit or a cancel, held by the editor, go on now that what they
        were typed for is there: the next cell, or the grid (`tui.app.widgets.in_order`)."""
        for field in (*self.bar(), self.query_one(CataloguePanel).query_one(ShownInput)):
            field.release()

    @on(CataloguePanel.Cancelled)
    def _cancelled(self, event: CataloguePanel.Cancelled) -> None:
        editing = self._stop_editing(keep=False)
        if editing is not None and event.step:
            self.post_message(self.CellEdited(*editing, None, step=event.step))
        else:
            self.release_keys()

    @on(CataloguePanel.Picked)
    def _picked(self, event: CataloguePanel.Picked) -> None:
        editing = self._stop_editing()
        if editing is not None:
            self.post_message(self.CellEdited(*editing, event.value, event.known, event.step))
        else:
            self.release_keys()

    # -- search ------------------------------------------------------------------------------------

    async def open_search(self) -> None:
        search = await self.mounted("search", lambda: ShownInput(placeholder=_(SEARCH), id="search"),
                                    "#main", before="#under-grid")
        search.display = True
        search.value = self.search.query
        search.focus()
        self.post_message(self.Mode("search"))

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        self.key_escape()
        grid = self.grid
        self.search.find(event.value, grid.rows_model, self.jmap, self.catalogues,
                         (grid.cursor_row, grid.cursor_column))
        self.search_next(1)

    def key_escape(self) -> None:
        for search in self.query("#search"):
            if search.display:
                search.display = False
                self.post_message(self.Mode("grid"))
                self._give_back_focus()

    def search_next(self, step: int) -> None:
        found = self.search.step(step)
        if found is None:
            if self.search.query:
                self.notify(self.search.told())
            return
        self.grid.move_cursor(row=found[0], column=found[1])
        self.notify(self.search.told(), timeout=2)
