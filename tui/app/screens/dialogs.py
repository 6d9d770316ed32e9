"""Small modal questions: confirm, ask for a name, and the quit prompt.

Each returns its answer through `dismiss`, so the caller's callback gets it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.output.i18n import Label

YES = Label("Oui", "Yes")
NO = Label("Non", "No")
OK = Label("Valider", "OK")
CANCEL = Label("Annuler", "Cancel")
SAVE = Label("Enregistrer", "Save")
DISCARD = Label("Quitter sans enregistrer", "Quit without saving")
UNSAVED = Label("Des modifications ne sont pas enregistrées.", "There are unsaved changes.")


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; escape and n answer no, y answers yes."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False, id="confirm-no"),
        Binding("y,o", "answer(True)", show=False, id="confirm-yes"),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(YES(self.lang), id="yes", variant="primary")
                yield Button(NO(self.lang), id="no")

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

    def __init__(self, question: str, lang: str, value: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.lang = lang
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            yield Input(self.value, id="prompt-input")

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

    def __init__(self, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(UNSAVED(self.lang), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(SAVE(self.lang), id="save", variant="primary")
                yield Button(DISCARD(self.lang), id="discard", variant="error")
                yield Button(CANCEL(self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


CONFLICT = Label(
    "{name} a changé sur le disque depuis son ouverture (quelqu'un d'autre l'a enregistré, ou git).",
    "{name} changed on disk since it was opened (someone else saved it, or git).",
)
OVERWRITE = Label("Écraser", "Overwrite")
RELOAD = Label("Recharger (perdre mes modifs)", "Reload (drop my edits)")
COPY = Label("Enregistrer une copie", "Save a copy")


class ConflictScreen(ModalScreen[str]):
    """Saving over a changed file: returns "overwrite", "reload", "copy" or "cancel"."""

    BINDINGS = [Binding("escape", "choose('cancel')", show=False, id="conflict-cancel")]

    def __init__(self, name: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.name_shown = name
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(CONFLICT(self.lang, name=self.name_shown), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(COPY(self.lang), id="copy", variant="primary")
                yield Button(OVERWRITE(self.lang), id="overwrite", variant="warning")
                yield Button(RELOAD(self.lang), id="reload", variant="error")
                yield Button(CANCEL(self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
