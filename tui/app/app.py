"""The parcours App: owns the document's history, saves it, and guards quitting.

Thin on purpose: the map screen edits, the core saves; the App wires them,
runs slow I/O in workers and asks before losing anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.app.bindings import MAP_KEYS
from tui.app.screens.dialogs import ConfirmScreen, QuitScreen
from tui.app.screens.map_screen import MapScreen, map_screen
from tui.catalogue import Catalogues
from tui.document import MapDocument
from tui.errors import MapError
from tui.faces import Faces
from tui.history import History
from tui.i18n import Label

SAVED = Label("Enregistré : {name}", "Saved: {name}")
CHANGED_ON_DISK = Label(
    "{name} a changé sur le disque depuis son ouverture. L'écraser quand même ?",
    "{name} changed on disk since it was opened. Overwrite it anyway?",
)
CANNOT_SAVE = Label("Échec de l'enregistrement — les modifications sont gardées : {error}",
                    "Save failed — your edits are kept: {error}")


class ParcoursApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "parcours"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit")]

    def __init__(self, document: MapDocument, catalogues: Catalogues, lang: str = "fr",
                 ascii_faces: bool = False, read_only: bool = False) -> None:
        super().__init__()
        self.document = document
        self.history = History(document)
        self.catalogues = catalogues
        self.lang = lang
        self.faces = Faces(ascii=ascii_faces)
        self.read_only = read_only
        self._quitting = False

    def on_mount(self) -> None:
        screen = map_screen(self.history, self.catalogues, self.lang, self.faces,
                            self.document.path.name, self.read_only)
        self.push_screen(screen)
        self.warm_up()

    @work(thread=True, exit_on_error=False)
    def warm_up(self) -> None:
        """Parse the tomlkit tree now, off the event loop, so the first edit is instant."""
        _ = self.document.toml

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MapScreen):
            for key in MAP_KEYS:
                if screen.check_action(key.action.split("(")[0], ()) and not key.id.startswith("cursor"):
                    yield SystemCommand(
                        f"{key.label(self.lang)} ({key.shown_keys})", key.help(self.lang),
                        lambda action=key.action: self.run_action(action, screen),
                    )

    # -- saving --------------------------------------------------------------------------

    def on_map_screen_save_requested(self) -> None:
        self.save()

    def save(self, then_quit: bool = False) -> None:
        if self.read_only:
            return
        if self.document.changed_on_disk():
            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self._write(then_quit)
            name = self.document.path.name
            self.push_screen(ConfirmScreen(CHANGED_ON_DISK(self.lang, name=name), self.lang), answered)
            return
        self._write(then_quit)

    @work(thread=True, exclusive=True, group="save")
    def _write(self, then_quit: bool) -> None:
        try:
            self.document.save()
        except MapError as error:
            self.call_from_thread(self._save_failed, error)
            return
        self.call_from_thread(self._saved, then_quit)

    def _saved(self, then_quit: bool) -> None:
        self.history.mark_saved()
        if isinstance(self.screen, MapScreen):
            self.screen.refresh_header()
        self.notify(SAVED(self.lang, name=self.document.path.name), timeout=2)
        if then_quit:
            self.exit()

    def _save_failed(self, error: MapError) -> None:
        self.notify(CANNOT_SAVE(self.lang, error=error), severity="error", timeout=10)

    # -- quitting ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if not self.history.dirty or self.read_only:
            self.exit()
            return
        if isinstance(self.screen, QuitScreen):
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.save(then_quit=True)
            elif choice == "discard":
                self.exit()

        self.push_screen(QuitScreen(self.lang), chosen)
