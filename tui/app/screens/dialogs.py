"""Small modal questions: confirm, ask for a name, and the quit prompt.

Each returns its answer through `dismiss`, so the caller's callback gets it.
A question quotes values and file names: it is shown through the terminal
gate (`tui.app.gate.shown`), never read as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.app.widgets.button_row import ButtonRow
from tui.app.gate import ShownInput, shown
from tui.output.i18n import _


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; escape and n answer no, y answers yes."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False, id="confirm-no"),
        Binding("y,o", "answer(True)", show=False, id="confirm-yes"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.question), classes="dialog-question")
            with ButtonRow():
                yield Button(_("Oui"), id="yes", variant="primary")
                yield Button(_("Non"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text (a stage's name); escape returns None."""

    BINDINGS = [Binding("escape", "cancel", show=False, id="prompt-cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.question), classes="dialog-question")
            yield ShownInput(self.value, id="prompt-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuitScreen(ModalScreen[str]):
    """Unsaved changes on quit: returns "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("escape,c", "choose('cancel')", show=False, id="quit-cancel"),
        Binding("s,e", "choose('save')", show=False, id="quit-save"),
        Binding("d,q", "choose('discard')", show=False, id="quit-discard"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Des modifications ne sont pas enregistrées."), classes="dialog-question")
            with ButtonRow():
                yield Button(_("Enregistrer"), id="save", variant="primary")
                yield Button(_("Quitter sans enregistrer"), id="discard", variant="error")
                yield Button(_("Annuler"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ConflictScreen(ModalScreen[str]):
    """Saving over a changed file: returns "overwrite", "reload", "copy" or "cancel"."""

    BINDINGS = [Binding("escape", "choose('cancel')", show=False, id="conflict-cancel")]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.name_shown = name

    def compose(self) -> ComposeResult:
        question = _("{name} a changé sur le disque depuis son ouverture (quelqu'un d'autre l'a enregistré, ou git).")
        with Vertical(classes="dialog"):
            yield Static(shown(question.format(name=self.name_shown)), classes="dialog-question")
            with ButtonRow():
                yield Button(_("Enregistrer une copie"), id="copy", variant="primary")
                yield Button(_("Écraser"), id="overwrite", variant="warning")
                yield Button(_("Recharger (perdre mes modifs)"), id="reload", variant="error")
                yield Button(_("Annuler"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
