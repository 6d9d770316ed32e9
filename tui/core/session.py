"""One open map: its document, history, journal, the watch on its file, and the rules of saving.

A face (the terminal editor, a browser page, later the host of a live session)
is a view of a Session: it turns keys into calls (`apply`, `undo`, `save`…) and
the Session's events into redraws; none re-implements a rule. Every applied
change gets the next `version`, which a live session will broadcast.

Events are frozen dataclasses given to plain callables (no Textual here), in
the thread where they happen: a save runs in a worker thread, the journal
writes in its own, so a face hands events over to its own loop. The Session
never calls a listener while holding its lock.

Thread rules: one lock guards applying an edit and taking what a save writes
(bytes, model, history position, journal mark); the slow part of a save (the
conflict check, the proof, the atomic write) happens outside it, so an edit
made meanwhile stays unsaved and journaled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from tui.core.document import MapDocument, digest, write_proven
from tui.core.edits import Edit, Footprint
from tui.core.errors import MapError
from tui.core.history import History
from tui.core.journal import Journal, key_order
from tui.core.model import JourneyMap
from tui.core.recovery import Recovery, ReplayError, describe, replay
from tui.core.storage import decode, read_bytes, signature

__all__ = [
    "Changed", "Conflict", "DiskChanged", "Event", "JournalFailing", "Recovery", "ReplayError", "Replaced",
    "SaveFailed", "Saved", "Session",
]


@dataclass(frozen=True)
class Changed:
    """One edit was applied (by `apply`, `undo` or `redo`); `footprint` says where.

    `after` is the map just after this edit: a face that hears of it on another
    thread may already see a later map in the session, and draws this one.
    `author` is the live session's participant who asked for it (None: no live
    session said): a face follows its own edits with the cursor, not others'.
    """

    edit: Edit
    version: int
    footprint: Footprint
    after: JourneyMap | None = field(default=None, compare=False, repr=False)
    author: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Replaced:
    """The whole map is new: reloaded from disk, or edits recovered into it."""

    version: int


@dataclass(frozen=True)
class Saved:
    """The map as it was at `version` is now in `path` (edits made since stay unsaved).

    `moved_from` is the file edited before, when the save went elsewhere (save as, or a
    copy beside a map someone else changed): the session edits `path` from now on."""

    path: Path
    version: int
    moved_from: Path | None = None


@dataclass(frozen=True)
class SaveFailed:
    error: MapError


@dataclass(frozen=True)
class Conflict:
    """A save found the file changed by someone else since it was read: nothing was written."""

    path: Path


@dataclass(frozen=True)
class DiskChanged:
    """The file changed on disk: reloaded (nothing unsaved was lost), or not, because there are
    unsaved edits, or because it does not read (`error`). Said once per change of the file."""

    reloaded: bool
    error: MapError | None = None


@dataclass(frozen=True)
class JournalFailing:
    """Unsaved edits are not (True) or again (False) protected by the journal."""

    failing: bool


Event = Union[Changed, Replaced, Saved, SaveFailed, Conflict, DiskChanged, JournalFailing]
Listener = Callable[[Event], None]


class Session:
    """One map open for editing (or viewing, when `read_only`: then no journal is ever made)."""

    def __init__(self, document: MapDocument, *, read_only: bool = False, journal_folder: Path | None = None,
                 session_id: str | None = None) -> None:
        # The map is held by its absolute path from the start: a relative one follows the working
        # folder, and a folder deleted and made again (a checkout, a sync) would leave the session
        # saving into the deleted one, or nowhere.
        try:
            document.path = document.path.absolute()
        except OSError:  # the working folder is already gone: nothing better to hold
            pass
        self.document = document
        self.history = History(document)
        self.read_only = read_only
        self.version = 0
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._pristine = True  # no edit since the map was read: touchpoint keys are as they were read
        self._saving = 0
        self._seen = signature(document.path)
        self._warned: str | None = None  # the file's digest last told about under unsaved edits
        self._unreadable: str | None = None  # the file's digest last told as not reading
        self.journal: Journal | None = None
        if not read_only:
            self.journal = Journal(document.path, document.disk_digest, journal_folder, session_id,
                                   on_failing=lambda failing: self._emit(JournalFailing(failing)),
                                   order=key_order(document.map))

    # -- listening ------------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event from now on; returns what stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, *events: Event) -> None:
        for event in events:
            for listener in list(self._listeners):
                listener(event)

    # -- what the map is now ----------------------------------------------------------------

    @property
    def map(self) -> JourneyMap:
        return self.document.map

    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    @property
    def journal_failing(self) -> bool:
        return self.journal is not None and self.journal.failing

    # -- editing ----------------------------------------------------------------------------

    def apply(self, edit: Edit, tag: str | None = None) -> Changed:
        """Apply an edit; an ItemGone (or other ValueError) leaves everything as it was.

        `tag` is journaled with it: who asked for it in a live session (`tui.core.live`).
        """
        if self.read_only:
            raise PermissionError("the map is open read-only")
        with self._lock:
            before = self.document.map
            event = self._changed(self.history.do(edit), before, tag)
        self._emit(event)
        return event

    def undo(self, tag: str | None = None) -> Changed | None:
        return self._step("undo", tag)

    def redo(self, tag: str | None = None) -> Changed | None:
        return self._step("redo", tag)

    def _step(self, direction: str, tag: str | None) -> Changed | None:
        if self.read_only:
            return None
        with self._lock:  # the history is looked up inside: a reload may have replaced it
            before = self.document.map
            edit = getattr(self.history, direction)()
            event = None if edit is None else self._changed(edit, before, tag)
        if event is not None:
            self._emit(event)
        return event

    def _changed(self, edit: Edit, before: JourneyMap, tag: str | None = None) -> Changed:
        self.version += 1
        self._pristine = False
        if self.journal is not None:
            self.journal.record(edit, before, tag)
        after = self.document.map
        return Changed(edit, self.version, edit.footprint(before, after), after)

    def current(self) -> tuple[int, JourneyMap]:
        """The version and the model, taken together (a face on another thread draws the pair)."""
        with self._lock:
            return self.version, self.document.map

    def snapshot(self) -> tuple[int, str, JourneyMap]:
        """The version, the text and the model, taken together (what a live session sends a newcomer)."""
        with self._lock:
            return self.version, self.document.text(), self.document.map

    # -- saving ------------------------------------------------------------------------------

    def save(self, path: Path | None = None, force: bool = False) -> bool:
        """Write the map (to `path`, or its own file); run it in a worker thread.

        Refuses (Conflict) to overwrite its own file when someone else changed it
        since it was read or saved, unless `force`. Every save is proven first (see
        `write_proven`). Returns whether the file was written.
        """
        if self.read_only:
            return False
        with self._lock:
            document = self.document
            target = path or document.path
            snapshot, jmap, version = document.snapshot(), document.map, self.version
            state = self.history.state
            mark = self.journal.mark if self.journal is not None else 0
            self._saving += 1
        try:
            if target == document.path and not force and document.changed_on_disk():
                self._emit(Conflict(target))
                return False
            data = write_proven(target, snapshot, jmap)
        except MapError as error:
            self._emit(SaveFailed(error))
            return False
        finally:
            with self._lock:
                self._saving -= 1
        moved_from = document.path if target != document.path else None
        with self._lock:
            if self.document is document:
                document.path = target
                document.disk_digest = digest(data)
                self.history.mark_saved(state)
                self._seen = signature(target)
                if self.journal is not None:
                    self.journal.restart(document.disk_digest, mark, target, order=key_order(jmap))
        self._emit(Saved(target, version, moved_from))
        return True

    def close(self) -> None:
        """A clean end: this session's journal goes (only when nothing is unsaved, or the user said so)."""
        if self.journal is not None:
            self.journal.clear()

    def copy_path(self) -> Path:
        return self.document.copy_path()

    # -- the file on disk ---------------------------------------------------------------------

    def check_disk(self) -> None:
        """Look at the file (run it in a worker, every second or so): a stat, and only when the
        stat changed a read and a hash. Reloads when nothing unsaved would be lost."""
        with self._lock:
            if self._saving:
                return
            path, known = self.document.path, self._seen
        seen = signature(path)
        if seen == known:
            return
        try:
            data = read_bytes(path)
        except MapError:  # gone, or unreadable for now: the next change will tell
            self._seen = seen
            return
        current = digest(data)
        with self._lock:
            if current == self.document.disk_digest:
                self._seen = seen
                return
            keep = self.history.dirty and not self.read_only
            if keep:
                # The stat is not taken as seen: the file is looked at again, to reload it
                # once nothing unsaved would be lost. The warning is given once per change.
                if current == self._warned:
                    return
                self._warned = current
            else:
                self._seen = seen
                if current == self._unreadable:  # told once; the next change of the file tells again
                    return
        if keep:
            self._emit(DiskChanged(False))
            return
        try:
            fresh = MapDocument.from_text(path, decode(path, data))
        except MapError as error:
            self._unreadable = current
            self._emit(DiskChanged(False, error))
            return
        with self._lock:
            kept = self.history.dirty and not self.read_only  # an edit came in meanwhile: keep it
            replaced = None if kept else self._replace(fresh)
        self._emit(*((replaced, DiskChanged(True)) if replaced is not None else (DiskChanged(False),)))

    def reload(self) -> None:
        """Drop every edit and read the file again (the user chose it); MapError if it does not read."""
        fresh = MapDocument.load(self.document.path)
        with self._lock:
            event = self._replace(fresh)
        self._emit(event)

    def _replace(self, fresh: MapDocument) -> Replaced:
        self.document = fresh
        self.history = History(fresh)
        self.version += 1
        self._pristine = True
        self._seen = signature(fresh.path)
        self._warned = self._unreadable = None
        if self.journal is not None:
            self.journal.restart(fresh.disk_digest, self.journal.mark, order=key_order(fresh.map))
        return Replaced(self.version)

    # -- recovering a lost session's edits ------------------------------------------------------

    def _same_base(self, recovery: Recovery) -> bool:
        return self._pristine and recovery.base is not None and recovery.base == self.document.disk_digest

    def describe(self, recovery: Recovery) -> list[str]:
        """The recovery's edits in words, each naming items as they are just before it."""
        return describe(recovery, self.map, self._same_base(recovery))

    def recover(self, recovery: Recovery) -> int:
        """Replay a lost session's edits (each can be undone), journal them here, drop its journal.

        All or nothing: on a ReplayError the map is as it was and the journal stays on disk.
        """
        with self._lock:
            try:
                done = replay(self.history, recovery, self._same_base(recovery))
            except ReplayError:
                recovery.release()
                raise
            self._pristine = False
            for (edit, before), entry in zip(done, recovery.entries):
                if self.journal is not None:
                    self.journal.record(edit, before, entry.by)
            self.version += 1
            event = Replaced(self.version)
        if self.journal is not None and self.journal.flush():
            recovery.drop()
        else:  # not safe here yet: the lost session's journal stays until it is
            recovery.release()
        self._emit(event)
        return len(done)
