"""The command palette in the interface language, with only the built-in commands that work here.

Textual's palette says "Search for commands…" and offers Theme, Quit, Keys
and Screenshot in English. The editor and the map picker (both inherit
`Palette`) keep Theme, and Maximize/Minimize where they apply, in words of
the interface language; Quit and the keys are the apps' own commands (the
editor's help screen lists every key), and Screenshot is dropped: it writes
a file on the machine running the app, which over SSH or in a browser is not
the person's. Its search field draws what is typed or pasted through the terminal gate.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.command import CommandInput, CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from tui.app.gate import InPlace
from tui.output.i18n import N_, _

SEARCH_COMMANDS = N_("Chercher une commande…")
SEARCH_THEMES = N_("Chercher un thème…")


class ShownPalette(CommandPalette):
    """Textual's palette, its search field drawn through the terminal gate (`tui.app.gate.InPlace`):
    a text pasted into it may hold an escape sequence or a bidi override, shown, never obeyed."""

    def on_mount(self) -> None:
        field = self.query_one(CommandInput)
        field.highlighter = InPlace(field)


class Palette(App):
    """An App whose command palette speaks the interface language."""

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ShownPalette(placeholder=_(SEARCH_COMMANDS), id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(ShownPalette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Thème"), _("Changer les couleurs de l'interface"), self.action_change_theme)
        if screen.maximized is not None:
            yield SystemCommand(_("Réduire"), _("Rendre au panneau agrandi sa taille"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(_("Agrandir"), _("Agrandir le panneau qui a le focus"), screen.action_maximize)
