"""The map screen: turns keys into calls on the map's `Session`, and its events into redraws.

Every rule (history, journal, saving, the file on disk) is the session's; the
screen works out which edit a key means (`tui.app.intents`), hands it over,
and when the session says what changed (the App forwards its events), tells
its widgets (attributes down). Saving and quitting are the App's: the screen
asks for them with messages.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable

from tui.app import intents
from tui.app import live
from tui.app.bindings import MAP_KEYS, READ_ONLY_IDS, bindings
from tui.app.screens.dialogs import ConfirmScreen, PromptScreen
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.map_header import MapHeader
from tui.app.widgets.map_view import MapView
from tui.core.catalogue import Catalogues
from tui.core.edits import DeleteStage, DeleteTouchpoint, Edit, ItemGone
from tui.core.live.events import Presence
from tui.core.live.link import Link
from tui.core.model import JourneyMap
from tui.core.session import Changed
from tui.output.cells import KEYS, Row, row_index
from tui.output.faces import Faces
from tui.output.i18n import Label
from tui.output.visible import visible_line

NOT_IN_CATALOGUE = Label(
    "« {value} » n'est pas dans le catalogue. L'utiliser quand même comme texte libre ?",
    "“{value}” is not in the catalogue. Use it anyway as free text?",
)
STAGE_NAME = Label("Nom de la nouvelle étape :", "Name of the new stage:")
DELETE_STAGE = Label("Supprimer l'étape « {name} » et ses {count} points de contact ?",
                     "Delete the stage “{name}” and its {count} touchpoints?")
USE_KEYS = Label("Émotion : + et - changent le score", "Feeling: + and - change the score")
NOTHING_TO_DELETE = Label("Pas de point de contact ici (D supprime l'étape)", "No touchpoint here (D deletes the stage)")
EMPTY_NAME = Label("Une étape doit avoir un nom", "A stage needs a name")
LAST_STAGE = Label("Impossible de supprimer la dernière étape", "Cannot delete the last stage")


class MapScreen(Screen):
    """Edits one map through `session` (a `Link`: alone, hosting or taking part), handed down by the App."""

    BINDINGS = bindings("fr")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    class SaveRequested(Message):
        """ctrl+s: the App saves (in a worker) and reports back."""

    def __init__(self, session: Link, catalogues: Catalogues, lang: str, faces: Faces,
                 file_name: str, read_only: bool = False) -> None:
        super().__init__()
        self.session = session
        #: The version of the map the grid shows (changes drawn in order; see `changed`).
        self.drawn = -1
        self.follow = live.Follow()
        self.catalogues = catalogues
        self.lang = lang
        self.faces = faces
        self.file_name = file_name
        self.read_only = read_only

    @property
    def jmap(self) -> JourneyMap:
        return self.session.map

    @property
    def view(self) -> MapView:
        return self.query_one(MapView)

    def compose(self) -> ComposeResult:
        # The breakpoint class from the start: added on the first resize instead, it
        # restyles and lays out the screen a second time before the first paint.
        width = self.app.size.width
        self.add_class(next(name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge))
        yield MapHeader(id="header")
        yield MapView(self.jmap, self.catalogues, self.lang, self.faces, id="body")
        yield KeyBar(self.lang, self.read_only, id="keys")

    def on_mount(self) -> None:
        self.changed()
        self.query_one(JourneyGrid).focus()

    # -- what the session said ---------------------------------------------------------------

    def refresh_header(self) -> None:
        link = self.session
        words = live.header_words(link.role, link.connected, len(link.presence.participants), self.lang)
        self.query_one(MapHeader).show(self.jmap, self.file_name, self.session.dirty, self.lang, self.read_only,
                                       unprotected=self.session.journal_failing, live=words)

    def changed(self, event: Changed | None = None) -> None:
        """Redraw what one edit changed and follow it with the cursor; None: the whole map is new
        (reloaded from disk, recovered edits, a live session's snapshot).

        In a live session changes come from other threads and may be heard after the map moved
        on: each is drawn from the map it made, in version order, and anything out of order
        redraws the whole map as it is now.
        """
        if event is not None and event.version <= self.drawn:
            return
        if event is None or event.after is None or event.version != self.drawn + 1:
            self.drawn, jmap = self.session.current()
            self.view.show_map(jmap)
        else:
            self.drawn = event.version
            self.view.changed(event.after, event.footprint)
        self._mark_others()
        self.refresh_header()

    def apply(self, edit: Edit | None) -> None:
        if edit is None:
            return
        try:
            self.session.apply(edit)
        except ItemGone as error:  # someone else's edit removed it first (a live session)
            self.notify(str(error), severity="warning")

    @property
    def row(self) -> Row | None:
        return self.query_one(JourneyGrid).current_row

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only:
            allowed = {k.action.split("(")[0] for k in MAP_KEYS if k.id in READ_ONLY_IDS}
            if action not in allowed:
                return False
        return True

    def action_cursor(self, direction: str) -> None:
        if self.follow.pid is not None:  # a movement of one's own ends following
            self.follow.pid = None
            self.notify(live.STOPPED(self.lang), timeout=2)
        getattr(self.query_one(JourneyGrid), f"action_cursor_{direction}")()

    # -- a live session: the others' cursors, following one ------------------------------------------

    @on(DataTable.CellHighlighted)
    def _cursor_moved(self) -> None:
        """Tell the others where this cursor is (and on which line of the screen, for followers)."""
        grid = self.query_one(JourneyGrid)
        row = grid.current_row
        jmap = self.view.jmap
        if row is None or row.stage >= len(jmap.stages):
            return
        stage = jmap.stages[row.stage]
        touchpoint = stage.touchpoints[row.touchpoint].key if row.touchpoint is not None else None
        self.session.cursor(stage.id, touchpoint, grid.current_key, max(0, grid.cursor_row - int(grid.scroll_y)))

    def presence(self, event: Presence) -> None:
        """Someone came, went or moved: mark the cursors, follow whom this face follows."""
        self._mark_others()
        if event.mover is None:
            self.refresh_header()
        followed = self.follow.whom(event)
        if followed is not None and event.mover in (None, followed.pid):
            self._go_to(followed)

    def _mark_others(self) -> None:
        grid = self.query_one(JourneyGrid)
        grid.show_presence(live.marks(self.session.presence, self.view.jmap, grid.rows_model))

    def _go_to(self, person) -> None:  # noqa: ANN001 (a Participant)
        spot = live.spot_of(self.view.jmap, person)
        grid = self.query_one(JourneyGrid)
        if spot is None or not grid.rows_model:
            return
        row = row_index(grid.rows_model, *spot)
        column = KEYS.index(person.column) if person.column in KEYS else grid.cursor_column
        grid.scroll_to(y=max(0, row - person.line), animate=False)
        grid.move_cursor(row=row, column=column, scroll=False)

    def action_follow(self) -> None:
        presence = self.session.presence
        if not presence.others:
            self.notify(live.NOBODY(self.lang), timeout=4)
            return
        chosen = self.follow.next(presence)
        if chosen is None:
            self.notify(live.STOPPED(self.lang), timeout=2)
            return
        self.notify(live.FOLLOWING(self.lang, name=visible_line(chosen.name)), timeout=3, markup=False)
        self._go_to(chosen)

    @on(DataTable.CellSelected)
    async def action_edit(self) -> None:
        grid = self.query_one(JourneyGrid)
        row, key = grid.current_row, grid.current_key
        if row is None or self.read_only:
            return
        if key == "emotion":
            self.notify(USE_KEYS(self.lang))
            return
        await self.view.edit_cell(row, key)

    @on(MapView.CellEdited)
    def _cell_edited(self, event: MapView.CellEdited) -> None:
        def confirmed(answer: bool | None = True) -> None:
            if not answer:
                return
            if event.key == "stage" and not event.value.strip():
                self.notify(EMPTY_NAME(self.lang), severity="warning")
                return
            self.apply(intents.set_cell(self.jmap, event.row, event.key, event.value))

        if event.known:
            confirmed()
        else:
            self.app.push_screen(ConfirmScreen(NOT_IN_CATALOGUE(self.lang, value=event.value), self.lang), confirmed)

    @on(MapView.Mode)
    def _mode(self, event: MapView.Mode) -> None:
        self.query_one(KeyBar).show_mode(event.mode)

    def action_emotion(self, step: int) -> None:
        if self.row is not None:
            self.apply(intents.emotion(self.jmap, self.row, step))

    def action_add_touchpoint(self) -> None:
        if self.row is not None:
            self.apply(intents.add_touchpoint(self.jmap, self.row))

    def action_add_stage(self) -> None:
        row = self.row

        def named(name: str | None) -> None:
            if name:
                self.apply(intents.add_stage(self.jmap, row, name))

        self.app.push_screen(PromptScreen(STAGE_NAME(self.lang), self.lang), named)

    def action_edit_op(self, name: str) -> None:
        """The key of an edit type that says itself what it does at the cursor (`Edit.at`)."""
        row = self.row
        if row is not None:
            self.apply(Edit.types[name].at(self.jmap, row.stage, row.touchpoint))

    def action_delete_touchpoint(self) -> None:
        if self.row is None or self.row.touchpoint is None:
            self.notify(NOTHING_TO_DELETE(self.lang))
        else:
            self.apply(DeleteTouchpoint(self.jmap.touchpoint(self.row.stage, self.row.touchpoint).key))

    def action_delete_stage(self) -> None:
        if self.row is None:
            return
        if len(self.jmap.stages) == 1:
            self.notify(LAST_STAGE(self.lang), severity="warning")
            return
        stage = self.jmap.stages[self.row.stage]

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.apply(DeleteStage(stage.id))

        question = DELETE_STAGE(self.lang, name=stage.name, count=len(stage.touchpoints))
        self.app.push_screen(ConfirmScreen(question, self.lang), confirmed)

    def action_move(self, step: int) -> None:
        if self.row is not None:
            self.apply(intents.move(self.jmap, self.row, step))

    def action_undo(self) -> None:
        self.session.undo()  # with nothing (of one's own) to undo, the session says so: a Refusal

    def action_redo(self) -> None:
        self.session.redo()

    def action_save(self) -> None:
        self.post_message(self.SaveRequested())

    async def action_toggle_preview(self) -> None:
        await self.view.toggle_preview()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang))

    def action_edit_details(self) -> None:
        from tui.app.screens.details import DetailsScreen

        def done(values: dict[str, str] | None) -> None:
            for edit in intents.details(self.jmap, values or {}):
                self.apply(edit)

        self.app.push_screen(DetailsScreen(self.jmap, self.lang), done)

    async def action_search(self) -> None:
        await self.view.open_search()

    def action_search_next(self, step: int) -> None:
        self.view.search_next(step)


class MapScreenEn(MapScreen, inherit_bindings=False):
    """The same screen with English key descriptions in the footer."""

    BINDINGS = bindings("en")


def map_screen(session: Link, catalogues: Catalogues, lang: str, faces: Faces, file_name: str,
               read_only: bool = False) -> MapScreen:
    screen_class = MapScreenEn if lang == "en" else MapScreen
    return screen_class(session, catalogues, lang, faces, file_name, read_only)
