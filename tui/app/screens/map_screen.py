"""The map screen: the grid, the catalogue panel, the preview, and every editing key.

Every change goes through `History.do` with an edit from `tui.core.edits`, then the
screen tells its widgets what changed (attributes down); the widgets tell the
screen what the user did (messages up). Saving and quitting are the App's:
the screen asks for them with messages.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from tui.app.bindings import MAP_KEYS, READ_ONLY_IDS, bindings
from tui.app.screens.dialogs import ConfirmScreen, PromptScreen
from tui.app.widgets.catalogue_panel import CataloguePanel
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.map_header import MapHeader
from tui.app.widgets.preview import Preview
from tui.core.catalogue import Catalogues, fold, slug
from tui.output.cells import CATALOGUE_KEYS, KEYS, Row, first_row_of_stage, full_text, raw_value, row_index
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, Edit, InsertStage, InsertTouchpoint, MoveStage,
    MoveTouchpoint, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.output.faces import Faces
from tui.core.history import History
from tui.core import words
from tui.output.i18n import COLUMNS, N_, _, ngettext
from tui.core.model import EMOTION_MAX, EMOTION_MIN

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app.widgets.cell_editor import CellEditor

W = TypeVar("W", bound="Widget")

NOT_IN_CATALOGUE = N_(
    "« {value} » n'est pas dans le catalogue. L'utiliser quand même comme texte libre ?"
)
STAGE_NAME = N_("Nom de la nouvelle étape :")
USE_KEYS = N_("Émotion : + et - changent le score")
NOTHING_TO_DELETE = N_("Pas de point de contact ici (D supprime l'étape)")
NOTHING_TO_UNDO = N_("Rien à annuler")
NOTHING_TO_REDO = N_("Rien à rétablir")
SEARCH = N_("Chercher :")
MATCHES = N_("{query} : résultat {index}/{count}")
NO_MATCH = N_("Aucun résultat pour « {query} »")
EMPTY_NAME = N_("Une étape doit avoir un nom")
LAST_STAGE = N_("Impossible de supprimer la dernière étape")
#: The keys a new touchpoint is written with, so the file shows what to fill in.
NEW_TOUCHPOINT_KEYS = ("channel", "support", "response", "type", "who")


class MapScreen(Screen):
    """Edits one map; `history` is handed down by the App."""

    # Its bindings describe the keys in words: `map_screen` makes the screen with them in the language in use.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    class SaveRequested(Message):
        """ctrl+s: the App saves (in a worker) and reports back."""

    def __init__(self, history: History, catalogues: Catalogues, faces: Faces,
                 file_name: str, read_only: bool = False) -> None:
        super().__init__()
        self.history = history
        self.catalogues = catalogues
        self.faces = faces
        self.file_name = file_name
        self.read_only = read_only
        self._editing: tuple[Row, str] | None = None
        self._matches: list[tuple[int, int]] = []
        self._match = -1
        self._query = ""

    @property
    def jmap(self):
        return self.history.document.map

    def compose(self) -> ComposeResult:
        # The breakpoint class from the start: added on the first resize instead, it
        # restyles and lays out the screen a second time before the first paint.
        width = self.app.size.width
        self.add_class(next(name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge))
        yield MapHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield JourneyGrid(self.catalogues, self.faces, id="grid")
                yield Static(id="status")
            yield CataloguePanel(self.catalogues, id="panel")
        yield KeyBar(self.read_only, id="keys")

    def on_mount(self) -> None:
        grid = self.query_one(JourneyGrid)
        grid.show_map(self.jmap)
        grid.focus()
        self.refresh_header()
        self._show_cell()

    # -- what the widgets show ---------------------------------------------------------

    def refresh_header(self) -> None:
        self.query_one(MapHeader).show(self.jmap, self.file_name, self.history.dirty, self.read_only)

    def reload(self) -> None:
        """Show the document again from scratch (after it was reloaded from disk)."""
        grid = self.query_one(JourneyGrid)
        row = grid.current_row
        grid.show_map(self.jmap)
        if row is not None:
            grid.move_cursor(row=row_index(grid.rows_model, row.stage, row.touchpoint))
        self.refresh_header()
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        for preview in self.query(Preview):
            if preview.display:
                preview.show_map(self.jmap)

    def _show_cell(self) -> None:
        grid = self.query_one(JourneyGrid)
        row = grid.current_row
        status = self.query_one("#status", Static)
        if row is None:
            status.update("", layout=False)
            return
        key = grid.current_key
        heading = _(COLUMNS[grid.cursor_column].heading)
        where = self._where(grid, heading=False)
        text = full_text(self.jmap, row, key, self.catalogues)
        if key == "emotion" and row.touchpoint is not None:
            score = raw_value(self.jmap, row, key)
            text = f"{self.faces.cell(score)} {self.faces.word(score)}"
        # Content, not markup: a cell may hold square brackets. A fixed height: no layout pass.
        status.update(Content.assemble(Content.styled(heading, "bold"), f" · {where}" + (f" — {text}" if text else "")),
                      layout=False)
        self.query_one(CataloguePanel).show_column(key, str(raw_value(self.jmap, row, key) or ""))

    def _where(self, grid: JourneyGrid, heading: bool = True) -> str:
        """The cell under the cursor in words: « Réponse · Sélection #2 »."""
        row = grid.current_row
        if row is None:
            return ""
        stage = self.jmap.stages[row.stage].name
        where = f"{stage} #{row.touchpoint + 1}" if row.touchpoint is not None else stage
        return f"{_(COLUMNS[grid.cursor_column].heading)} · {where}" if heading else where

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self._show_cell()

    @on(DataTable.CellSelected)
    async def _selected(self) -> None:
        await self.action_edit()

    # -- applying edits ------------------------------------------------------------------

    def _cursor_for(self, edit: Edit) -> tuple[int, int | None] | None:
        """The stage and touchpoint an edit is about, to put the cursor on it."""
        if isinstance(edit, (SetTouchpointField, InsertTouchpoint)):
            return edit.stage, edit.index
        if isinstance(edit, MoveTouchpoint):
            return edit.to_stage, edit.to_index
        if isinstance(edit, DeleteTouchpoint):
            stage = self.jmap.stages[edit.stage]
            return edit.stage, min(edit.index, len(stage.touchpoints) - 1) if stage.touchpoints else None
        if isinstance(edit, (SetStageField, InsertStage, DeleteStage)):
            index = edit.stage if isinstance(edit, SetStageField) else edit.index
            return min(index, len(self.jmap.stages) - 1), None
        if isinstance(edit, MoveStage):
            return edit.to, None
        return None

    def _after(self, edit: Edit, before: list[Row]) -> None:
        """Redraw what `edit` changed and follow it with the cursor."""
        grid = self.query_one(JourneyGrid)
        target = self._cursor_for(edit)
        if isinstance(edit, SetTouchpointField):
            start = row_index(before, edit.stage, edit.index)
            grid.update_map(self.jmap, start, start + 1)
        elif isinstance(edit, SetStageField):
            start = first_row_of_stage(before, edit.stage)
            grid.update_map(self.jmap, start, start + 1)
        elif isinstance(edit, MoveTouchpoint) and edit.stage == edit.to_stage:
            rows = sorted((row_index(before, edit.stage, edit.index), row_index(before, edit.to_stage, edit.to_index)))
            grid.update_map(self.jmap, rows[0], rows[1] + 1)
        elif target is not None:
            stages = [target[0]]
            if isinstance(edit, MoveTouchpoint):
                stages.append(edit.stage)
            if isinstance(edit, MoveStage):
                stages.append(edit.index)
            start = min(first_row_of_stage(before, s) for s in stages) if before else 0
            grid.update_map(self.jmap, start)
        if target is not None:
            row = row_index(grid.rows_model, *target)
            if row != grid.cursor_row:  # moving scrolls, and scrolling walks every row of the table
                grid.move_cursor(row=row)
        self.refresh_header()
        self._refresh_preview()
        self._show_cell()

    def apply(self, edit: Edit) -> None:
        before = list(self.query_one(JourneyGrid).rows_model)
        self.history.do(edit)
        self._after(edit, before)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only:
            allowed = {k.action.split("(")[0] for k in MAP_KEYS if k.id in READ_ONLY_IDS}
            if action not in allowed:
                return False
        return True

    def action_cursor(self, direction: str) -> None:
        grid = self.query_one(JourneyGrid)
        getattr(grid, f"action_cursor_{direction}")()

    async def action_edit(self) -> None:
        grid = self.query_one(JourneyGrid)
        row, key = grid.current_row, grid.current_key
        if row is None or self.read_only:
            return
        if key == "emotion":
            self.notify(_(USE_KEYS))
            return
        self._editing = (row, key)
        self.query_one(KeyBar).show_mode("pick" if key in CATALOGUE_KEYS else "edit")
        if key in CATALOGUE_KEYS:
            self.query_one(CataloguePanel).start_picking(key, str(raw_value(self.jmap, row, key) or ""))
        else:
            from tui.app.widgets.cell_editor import CellEditor  # a TextArea: costly to import and mount at start

            editor = await self._mounted("editor", lambda: CellEditor(id="editor"), "#main", after="#grid")
            grid.keep_cursor_above(editor.LINES)
            editor.start(str(raw_value(self.jmap, row, key) or ""), self._where(grid))

    async def _mounted(self, widget_id: str, make: Callable[[], W], parent: str, **where: str) -> W:
        """The widget `widget_id`, mounted into `parent` when first asked for (each delays the first paint)."""
        for widget in self.query(f"#{widget_id}"):
            return widget  # type: ignore[return-value]
        widget = make()
        await self.query_one(parent).mount(widget, **where)
        return widget

    def _set(self, row: Row, key: str, value: str | int | None) -> None:
        if key == "stage":
            if not str(value).strip():
                self.notify(_(EMPTY_NAME), severity="warning")
                return
            edit: Edit = SetStageField(row.stage, "name", str(value).strip())
        elif key == "situation":
            edit = SetStageField(row.stage, "situation", value)
        elif row.touchpoint is None:
            # Typing into an empty stage's row creates its first touchpoint.
            keys = NEW_TOUCHPOINT_KEYS + ((key,) if key not in NEW_TOUCHPOINT_KEYS else ())
            edit = InsertTouchpoint(row.stage, 0, tuple((k, value if k == key else "") for k in keys))
        else:
            if raw_value(self.jmap, row, key) == value:
                return
            edit = SetTouchpointField(row.stage, row.touchpoint, key, value)
        self.apply(edit)

    def _stop_editing(self) -> None:
        self._editing = None
        self.query_one(KeyBar).show_mode("grid")
        for editor in self.query("#editor"):
            editor.display = False
        self.query_one(JourneyGrid).focus()

    def on_cell_editor_committed(self, event: CellEditor.Committed) -> None:
        editing = self._editing
        self._stop_editing()
        if editing is not None:
            self._set(*editing, event.text)

    def on_cell_editor_cancelled(self) -> None:
        self._stop_editing()

    @on(CataloguePanel.Cancelled)
    def _cancelled(self) -> None:
        self._stop_editing()

    @on(CataloguePanel.Picked)
    def _picked(self, event: CataloguePanel.Picked) -> None:
        editing = self._editing
        self._stop_editing()
        if editing is None:
            return
        if event.known:
            self._set(*editing, event.value)
            return

        def confirmed(answer: bool | None) -> None:
            if answer:
                self._set(*editing, event.value)

        self.app.push_screen(ConfirmScreen(_(NOT_IN_CATALOGUE).format(value=event.value)), confirmed)

    def action_emotion(self, step: int) -> None:
        row = self.query_one(JourneyGrid).current_row
        if row is None or row.touchpoint is None:
            return
        score = raw_value(self.jmap, row, "emotion")
        new = max(EMOTION_MIN, min(EMOTION_MAX, (score or 0) + step))
        if new != score:
            self.apply(SetTouchpointField(row.stage, row.touchpoint, "emotion", new))

    def action_add_touchpoint(self) -> None:
        row = self.query_one(JourneyGrid).current_row
        if row is None:
            return
        index = 0 if row.touchpoint is None else row.touchpoint + 1
        self.apply(InsertTouchpoint(row.stage, index, tuple((k, "") for k in NEW_TOUCHPOINT_KEYS)))

    def action_add_stage(self) -> None:
        row = self.query_one(JourneyGrid).current_row
        position = len(self.jmap.stages) if row is None else row.stage + 1

        def named(name: str | None) -> None:
            if name:
                taken = {s.id for s in self.jmap.stages}
                values = (("id", slug(name, taken)), ("name", name), ("situation", ""))
                self.apply(InsertStage(position, values))

        self.app.push_screen(PromptScreen(_(STAGE_NAME)), named)

    def action_delete_touchpoint(self) -> None:
        row = self.query_one(JourneyGrid).current_row
        if row is None or row.touchpoint is None:
            self.notify(_(NOTHING_TO_DELETE))
            return
        self.apply(DeleteTouchpoint(row.stage, row.touchpoint))

    def action_delete_stage(self) -> None:
        row = self.query_one(JourneyGrid).current_row
        if row is None:
            return
        if len(self.jmap.stages) == 1:
            self.notify(_(LAST_STAGE), severity="warning")
            return
        stage = self.jmap.stages[row.stage]

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.apply(DeleteStage(row.stage))

        count = len(stage.touchpoints)
        question = ngettext("Supprimer l'étape « {name} » et {count} point de contact ?",
                            "Supprimer l'étape « {name} » et ses {count} points de contact ?", count)
        self.app.push_screen(ConfirmScreen(question.format(name=stage.name, count=count)), confirmed)

    def action_move(self, step: int) -> None:
        row = self.query_one(JourneyGrid).current_row
        if row is None or row.touchpoint is None:
            return
        stages = self.jmap.stages
        count = len(stages[row.stage].touchpoints)
        if 0 <= row.touchpoint + step < count:
            edit = MoveTouchpoint(row.stage, row.touchpoint, row.stage, row.touchpoint + step)
        elif step < 0 and row.stage > 0:
            edit = MoveTouchpoint(row.stage, row.touchpoint, row.stage - 1, len(stages[row.stage - 1].touchpoints))
        elif step > 0 and row.stage < len(stages) - 1:
            edit = MoveTouchpoint(row.stage, row.touchpoint, row.stage + 1, 0)
        else:
            return
        self.apply(edit)

    def action_undo(self) -> None:
        before = list(self.query_one(JourneyGrid).rows_model)
        edit = self.history.undo()
        if edit is None:
            self.notify(_(NOTHING_TO_UNDO))
            return
        self._after(edit, before)

    def action_redo(self) -> None:
        before = list(self.query_one(JourneyGrid).rows_model)
        edit = self.history.redo()
        if edit is None:
            self.notify(_(NOTHING_TO_REDO))
            return
        self._after(edit, before)

    def action_save(self) -> None:
        self.post_message(self.SaveRequested())

    async def action_toggle_preview(self) -> None:
        preview = await self._mounted("preview", lambda: Preview(self.catalogues, self.faces, id="preview"),
                                      "#body")
        preview.display = not preview.display
        self.query_one("#body").set_class(preview.display, "-preview")
        self._refresh_preview()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_edit_details(self) -> None:
        from tui.app.screens.details import DetailsScreen

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            persona = self.jmap.persona
            current = {
                "title": self.jmap.title,
                "persona-name": persona.name if persona else "",
                "persona-description": persona.description if persona else "",
            }
            for key, value in values.items():
                if value == current[key]:
                    continue
                if key == "title":
                    if value.strip():
                        self.apply(SetMapField("title", value))
                else:
                    self.apply(SetPersonaField(key.removeprefix("persona-"), value))

        self.app.push_screen(DetailsScreen(self.jmap), done)

    # -- search --------------------------------------------------------------------------

    async def action_search(self) -> None:
        search = await self._mounted("search", lambda: Input(placeholder=_(SEARCH), id="search"),
                                     "#main", before="#status")
        search.display = True
        search.value = self._query
        search.focus()
        self.query_one(KeyBar).show_mode("search")

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        self.query_one(KeyBar).show_mode("grid")
        self.query_one(JourneyGrid).focus()
        self._query = event.value.strip()
        grid = self.query_one(JourneyGrid)
        needle = fold(self._query)
        self._matches = [
            (r, c)
            for r, row in enumerate(grid.rows_model)
            for c, key in enumerate(KEYS)
            if needle and needle in fold(full_text(self.jmap, row, key, self.catalogues))
            and (key not in ("stage", "situation") or row.first)
        ]
        here = (grid.cursor_row, grid.cursor_column)
        self._match = next((i - 1 for i, m in enumerate(self._matches) if m >= here), len(self._matches) - 1)
        self.action_search_next(1)

    def key_escape(self) -> None:
        for search in self.query("#search"):
            if search.display:
                search.display = False
                self.query_one(KeyBar).show_mode("grid")
                self.query_one(JourneyGrid).focus()

    def action_search_next(self, step: int) -> None:
        if not self._matches:
            if self._query:
                self.notify(_(NO_MATCH).format(query=self._query))
            return
        self._match = (self._match + step) % len(self._matches)
        row, column = self._matches[self._match]
        self.query_one(JourneyGrid).move_cursor(row=row, column=column)
        self.notify(_(MATCHES).format(query=self._query, index=self._match + 1, count=len(self._matches)), timeout=2)


@cache
def _with_bindings(language: str) -> type[MapScreen]:
    """MapScreen with its bindings described in `language` (Textual reads BINDINGS once per class)."""
    return types.new_class("MapScreen", (MapScreen,),
                           exec_body=lambda namespace: namespace.update(BINDINGS=bindings(), __module__=__name__))


def map_screen(history: History, catalogues: Catalogues, faces: Faces, file_name: str,
               read_only: bool = False) -> MapScreen:
    """The map screen, its keys described in the language in use now."""
    return _with_bindings(words.language())(history, catalogues, faces, file_name, read_only)
