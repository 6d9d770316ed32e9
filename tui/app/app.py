"""The parcours App: opens the map's Session, hands its events to the screens, guards quitting.

Thin on purpose: the session (`tui.core.session`) holds every rule — history,
the recovery journal, saving without overwriting someone else's work, the
file changing on disk — and the map screen edits through it. The App holds it
through a `Link` (`tui.core.live.link`), the same whether this editor is alone
on the map, hosts a live session or took part in one: the link speaks in the
Session's events, plus who is here (`tui.app.live` shows them). The App runs the
session's slow work in thread workers, turns its events into redraws and
notices (an event from a worker or the journal's thread is posted to the
App's own loop), and asks before losing anything.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from tui.app import live
from tui.app.bindings import MAP_KEYS
from tui.app.gate import Notices
from tui.app.palette import Palette
from tui.app.screens.dialogs import ConfirmScreen, ConflictScreen, PromptScreen, QuitScreen
from tui.app.screens.map_screen import MapScreen, map_screen
from tui.app.screens.recover import RecoverScreen
from tui.core.catalogue import Catalogues
from tui.core.confine import PathRefused, Refusal, new_file_in
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.core.history import History
from tui.core.live.link import Link
from tui.core.storage import check_save_as, same_file
from tui.core.session import (
    Changed, Conflict, DiskChanged, Event, JournalFailing, Recovery, Replaced, ReplayError, SaveFailed, Saved, Session,
)
from tui.output.faces import Faces
from tui.output.i18n import N_, _, ngettext

SAVED = N_("Enregistré : {name}")
COPY_SAVED = N_("Copie enregistrée : {name} (vous éditez maintenant la copie)")
CANNOT_SAVE = N_("Échec de l'enregistrement — vos modifications sont gardées : {error}. W : enregistrer sous…")
DROP_EDITS = N_("Abandonner vos modifications non enregistrées et recharger {name} depuis le disque ?")
SAVE_AS = N_("Enregistrer sous (chemin du fichier) :")
RELOADED = N_("{name} a changé sur le disque : rechargé.")
CHANGED_UNDER_YOU = N_(
    "{name} a changé sur le disque, et vous avez des modifications non enregistrées. ctrl+s proposera quoi faire."
)
NOT_RECOVERED = N_(
    "Récupération impossible (modification {n}, « {words} » : {error}) ; carte laissée telle quelle. Journal gardé : {path}"
)
REPLACE = N_("{name} existe déjà. Le remplacer ?")

#: How often the map file is checked for changes made by someone else.
WATCH_SECONDS = 1.0

_ONLY_NEW_MAPS = N_(
    "Refusé : dans le navigateur, « enregistrer sous » crée seulement un nouveau fichier .toml dans le dossier de la carte."
)
SAVE_AS_REFUSED = {
    Refusal.OUTSIDE: _ONLY_NEW_MAPS,
    Refusal.NOT_A_MAP: _ONLY_NEW_MAPS,
    Refusal.EXISTS: N_("Refusé : ce fichier existe déjà, et le navigateur ne remplace aucun fichier."),
}


class ParcoursApp(Notices, Palette):
    CSS_PATH = "app.tcss"
    TITLE = "parcours"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit"),
    ]

    class SessionEvent(Message):
        """A session event that happened in another thread, brought to the App's loop."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    def __init__(self, document: MapDocument | None, catalogues: Catalogues,
                 ascii_faces: bool = False, read_only: bool = False,
                 recoveries: Sequence[Recovery] = (), journal_folder: Path | None = None,
                 save_folder: Path | None = None, link: Link | None = None) -> None:
        super().__init__()
        #: Set in a browser session (`parcours serve`): save-as then only creates new maps in this folder.
        self.save_folder = save_folder
        self.catalogues = catalogues
        self.faces = Faces(ascii=ascii_faces)
        self.read_only = read_only
        self.recoveries = list(recoveries)
        if link is None:  # on its own: no socket, everything on this thread (as the tests build it)
            assert document is not None
            link = Link.alone(Session(document, read_only=read_only, journal_folder=journal_folder))
        self.session = link
        self.session.listen(self._heard)
        self._then_quit = False
        self._loop_thread: int | None = None

    @property
    def document(self) -> MapDocument | None:
        """The map's document while this editor holds the session (alone or hosting)."""
        return self.session.document

    @property
    def history(self) -> History | None:
        return self.session.history

    @property
    def map_screen(self) -> MapScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MapScreen)), None)

    def get_default_screen(self) -> Screen:
        # The map screen is the base screen: pushed over Textual's empty default one, the
        # empty screen would be composed, laid out and replaced before the first paint.
        return map_screen(self.session, self.catalogues, self.faces, self.session.file.name, self.read_only)

    def on_mount(self) -> None:
        self._loop_thread = threading.get_ident()
        # After the first paint: the parse holds the GIL in long stretches and would delay it.
        self.call_after_refresh(self.warm_up)
        self.set_interval(WATCH_SECONDS, self.check_disk)
        self.offer_recovery()

    @work(thread=True, exit_on_error=False)
    def warm_up(self) -> None:
        """Load what the first edit needs now, off the event loop, so the first edit is instant.

        Then freeze what exists: the model of a large map is many objects
        that live as long as the document, and a full garbage collection walking
        them took a third of a second in the middle of a key press. The collector,
        off while the editor started (see `tui.cli.main`), comes back on first, so
        that the parse's garbage is collected rather than frozen.
        """
        gc.enable()
        document = self.document
        if document is not None:  # a participant has no text to edit: the host edits
            document.warm()
        gc.freeze()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MapScreen):
            for key in MAP_KEYS:
                if key.bound and screen.check_action(key.action.split("(")[0], ()) and not key.id.startswith("cursor"):
                    yield SystemCommand(
                        f"{key.title()} ({key.shown_keys})", key.description(),
                        lambda action=key.action: self.run_action(action, screen),
                    )

    # -- the session's events --------------------------------------------------------------

    def _heard(self, event: Event) -> None:
        if threading.get_ident() == self._loop_thread:
            self._handle(event)
        else:  # never blocks the session's thread: it may hold the journal back otherwise
            self.post_message(self.SessionEvent(event))

    @on(SessionEvent)
    def _posted(self, message: SessionEvent) -> None:
        self._handle(message.event)

    def _handle(self, event: Event | object) -> None:
        screen = self.map_screen
        if screen is not None and not screen.is_mounted:
            screen = None  # heard before its grid exists (someone joined early): its on_mount draws it all
        name = self.session.file.name
        match event:
            case live.Presence() | live.Refusal() | live.Role():
                live.tell(self, screen, event)
            case Changed() if screen is not None:
                screen.changed(event)
                self._tell_top(screen)
            case Replaced():
                if screen is not None:
                    screen.changed()
                    self._tell_top(screen)
                self.warm_up()
            case Saved():
                self._saved(event)
            case SaveFailed(error=error):
                self._then_quit = False
                self.notify(_(CANNOT_SAVE).format(error=error), severity="error", timeout=15)
            case Conflict():
                self._conflict()
            case DiskChanged(reloaded=True):
                self.notify(_(RELOADED).format(name=name), timeout=4)
            case DiskChanged(error=None):
                self.notify(_(CHANGED_UNDER_YOU).format(name=name), severity="warning", timeout=15)
            case DiskChanged(error=error):
                self.notify(str(error), severity="error", timeout=10)
            case JournalFailing() if screen is not None:
                screen.refresh_header()

    def _tell_top(self, screen: MapScreen) -> None:
        """A page over the map that shows some of it (the record, the preview page) shows it as it is now."""
        top = self.screen
        if top is screen:  # the usual case: no import (the record's costs a TextArea)
            return
        from tui.app.screens.preview_page import PreviewPage
        from tui.app.screens.record import RecordScreen

        if isinstance(top, (RecordScreen, PreviewPage)):
            top.map_changed(screen.jmap)

    # -- recovery ------------------------------------------------------------------------

    def offer_recovery(self) -> None:
        """Offer each lost session's edits in turn, the oldest first."""
        if not self.recoveries:
            return
        recovery = self.recoveries[0]
        lines = self.session.describe(recovery)
        base_changed = recovery.base is not None and recovery.base != self.session.document.disk_digest
        others = [(started_at(r), len(r.entries)) for r in self.recoveries[1:]]

        def answered(recover: bool | None) -> None:
            self.recoveries.remove(recovery)
            if recover:
                self.replay(recovery)
            else:
                recovery.drop()
            self.offer_recovery()

        self.push_screen(RecoverScreen(lines, started_at(recovery), base_changed, others), answered)

    def replay(self, recovery: Recovery) -> None:
        try:
            count = self.session.recover(recovery)
        except ReplayError as error:  # nothing applied; the journal stays, to be offered again
            self.notify(_(NOT_RECOVERED).format(n=error.number, words=error.words, error=error, path=recovery.path),
                        severity="error", timeout=15)
            return
        self.notify(ngettext("{count} modification récupérée — u pour annuler",
                             "{count} modifications récupérées — u pour annuler", count).format(count=count), timeout=5)

    # -- watching the file ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def check_disk(self) -> None:
        self.session.check_disk()

    def reload_from_disk(self) -> None:
        """Drop the edits for the file as it is now; keep the cursor where it can be."""
        try:
            self.session.reload()
        except MapError as error:
            self.notify(str(error), severity="error", timeout=10)

    # -- saving --------------------------------------------------------------------------

    def on_map_screen_save_requested(self) -> None:
        self.save()

    def save(self, then_quit: bool = False, force: bool = False, path: Path | None = None, copy: bool = False) -> None:
        if not self.read_only:
            self._then_quit = then_quit
            self._write(force, path, copy)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _write(self, force: bool, path: Path | None, copy: bool = False) -> None:
        try:
            self.session.save(path, force=force, copy=copy)
        except Exception as error:  # a fault no rule foresaw: said, the edits kept, the editor still there
            fault = MapError.at(path or self.session.file, f"cannot save: {type(error).__name__}: {error}")
            self._heard(SaveFailed(fault))

    def _saved(self, event: Saved) -> None:
        screen = self.map_screen
        if screen is not None:
            screen.file_name = event.path.name
            screen.refresh_header()
        said = COPY_SAVED if event.moved_from is not None else SAVED
        self.notify(_(said).format(name=event.path.name), timeout=4 if event.moved_from else 2)
        if self._then_quit:
            if not self.session.dirty:  # an edit made during the save stays in the journal
                self.session.close()
            self.exit()

    def _conflict(self) -> None:
        then_quit = self._then_quit

        def chosen(choice: str | None) -> None:
            if choice == "overwrite":
                self.save(then_quit, force=True)
            elif choice == "copy":
                self.save(then_quit, force=True, copy=True)
            elif choice == "reload":
                self.push_screen(ConfirmScreen(_(DROP_EDITS).format(name=self.session.file.name)),
                                 lambda sure: self.reload_from_disk() if sure else None)

        self.push_screen(ConflictScreen(self.session.file.name), chosen)

    def action_save_as(self) -> None:
        if self.read_only:
            self.notify(_("Lecture seule"), severity="warning", timeout=2)
            return
        document = self.session.document
        if document is None:  # a participant: the host's file is not this process's to name
            self.notify(_(live.ONLY_HOST_SAVES_AS), severity="warning", timeout=6)
            return

        def named(answer: str | None) -> None:
            if not answer:
                return
            if self.save_folder is not None:
                try:
                    target = new_file_in(self.save_folder, answer, document.path.name)
                except PathRefused as refused:
                    self.notify(_(SAVE_AS_REFUSED[refused.reason]), severity="error", timeout=10)
                    return
            else:
                target = Path(answer).expanduser()
                if target.is_dir():
                    target = target / document.path.name
                if same_file(target, document.path):  # its own file: an ordinary save, conflict check and all
                    self.save()
                    return
                try:
                    there = check_save_as(target)
                except MapError as error:  # a folder that is not there, a FIFO, a device…
                    self.notify(str(error), severity="error", timeout=10)
                    return
                if there is not None:
                    self.push_screen(ConfirmScreen(_(REPLACE).format(name=target)),
                                     lambda sure: self.save(force=True, path=target) if sure else None)
                    return
            self.save(force=True, path=target)

        self.push_screen(PromptScreen(_(SAVE_AS), str(self.session.copy_path())), named)

    # -- quitting ------------------------------------------------------------------------

    def keep_typing(self) -> bool:
        """Keep what is being typed, in the cell editor and the record, as enter and escape would
        keep it; True when that changed the map. Each screen that holds typing says it."""
        kept = [screen.keep_typed() for screen in self.screen_stack if hasattr(screen, "keep_typed")]
        return any(kept)

    async def action_quit(self) -> None:
        typed = not self.read_only and self.keep_typing()  # applied by now, or on its way to the session
        if self.session.shared:  # others carry on with the map: nothing is asked, nothing is lost
            await asyncio.to_thread(self.session.leave)
            self.exit()
            return
        if not (self.session.dirty or typed) or self.read_only:
            self.session.close()
            self.exit()
            return
        if isinstance(self.screen, QuitScreen):
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.save(then_quit=True)
            elif choice == "discard":
                self.session.close()
                self.exit()

        self.push_screen(QuitScreen(), chosen)


def started_at(recovery: Recovery) -> str:
    try:
        return datetime.fromisoformat(recovery.started).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return recovery.started
