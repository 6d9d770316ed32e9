"""The map screen in a live session: it tells where its cursor is, marks the others' cursors,
says who is here in the header, follows someone with `F`, and undoes one's own edits.

A part of `MapScreen` (it inherits this class), kept apart so that the screen
stays one readable page; what the session's news mean in words and marks is
`tui.app.live`'s. Alone on a map all of this is quiet: the link's presence
has nobody else in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import live
from tui.core.live.protocol import Participant
from tui.output.cells import KEYS, row_index
from tui.output.i18n import _
from tui.output.visible import visible_line

if TYPE_CHECKING:
    from tui.app.screens.map_screen import MapScreen


class LiveKeys:
    """Actions and news of `MapScreen` for a live session (a mixin: `self` is the map screen)."""

    #: Whom this screen follows (F); set by the screen.
    follow: live.Follow

    def live_words(self: MapScreen) -> str:
        """The header's words for the session: « en direct · 3 participants », or nothing alone."""
        link = self.session
        return live.header_words(link.role, link.connected, len(link.presence.participants))

    def on_journey_grid_cell_highlighted(self: MapScreen) -> None:
        """Tell the others where this cursor is (and on which line of the screen, for followers)."""
        grid = self.grid
        row, jmap = grid.current_row, self.view.jmap
        if row is None or row.stage >= len(jmap.stages):
            return
        stage = jmap.stages[row.stage]
        touchpoint = stage.touchpoints[row.touchpoint].key if row.touchpoint is not None else None
        self.session.cursor(stage.id, touchpoint, grid.current_key, max(0, grid.cursor_row - int(grid.scroll_y)))

    def presence(self: MapScreen, event: live.Presence) -> None:
        """Someone came, went or moved: mark the cursors, follow whom this face follows."""
        self.mark_others()
        if event.mover is None:
            self.refresh_header()
        followed = self.follow.whom(event)
        if followed is not None and event.mover in (None, followed.pid):
            self._go_to(followed)

    def mark_others(self: MapScreen) -> None:
        """Mark the others' cursors on the rows as they are now (after rows shift, again)."""
        grid = self.grid
        grid.show_marks(live.marks(self.session.presence, self.view.jmap, grid.rows_model))

    def _go_to(self: MapScreen, person: Participant) -> None:
        spot = live.spot_of(self.view.jmap, person)
        grid = self.grid
        if spot is None or not grid.rows_model:
            return
        row = row_index(grid.rows_model, *spot)
        column = KEYS.index(person.column) if person.column in KEYS else grid.cursor_column
        grid.scroll_to(y=max(0, row - person.line), animate=False, force=True)
        grid.move_cursor(row=row, column=column)

    def stop_following(self: MapScreen) -> None:
        """A movement of one's own ends following."""
        if self.follow.pid is not None:
            self.follow.pid = None
            self.notify(_(live.STOPPED), timeout=2)

    def action_undo(self: MapScreen) -> None:
        """Undo this face's own last edit (alone, simply the last); with nothing of one's own to
        undo, or someone else's change in the way, the link says so: a Refusal, told by the App."""
        self.asked_at = self.grid.cursor_row
        self.session.undo()

    def action_redo(self: MapScreen) -> None:
        self.asked_at = self.grid.cursor_row
        self.session.redo()

    def action_follow(self: MapScreen) -> None:
        presence = self.session.presence
        if not presence.others:
            self.notify(_(live.NOBODY), timeout=4)
            return
        chosen = self.follow.next(presence)
        if chosen is None:
            self.notify(_(live.STOPPED), timeout=2)
            return
        self.notify(_(live.FOLLOWING).format(name=visible_line(chosen.name)), timeout=3)
        self._go_to(chosen)

