"""The help screen, generated from the same key table as the bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.bindings import MAP_KEYS
from tui.output.i18n import _


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", show=False, id="help-close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        table = Table(_("Touches"), _("Action"), box=None, header_style="bold", expand=True)
        for key in MAP_KEYS:
            table.add_row(key.shown_keys, key.description())
        foot = _(
            "Dans l'éditeur de cellule : entrée garde, tab garde et passe à la cellule suivante, "
            "échap annule, ctrl+j saut de ligne.\n"
            "Dans le sélecteur : tapez pour filtrer (le meilleur d'abord), haut/bas, entrée choisit ; "
            "un texte hors catalogue est gardé tel quel.\n"
            "Un collage dans le terminal remplace la cellule courante.\n"
            "ctrl+p : palette de commandes (toutes les actions).  Échap ferme cette aide."
        )
        with VerticalScroll(classes="dialog help"):
            yield Static(_("Touches de parcours"), classes="dialog-question")
            yield Static(table)
            yield Static(foot, classes="help-foot")

    def action_close(self) -> None:
        self.dismiss(None)
