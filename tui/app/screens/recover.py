"""Offering back the edits a lost session left in the recovery journal."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.app.widgets.button_row import ButtonRow
from tui.app.gate import shown, shown_lines
from tui.output.i18n import _, ngettext


class RecoverScreen(ModalScreen[bool]):
    """Lists a lost session's edits; returns True to replay them, False to drop them.

    When several sessions were lost, the others are listed (time, number of
    edits) and offered one after the other.
    """

    BINDINGS = [
        Binding("escape", "answer(False)", show=False, id="recover-no"),
        Binding("y,o,r", "answer(True)", show=False, id="recover-yes"),
    ]

    def __init__(self, lines: list[str], when: str, base_changed: bool,
                 others: Sequence[tuple[str, int]] = ()) -> None:
        super().__init__(classes="dialog-screen")
        self.lines = lines
        self.when = when
        self.base_changed = base_changed
        self.others = others

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            question = ngettext(
                "{count} modification non enregistrée de la session du {when} a été retrouvée :",
                "{count} modifications non enregistrées de la session du {when} ont été retrouvées :",
                len(self.lines),
            )
            yield Static(shown(question.format(count=len(self.lines), when=self.when)), classes="dialog-question")
            if self.base_changed:
                yield Static(_("Attention : la carte a changé sur le disque depuis ; "
                               "certaines modifications peuvent ne plus s'appliquer."), classes="warning")
            with VerticalScroll(classes="recover-list"):
                # The edits quote the lost session's values: each line through the gate.
                yield Static(shown_lines(f"• {line}" for line in self.lines))
            if self.others:
                lines = [_("Autres sessions perdues, proposées ensuite :")]
                for when, count in self.others:
                    session = ngettext("session du {when} : {count} modification",
                                       "session du {when} : {count} modifications", count)
                    lines.append("• " + session.format(when=when, count=count))
                yield Static(shown_lines(lines))
            with ButtonRow():
                yield Button(_("Récupérer"), id="recover", variant="primary")
                yield Button(_("Abandonner"), id="drop", variant="error")

    def on_mount(self) -> None:
        self.query_one("#recover", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "recover")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
