"""The map screen: turns keys into calls on the map's `Link` (alone, hosting or taking part in a
live session, it speaks as a `Session`), and its events into redraws.

Every rule (history, journal, saving, the file on disk) is the session's; the screen works out
which edit a key means (`tui.app.intents`), hands it over, and when the session says what changed
(the App forwards its events), tells its widgets (attributes down). Saving and quitting are the
App's: the screen asks for them with messages.
"""

from __future__ import annotations

import types
from functools import cache

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen

from tui.app import entry, intents, live
from tui.app.bindings import MAP_KEYS, READ_ONLY_IDS, bindings
from tui.app.screens.dialogs import ConfirmScreen, PromptScreen
from tui.app.screens.entry_keys import EntryKeys
from tui.app.screens.live_keys import LiveKeys
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.map_header import MapHeader
from tui.app.widgets.map_view import MapView
from tui.core import words
from tui.core.catalogue import Catalogues
from tui.core.edits import DeleteStage, DeleteTouchpoint, Edit
from tui.core.live.link import Link
from tui.core.model import JourneyMap
from tui.core.session import Changed
from tui.output.cells import KEYS, Row
from tui.output.faces import Faces
from tui.output.i18n import N_, _, ngettext

NOT_IN_CATALOGUE = N_("« {value} » n'est pas dans le catalogue : gardé comme texte libre")
STAGE_NAME = N_("Nom de la nouvelle étape :")
USE_KEYS = N_("Émotion : + et - changent le score")
NOTHING_TO_DELETE = N_("Pas de point de contact ici (D supprime l'étape)")
LAST_STAGE = N_("Impossible de supprimer la dernière étape")


