"""A small form for the map's title and persona; returns the new values or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label as Caption

from tui.app.widgets.button_row import ButtonRow
from tui.app.gate import ShownInput
from tui.core.model import JourneyMap
from tui.output.i18n import N_, _

FIELDS = (
    ("title", N_("Titre")),
    ("persona-name", N_("Persona : nom")),
    ("persona-description", N_("Persona : description")),
)


class DetailsScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", show=False, id="details-cancel")]

    def __init__(self, jmap: JourneyMap) -> None:
        super().__init__(classes="dialog-screen")
        persona = jmap.persona
        self.values = {
            "title": jmap.title,
            "persona-name": persona.name if persona else "",
            "persona-description": persona.description if persona else "",
        }

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Caption(_("Titre et persona"), classes="dialog-question")
            for key, label in FIELDS:
                yield Caption(_(label))
                yield ShownInput(self.values[key], id=key)
            with ButtonRow():
                yield Button(_("Valider"), id="ok", variant="primary")
                yield Button(_("Annuler"), id="cancel")

    def _answer(self) -> dict[str, str]:
        return {key: self.query_one(f"#{key}", Input).value for key, _ in FIELDS}

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(self._answer())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self._answer() if event.button.id == "ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
