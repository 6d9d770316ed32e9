"""The parcours App: owns the document and its history, saves, watches the file, guards quitting.

Thin on purpose: the map screen edits, the core saves; the App wires them,
runs file I/O in thread workers and asks before losing anything. Nothing is
lost on the way: every edit goes to the recovery journal as it is made, a
save never overwrites a file someone else changed without asking, and a map
changed on disk is reloaded when there is nothing unsaved to lose.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.app.bindings import MAP_KEYS
from tui.app.screens.dialogs import ConfirmScreen, ConflictScreen, PromptScreen, QuitScreen
from tui.app.screens.map_screen import MapScreen, map_screen
from tui.app.screens.recover import RecoverScreen
from tui.core.catalogue import Catalogues
from tui.core.confine import PathRefused, Refusal, new_file_in
from tui.core.document import MapDocument, StaleMap, digest
from tui.output.edit_words import describe
from tui.core.errors import MapError
from tui.output.faces import Faces
from tui.core.history import History
from tui.output.i18n import Label
from tui.core.journal import Journal, Recovery, ReplayError, replay
from tui.core.storage import read_bytes

SAVED = Label("Enregistré : {name}", "Saved: {name}")
COPY_SAVED = Label("Copie enregistrée : {name} (vous éditez maintenant la copie)",
                   "Copy saved: {name} (you are now editing the copy)")
CANNOT_SAVE = Label("Échec de l'enregistrement — vos modifications sont gardées : {error}. W : enregistrer sous…",
                    "Save failed — your edits are kept: {error}. W: save as…")
DROP_EDITS = Label("Abandonner vos modifications non enregistrées et recharger {name} depuis le disque ?",
                   "Drop your unsaved edits and reload {name} from disk?")
SAVE_AS = Label("Enregistrer sous (chemin du fichier) :", "Save as (file path):")
RELOADED = Label("{name} a changé sur le disque : rechargé.", "{name} changed on disk: reloaded.")
CHANGED_UNDER_YOU = Label(
    "{name} a changé sur le disque, et vous avez des modifications non enregistrées. ctrl+s proposera quoi faire.",
    "{name} changed on disk and you have unsaved edits. ctrl+s will offer what to do.",
)
RECOVERED = Label("{count} modification(s) récupérée(s) — u pour annuler", "{count} edit(s) recovered — u to undo")
NOT_RECOVERED = Label("Récupération impossible (modification {n} : {error}) ; carte laissée telle quelle. Journal mis de côté : {path}",
                      "Could not recover (edit {n}: {error}); the map is left as it was. Journal set aside: {path}")

#: How often the map file is checked for changes made by someone else.
WATCH_SECONDS = 1.0

_ONLY_NEW_MAPS = Label("Refusé : dans le navigateur, « enregistrer sous » crée seulement un nouveau fichier .toml dans le dossier de la carte.",
                       "Refused: in the browser, save as only creates a new .toml file in the map's folder.")
SAVE_AS_REFUSED = {
    Refusal.OUTSIDE: _ONLY_NEW_MAPS,
    Refusal.NOT_A_MAP: _ONLY_NEW_MAPS,
    Refusal.EXISTS: Label("Refusé : ce fichier existe déjà, et le navigateur ne remplace aucun fichier.",
                          "Refused: that file already exists, and the browser never replaces a file."),
}


class ParcoursApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "parcours"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit"),
        Binding("W", "save_as", "Save as", show=False, id="save-as"),
    ]

    def __init__(self, document: MapDocument, catalogues: Catalogues, lang: str = "fr",
                 ascii_faces: bool = False, read_only: bool = False,
                 recovery: Recovery | None = None, journal_folder: Path | None = None,
                 save_folder: Path | None = None) -> None:
        super().__init__()
        #: Set in a browser session (`parcours serve`): save-as then only creates new maps in this folder.
        self.save_folder = save_folder
        self.document = document
        self.catalogues = catalogues
        self.lang = lang
        self.faces = Faces(ascii=ascii_faces)
        self.read_only = read_only
        self.recovery = recovery
        self.journal = Journal(document.path, document.disk_digest, journal_folder)
        self.history = History(document, on_change=None if read_only else self.journal.record)
        self._warned_digest: str | None = None

    @property
    def map_screen(self) -> MapScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MapScreen)), None)

    def get_default_screen(self) -> Screen:
        # The map screen is the base screen: pushed over Textual's empty default one, the
        # empty screen would be composed, laid out and replaced before the first paint.
        return map_screen(self.history, self.catalogues, self.lang, self.faces,
                          self.document.path.name, self.read_only)

    def on_mount(self) -> None:
        # After the first paint: the parse holds the GIL in long stretches and would delay it.
        self.call_after_refresh(self.warm_up)
        self.set_interval(WATCH_SECONDS, self.check_disk)
        if self.recovery is not None:
            self.offer_recovery(self.recovery)

    @work(thread=True, exit_on_error=False)
    def warm_up(self) -> None:
        """Parse the tomlkit tree now, off the event loop, so the first edit is instant.

        Then freeze what exists: the tree of a large map is millions of objects
        that live as long as the document, and a full garbage collection walking
        them took a third of a second in the middle of a key press. The collector,
        off while the editor started (see `tui.cli.main`), comes back on first, so
        that the parse's garbage is collected rather than frozen.
        """
        gc.enable()
        _ = self.document.toml
        gc.freeze()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MapScreen):
            for key in MAP_KEYS:
                if screen.check_action(key.action.split("(")[0], ()) and not key.id.startswith("cursor"):
                    yield SystemCommand(
                        f"{key.label(self.lang)} ({key.shown_keys})", key.help(self.lang),
                        lambda action=key.action: self.run_action(action, screen),
                    )
            if not self.read_only:
                yield SystemCommand(f"{SAVE_AS(self.lang).rstrip(' :')} (W)", SAVE_AS(self.lang), self.action_save_as)

    # -- recovery ------------------------------------------------------------------------

    def offer_recovery(self, recovery: Recovery) -> None:
        jmap = self.document.map
        lines = [describe(edit, jmap, self.lang) for edit in recovery.edits]
        base_changed = recovery.base is not None and recovery.base != self.document.disk_digest
        when = started_at(recovery)

        def answered(recover: bool | None) -> None:
            if recover:
                self.replay(recovery)
            else:
                self.journal.clear()

        self.push_screen(RecoverScreen(lines, when, base_changed, self.lang), answered)

    def replay(self, recovery: Recovery) -> None:
        try:
            history = replay(self.document, recovery)
        except ReplayError as error:
            path = self.journal.set_aside()
            self.notify(NOT_RECOVERED(self.lang, n=error.number, error=error, path=path), severity="error", timeout=15)
            return
        # The journal is rewritten only now: a replay that fails leaves the old one to set aside.
        self.journal.restart(self.document.disk_digest)
        for edit in recovery.edits:
            self.journal.record(edit)
        history.on_change = self.journal.record
        self._use(history)
        self.notify(RECOVERED(self.lang, count=len(recovery.edits)), timeout=5)

    def _use(self, history: History) -> None:
        """Edit through `history` from now on (a reload or a recovery made it)."""
        self.history = history
        self.document = history.document
        screen = self.map_screen
        if screen is not None:
            screen.history = history
            screen.reload()

    # -- watching the file ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def check_disk(self) -> None:
        try:
            current = digest(read_bytes(self.document.path))
        except MapError:
            return
        if current != self.document.disk_digest:
            self.call_from_thread(self._disk_changed, current)

    def _disk_changed(self, current: str) -> None:
        name = self.document.path.name
        if self.history.dirty and not self.read_only:
            if self._warned_digest != current:
                self._warned_digest = current
                self.notify(CHANGED_UNDER_YOU(self.lang, name=name), severity="warning", timeout=15)
            return
        self.reload_from_disk()
        self.notify(RELOADED(self.lang, name=name), timeout=4)

    def reload_from_disk(self) -> None:
        """Drop the in-memory document for the file as it is now; keep the cursor where it can be."""
        try:
            fresh = MapDocument.load(self.document.path)
        except MapError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.journal.restart(fresh.disk_digest)
        self._use(History(fresh, on_change=None if self.read_only else self.journal.record))
        self.warm_up()

    # -- saving --------------------------------------------------------------------------

    def on_map_screen_save_requested(self) -> None:
        self.save()

    def save(self, then_quit: bool = False, force: bool = False, path: Path | None = None) -> None:
        if not self.read_only:
            self._write(then_quit, force, path)

    @work(thread=True, exclusive=True, group="save")
    def _write(self, then_quit: bool, force: bool, path: Path | None) -> None:
        try:
            self.document.save(path, force=force)
        except StaleMap:
            self.call_from_thread(self._conflict, then_quit)
            return
        except MapError as error:
            self.call_from_thread(self._save_failed, error)
            return
        self.call_from_thread(self._saved, then_quit, path is not None)

    def _saved(self, then_quit: bool, renamed: bool) -> None:
        self.history.mark_saved()
        self.journal.restart(self.document.disk_digest)
        if renamed:
            self.journal = Journal(self.document.path, self.document.disk_digest, self.journal.path.parent)
            self.history.on_change = self.journal.record
        screen = self.map_screen
        if screen is not None:
            screen.file_name = self.document.path.name
            screen.refresh_header()
        self.notify(SAVED(self.lang, name=self.document.path.name), timeout=2)
        if then_quit:
            self.exit()

    def _save_failed(self, error: MapError) -> None:
        self.notify(CANNOT_SAVE(self.lang, error=error), severity="error", timeout=15)

    def _conflict(self, then_quit: bool) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "overwrite":
                self.save(then_quit, force=True)
            elif choice == "copy":
                self.save(then_quit, force=True, path=self.document.copy_path())
            elif choice == "reload":
                self.push_screen(ConfirmScreen(DROP_EDITS(self.lang, name=self.document.path.name), self.lang),
                                 lambda sure: self.reload_from_disk() if sure else None)

        self.push_screen(ConflictScreen(self.document.path.name, self.lang), chosen)

    def action_save_as(self) -> None:
        if self.read_only:
            return

        def named(answer: str | None) -> None:
            if not answer:
                return
            if self.save_folder is not None:
                try:
                    target = new_file_in(self.save_folder, answer, self.document.path.name)
                except PathRefused as refused:
                    self.notify(SAVE_AS_REFUSED[refused.reason](self.lang), severity="error", timeout=10)
                    return
            else:
                target = Path(answer).expanduser()
                if target.is_dir():
                    target = target / self.document.path.name
            self.save(force=True, path=target)

        self.push_screen(PromptScreen(SAVE_AS(self.lang), self.lang, str(self.document.copy_path())), named)

    # -- quitting ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if not self.history.dirty or self.read_only:
            self.journal.clear()
            self.exit()
            return
        if isinstance(self.screen, QuitScreen):
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.save(then_quit=True)
            elif choice == "discard":
                self.journal.clear()
                self.exit()

        self.push_screen(QuitScreen(self.lang), chosen)


def started_at(recovery: Recovery) -> str:
    try:
        return datetime.fromisoformat(recovery.started).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return recovery.started