class MapScreen(EntryKeys, LiveKeys, Screen):
    """Edits one map through `session` (a `Link`), handed down by the App; built by `map_screen`, with its bindings."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    #: Nothing takes the focus by itself: between edits no widget holds it and the screen's keys
    #: drive the grid (see `JourneyGrid`); the editor, picker and search take it while open.
    AUTO_FOCUS = ""

    class SaveRequested(Message):
        """ctrl+s: the App saves (in a worker) and reports back."""

    def __init__(self, session: Link, catalogues: Catalogues, faces: Faces,
                 file_name: str, read_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.drawn = -1  # the version of the map the grid shows (see `changed`)
        self.follow = live.Follow()
        self.catalogues = catalogues
        self.faces = faces
        self.file_name = file_name
        self.read_only = read_only
        #: The cursor's row when this face last asked for an edit (see `_follows`).
        self.asked_at: int | None = None

    @property
    def jmap(self) -> JourneyMap:
        """The map as the grid shows it (the link's may be a change ahead): a key means what is seen."""
        views = self.query(MapView)
        return views.first().jmap if views else self.session.map

    @property
    def view(self) -> MapView:
        return self.query_one(MapView)

    def compose(self) -> ComposeResult:
        # The breakpoint class from the start: added on the first resize instead, it
        # restyles and lays out the screen a second time before the first paint.
        width = self.app.size.width
        self.add_class(next(name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge))
        yield MapHeader(id="header")
        yield MapView(self.jmap, self.catalogues, self.faces, id="body")
        yield KeyBar(self.read_only, id="keys")

    def on_mount(self) -> None:
        self.changed()

    # -- what the session said ---------------------------------------------------------------

    def refresh_header(self) -> None:
        self.query_one(MapHeader).show(self.jmap, self.file_name, self.session.dirty, self.read_only,
                                       unprotected=self.session.journal_failing, live=self.live_words())

    def changed(self, event: Changed | None = None) -> None:
        """Redraw what one edit changed and follow it with the cursor; None: the whole map is new
        (reloaded, recovered edits, a live session's snapshot). Changes heard from other threads
        are drawn from the map each made, in version order; out of order, the whole map as now."""
        if event is not None and event.version <= self.drawn:
            return
        if event is None or event.after is None or event.version != self.drawn + 1:
            self.drawn, jmap = self.session.current()
            self.view.show_map(jmap)
        else:
            self.drawn = event.version
            self.view.changed(event.after, event.footprint, follow=self._follows(event))
        self.mark_others()
        self.refresh_header()

    def apply(self, edit: Edit | None) -> None:
        """Ask for `edit`; what it changed comes back as `changed`, a refusal as a notice (from the App)."""
        if edit is not None:
            self.asked_at = self.grid.cursor_row
            self.session.apply(edit)

    def _follows(self, event: Changed) -> bool:
        """The cursor follows one's own edit, unless it has moved to another row since the edit was
        asked for: a host's edits come back from its hub's thread, after the keys typed next (tab
        round to the next row, j…) moved it."""
        own = event.author in (None, self.session.me)
        return own and (self.asked_at is None or self.asked_at == self.grid.cursor_row)

    @property
    def row(self) -> Row | None:
        return self.grid.current_row

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only:
            allowed = {k.action.split("(")[0] for k in MAP_KEYS if k.id in READ_ONLY_IDS}
            return action in allowed or action == "read_only"
        return True

    def action_cursor(self, direction: str) -> None:
        self.stop_following()
        getattr(self.grid, f"action_cursor_{direction}")()

    @on(JourneyGrid.CellSelected)
    async def action_edit(self) -> None:
        row, key = self.grid.current_row, self.grid.current_key
        if self.read_only:
            self.action_read_only()
        if row is None or self.read_only:
            return
        if key == "emotion":
            self.notify(_(USE_KEYS))
            return
        await self.view.edit_cell(row, key)

    @on(MapView.CellEdited)
    async def _cell_edited(self, event: MapView.CellEdited) -> None:
        """A value from the editor or the picker (free text is kept, and said); tab goes on. Then
        the keys typed meanwhile go on, to the next cell or the grid."""
        try:
            if event.value is not None:
                if not self.keep(event.key, event.value):
                    return
                if not event.known:
                    self.notify(_(NOT_IN_CATALOGUE).format(value=event.value), severity="warning", timeout=4)
            if event.step:
                await self.advance(event.step)
        finally:
            self.view.release_keys()

    @on(MapView.Mode)
    def _mode(self, event: MapView.Mode) -> None:
        self.query_one(KeyBar).show_mode(event.mode)
        # The rack's class, not the screen's: a class on the screen would restyle every widget.
        self.query("ToastRack").set_class(event.mode == "pick", "-picking")

    def action_emotion(self, step: int) -> None:
        self.change(entry.Change("step", step))

    def action_add_touchpoint(self) -> None:
        if self.row is not None:
            self.apply(intents.add_touchpoint(self.jmap, self.row))
            self.grid.move_cursor(column=KEYS.index("channel"))

    def action_add_stage(self) -> None:
        row = self.row

        def named(name: str | None) -> None:
            if name:
                self.apply(intents.add_stage(self.jmap, row, name))

        self.app.push_screen(PromptScreen(_(STAGE_NAME)), named)

    def action_edit_op(self, name: str) -> None:
        """The key of an edit type that says itself what it does at the cursor (`Edit.at`)."""
        row = self.row
        if row is not None:
            self.apply(Edit.types[name].at(self.jmap, row.stage, row.touchpoint))

    def action_delete_touchpoint(self) -> None:
        if self.row is None or self.row.touchpoint is None:
            self.notify(_(NOTHING_TO_DELETE))
        else:
            self.apply(DeleteTouchpoint(self.jmap.touchpoint(self.row.stage, self.row.touchpoint).key))

    def action_delete_stage(self) -> None:
        if self.row is None:
            return
        if len(self.jmap.stages) == 1:
            self.notify(_(LAST_STAGE), severity="warning")
            return
        stage = self.jmap.stages[self.row.stage]

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.apply(DeleteStage(stage.id))

        count = len(stage.touchpoints)
        question = ngettext("Supprimer l'étape « {name} » et {count} point de contact ?",
                            "Supprimer l'étape « {name} » et ses {count} points de contact ?", count)
        self.app.push_screen(ConfirmScreen(question.format(name=stage.name, count=count)), confirmed)

    def action_move(self, step: int) -> None:
        if self.row is not None:
            self.apply(intents.move(self.jmap, self.row, step))

    def action_save(self) -> None:
        self.keep_typed()
        self.post_message(self.SaveRequested())

    async def action_toggle_preview(self) -> None:
        await self.view.toggle_preview()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_edit_details(self) -> None:
        from tui.app.screens.details import DetailsScreen

        def done(values: dict[str, str] | None) -> None:
            for edit in intents.details(self.jmap, values or {}):
                self.apply(edit)

        self.app.push_screen(DetailsScreen(self.jmap), done)

    async def action_search(self) -> None:
        await self.view.open_search()

    def action_search_next(self, step: int) -> None:
        self.view.search_next(step)


@cache
def _with_bindings(language: str, read_only: bool) -> type[MapScreen]:
    """MapScreen with its bindings described in `language` (Textual reads BINDINGS once per class)."""
    return types.new_class("MapScreen", (MapScreen,), exec_body=lambda namespace: namespace.update(
        BINDINGS=bindings(read_only), __module__=__name__))


def map_screen(session: Link, catalogues: Catalogues, faces: Faces, file_name: str,
               read_only: bool = False) -> MapScreen:
    """The map screen, its keys described in the language in use now."""
    return _with_bindings(words.language(), read_only)(session, catalogues, faces, file_name, read_only)
