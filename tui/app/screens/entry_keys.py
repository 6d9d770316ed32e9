"""The map screen's keys for entering a meeting quickly: go on with tab, `"` `.` `]` `[`, copy and
paste, the record (`o`) and the external editor (ctrl+e); and what was typed, kept before a save
or a quit as enter would keep it.

A part of `MapScreen` (it inherits this class), kept apart so that each file
stays one readable page: the rules are in `tui.app.entry`, the edits go
through the screen's `apply` like every other key's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from tui.app import entry
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import CATALOGUE_KEYS, KEYS, full_text, raw_value
from tui.output.i18n import N_, _

if TYPE_CHECKING:
    from tui.app.screens.map_screen import MapScreen

READ_ONLY = N_("Lecture seule")
NOTHING_ABOVE = N_("Pas de cellule au-dessus")
NOTHING_TO_REPEAT = N_("Rien à répéter")
NO_EMPTY_CELL = N_("Aucune cellule vide")
COPIED = N_("Copié : {text}")
NOT_A_SCORE = N_("Émotion : un nombre de -2 à 2")
TEXT_CELLS_ONLY = N_("ctrl+e modifie une cellule de texte (Réponse, Qui…)")
NO_RECORD = N_("Pas de point de contact ici")
EMPTY_NAME = N_("Une étape doit avoir un nom")


class EntryKeys:
    """Actions of `MapScreen` for fast entry (a mixin: `self` is the map screen)."""

    #: The last change of a cell, which `.` repeats.
    last_change: entry.Change | None = None

    @property
    def grid(self: MapScreen) -> JourneyGrid:
        return self.query_one(JourneyGrid)

    def action_read_only(self: MapScreen) -> None:
        self.notify(_(READ_ONLY), severity="warning", timeout=2)

    def change(self: MapScreen, change: entry.Change, remember: bool = True) -> None:
        """Make `change` on the cell under the cursor; `.` will make it again."""
        grid = self.grid
        if not grid.rows_model:
            return
        if remember:
            self.last_change = change
        self.apply(change.edit(self.jmap, grid.rows_model, grid.cursor_row, grid.current_key))

    def keep(self: MapScreen, key: str, value: str) -> bool:
        """Set the cell under the cursor to what was typed; False (and said) for a blank stage name."""
        if key == "stage" and not value.strip():
            self.notify(_(EMPTY_NAME), severity="warning")
            return False
        self.change(entry.Change("set", value))
        return True

    def keep_typed(self: MapScreen) -> bool:
        """Keep what the cell editor holds, as enter would, before a save or a quit; True when
        that changes the map (the session may apply it later: `dirty` cannot say so yet)."""
        typed = self.view.keep_typed()
        if typed is None:
            return False
        row, key, text = typed
        return text != str(raw_value(self.jmap, row, key) or "") and self.keep(key, text)

    async def advance(self: MapScreen, step: int) -> None:
        """Tab in the editor or the picker: edit the next (previous) editable cell, round to the next row."""
        grid = self.grid
        spot = entry.next_editable(grid.rows_model, KEYS, (grid.cursor_row, grid.cursor_column), step)
        if spot is not None:
            grid.move_cursor(row=spot[0], column=spot[1])
            await self.action_edit()

    def action_same_as_above(self: MapScreen) -> None:
        grid = self.grid
        if grid.rows_model and entry.above(self.jmap, grid.rows_model, grid.cursor_row, grid.current_key) is None:
            self.notify(_(NOTHING_ABOVE), timeout=2)
            return
        self.change(entry.Change("above"))

    def action_repeat(self: MapScreen) -> None:
        if self.last_change is None:
            self.notify(_(NOTHING_TO_REPEAT), timeout=2)
        else:
            self.change(self.last_change)

    def action_empty_cell(self: MapScreen, step: int) -> None:
        grid = self.grid
        spot = entry.next_empty(self.jmap, grid.rows_model, KEYS, (grid.cursor_row, grid.cursor_column), step)
        if spot is None:
            self.notify(_(NO_EMPTY_CELL), timeout=2)
        else:
            grid.move_cursor(row=spot[0], column=spot[1])

    def action_copy(self: MapScreen) -> None:
        row = self.row
        if row is None:
            return
        text = full_text(self.jmap, row, self.grid.current_key, self.catalogues)
        self.app.copy_to_clipboard(text)
        shown = " ".join(text.split())
        self.notify(_(COPIED).format(text=shown if len(shown) <= 40 else shown[:39] + "…"), timeout=2)

    def on_paste(self: MapScreen, event: events.Paste) -> None:
        """A terminal paste on the grid sets the cell under the cursor (one edit); a paste into an
        open field (the cell being edited, the picker, the search) is that field's."""
        if not self.view.browsing() or not event.text or self.row is None:
            return
        event.stop()
        if self.read_only:
            self.action_read_only()
            return
        key = self.grid.current_key
        value = entry.typed(self.catalogues, key, event.text)
        if value is None:
            self.notify(_(NOT_A_SCORE) if key == "emotion" else _(EMPTY_NAME), severity="warning")
            return
        self.change(entry.Change("set", value))

    def action_external_editor(self: MapScreen) -> None:
        from tui.app.external_editor import EditorFailed, edit_text

        row, key = self.row, self.grid.current_key
        if row is None or key == "emotion" or key in CATALOGUE_KEYS:
            self.notify(_(TEXT_CELLS_ONLY), timeout=3)
            return
        try:
            text = edit_text(self.app, str(raw_value(self.jmap, row, key) or ""), key)
        except EditorFailed as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        if text is not None:
            value = entry.typed(self.catalogues, key, text)
            if value is None:
                self.notify(_(EMPTY_NAME), severity="warning")
            else:
                self.change(entry.Change("set", value))

    def action_record(self: MapScreen) -> None:
        from tui.app.screens.record import RecordScreen

        row = self.row
        if row is None:
            self.notify(_(NO_RECORD))
            return
        self.app.push_screen(RecordScreen(self.session, row, self.catalogues, self.faces, self.apply, self.read_only,
                                          focus=self.grid.current_key))
