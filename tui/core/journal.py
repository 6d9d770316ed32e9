"""The recovery journal: every unsaved edit of a session, on disk within a moment of being made.

An SSH connection drops, the terminal is closed, the process is killed: the
edits since the last save are still in the journal, one JSON line each, under
the user's state folder (never beside the map, so a repository stays clean).
The next `parcours MAP` offers them back (`tui.core.recovery`).

Each editing session has its own journal, `<map key>.<session>.jsonl`, locked
(`flock`) for as long as the session lives, so another session never offers
or deletes it; it is created already locked (under a hidden name, then
renamed), only ever appended to, fsynced, 0600 in a 0700 folder. A line names
touchpoints by key, and says where each stood (stage id and a fingerprint of
its content), so a recovery onto a map someone saved meanwhile finds them.

Writing happens in a thread, so a slow disk (a home folder on NFS) never
holds up a key. If the folder cannot be used or an fsync fails, the journal
says so (`on_failing`), keeps the lines in memory and tries again; it never
truncates what was already safely written.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tui.core.edits import Edit
from tui.core.model import JourneyMap, Touchpoint

#: The journal format: 2 names items by identity (1, with positions, is read as damaged).
FORMAT = 2
#: Seconds between attempts while the journal cannot be written.
RETRY_SECONDS = 1.0


def state_folder() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("parcours")) / "journal"


def real_path(map_path: Path) -> str:
    """Where the map really is, to name its journal; never raises, unlike `Path.resolve`
    (on a link loop, or a relative path once the working folder is deleted)."""
    try:
        return os.path.realpath(map_path)
    except (OSError, ValueError):
        return str(map_path)


def map_key(map_path: Path) -> str:
    return hashlib.sha256(real_path(map_path).encode("utf-8")).hexdigest()[:20]


def journal_path(map_path: Path, session: str, folder: Path | None = None) -> Path:
    return (folder or state_folder()) / f"{map_key(map_path)}.{session}.jsonl"


def private_folder(folder: Path) -> Path:
    """The journal folder, made if needed, readable by its owner only (journals hold the map's text)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def fingerprint(touchpoint: Touchpoint) -> str:
    """A short digest of what a touchpoint says, to recognise it in another reading of the map."""
    text = json.dumps(touchpoint.content(), ensure_ascii=False)
    return hashlib.blake2s(text.encode("utf-8"), digest_size=6).hexdigest()


def placement(edit: Edit, before: JourneyMap) -> dict[str, list[str]]:
    """Where each touchpoint the edit names stood before it: stage id and fingerprint."""
    found = {}
    for key in edit.refers():
        s, t = before.locate(key)
        found[key] = [before.stages[s].id, fingerprint(before.stages[s].touchpoints[t])]
    return found


def encode(edit: Edit, before: JourneyMap, tag: str | None = None) -> str:
    """One journal line for an edit applied to `before`; `tag` says who asked for it in a live
    session (so a host that takes over knows which re-sent requests are already in)."""
    data = {**edit.encode(), "at": placement(edit, before)}
    if tag is not None:
        data["by"] = tag
    return json.dumps(data, ensure_ascii=False)


#: The touchpoint keys of the base map, stage by stage in file order. A session's keys stop
#: being the file's order once it inserts and saves (a new touchpoint takes the next free
#: key wherever it stands), while a map opened afresh numbers them in file order: recovery
#: translates the journal's keys through this, position by position.
Order = list[list[str]]


def key_order(jmap: JourneyMap) -> Order:
    return [[touchpoint.key for touchpoint in stage.touchpoints] for stage in jmap.stages]


@dataclass(frozen=True)
class Entry:
    """One journaled edit, and where the touchpoints it names stood (key → stage id, fingerprint)."""

    edit: Edit
    at: Mapping[str, tuple[str, str]]
    #: Who asked for it in a live session (see `encode`), or None.
    by: str | None = None


def decode(data: Any) -> Entry:
    """An entry from a journal line's JSON; ValueError (one line) if anything is off."""
    if not isinstance(data, dict):
        raise ValueError("an edit must be a JSON object")
    at = data.get("at", {})
    if not isinstance(at, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and len(v) == 2 and all(isinstance(p, str) for p in v)
        for k, v in at.items()
    ):
        raise ValueError("'at' must map touchpoint keys to [stage id, fingerprint]")
    by = data.get("by")
    if by is not None and not (isinstance(by, str) and len(by) <= 200):
        raise ValueError("'by' must be a short string")
    edit = Edit.decode({k: v for k, v in data.items() if k not in ("at", "by")})
    return Entry(edit, {k: (v[0], v[1]) for k, v in at.items()}, by)


@dataclass
class _File:
    """The journal file of one generation, as the writer thread holds it."""

    generation: int
    path: Path
    descriptor: int
    size: int  # bytes known to be on disk
    count: int  # entries known to be on disk


class Journal:
    """The journal of one editing session of one map.

    `record` keeps the line in memory and wakes the writer; `flush` waits until
    it is on disk (or known not to be). After a save, `restart` starts a fresh
    file from the new base with the edits made since the save's snapshot.
    """

    def __init__(self, map_path: Path, base: str | None, folder: Path | None = None, session: str | None = None,
                 on_failing: Callable[[bool], None] | None = None, order: Order | None = None) -> None:
        self.map_path = map_path
        self.session = session or secrets.token_hex(6)
        self.folder = folder or state_folder()
        self.on_failing = on_failing
        self._cond = threading.Condition()
        self._base = base
        self._order = order
        self._entries: list[str] = []
        self._generation = 0
        self._done = (0, 0)  # (generation, entries) known to be on disk
        self._attempts = 0
        self._failing = False
        self._stopping = False
        self._stopped = False
        self._pokes = 0  # bumped by every call that gives the writer something to do
        self._file: _File | None = None  # the writer thread's alone
        self._writer: threading.Thread | None = None

    @property
    def path(self) -> Path:
        return journal_path(self.map_path, self.session, self.folder)

    @property
    def failing(self) -> bool:
        return self._failing

    @property
    def mark(self) -> int:
        """How many edits are journaled: a save remembers it, to keep the ones that come after."""
        with self._cond:
            return len(self._entries)

    def record(self, edit: Edit, before: JourneyMap, tag: str | None = None) -> None:
        line = encode(edit, before, tag)
        with self._cond:
            self._entries.append(line)
            self._wake()

    def restart(self, base: str | None, keep_from: int, map_path: Path | None = None, order: Order | None = None) -> None:
        """After a save of the edits up to `keep_from`: a new journal on the new base with the rest."""
        with self._cond:
            self._base = base
            self._order = order
            self._entries = self._entries[keep_from:]
            self.map_path = map_path or self.map_path
            self._generation += 1
            self._wake()

    def clear(self) -> None:
        """Remove this session's journal (a save with nothing after it, or a clean quit)."""
        with self._cond:
            self._entries = []
            self._generation += 1
            self._wake()
        self.flush()

    def release(self) -> None:
        """Close the journal and leave it on disk, unlocked: what a lost session leaves for recovery."""
        self.flush()
        with self._cond:
            self._stopping = True
            self._wake()
            if self._writer is not None:
                self._cond.wait_for(lambda: self._stopped)

    def retry(self) -> None:
        """Try again now rather than at the next interval."""
        with self._cond:
            self._pokes += 1
            self._cond.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every recorded edit is on disk; False if the journal is failing."""
        with self._cond:
            if self._writer is None:
                return self._synced()
            attempts = self._attempts
            self._cond.wait_for(lambda: self._synced() or (self._failing and self._attempts > attempts), timeout)
            return self._synced()

    def _synced(self) -> bool:
        return self._done == (self._generation, len(self._entries))

    def _wake(self) -> None:
        self._pokes += 1
        if self._writer is None:
            self._writer = threading.Thread(target=self._run, name="parcours-journal", daemon=True)
            self._writer.start()
        self._cond.notify_all()

    # -- the writer thread -------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and self._synced():
                    self._cond.wait()
                if self._stopping:
                    self._close()
                    self._stopped = True
                    self._cond.notify_all()
                    return
                generation, entries = self._generation, list(self._entries)
                header = {"format": FORMAT, "map": real_path(self.map_path), "base": self._base,
                          "order": self._order, "session": self.session}
            try:
                self._sync(generation, header, entries)
                ok = True
            except OSError:
                ok = False
            with self._cond:
                changed = self._failing == ok
                self._failing = not ok
                self._attempts += 1
                pokes = self._pokes
                if ok:
                    self._done = (generation, len(entries))
                self._cond.notify_all()
            if changed and self.on_failing is not None:
                self.on_failing(not ok)
            if not ok:  # again at the next interval, or sooner when asked (`retry`, a new edit)
                with self._cond:
                    self._cond.wait_for(lambda: self._pokes != pokes or self._stopping, RETRY_SECONDS)

    def _sync(self, generation: int, header: dict[str, Any], entries: list[str]) -> None:
        """Bring the file of `generation` up to `entries`, appending only."""
        old = self._file if self._file is not None and self._file.generation != generation else None
        if old is not None:
            # A new generation (the map was saved): a new file, and only then the old one goes.
            self._file = None
        if entries and self._file is None:
            self._file = self._create(generation, header, entries)
        elif self._file is not None and self._file.count < len(entries):
            self._append(self._file, entries[self._file.count:])
            self._file.count = len(entries)
        if old is not None:
            if self._file is None or self._file.path != old.path:  # else the new file took its name
                try:
                    os.unlink(old.path)
                except OSError:
                    pass
            os.close(old.descriptor)

    def _create(self, generation: int, header: dict[str, Any], entries: list[str]) -> _File:
        """A new journal file, locked before it has its name, so no other session ever sees it unlocked."""
        folder = private_folder(self.folder)
        final = journal_path(self.map_path, self.session, folder)
        hidden = folder / f".{final.name}.{secrets.token_hex(4)}.tmp"
        descriptor = os.open(hidden, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            started = datetime.now(timezone.utc).isoformat(timespec="microseconds")
            data = "".join(line + "\n" for line in [json.dumps({**header, "started": started},
                                                                  ensure_ascii=False), *entries]).encode("utf-8")
            _write_all(descriptor, data)
            os.fsync(descriptor)
            os.replace(hidden, final)
        except OSError:
            os.close(descriptor)
            try:
                os.unlink(hidden)
            except OSError:
                pass
            raise
        return _File(generation, final, descriptor, len(data), len(entries))

    @staticmethod
    def _append(file: _File, lines: list[str]) -> None:
        # What a failed attempt may have left after the last good size is not known to be
        # whole: cut back to it (never before it) and write those lines again.
        os.ftruncate(file.descriptor, file.size)
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        _write_all(file.descriptor, data)
        os.fsync(file.descriptor)
        file.size += len(data)

    def _close(self) -> None:
        if self._file is not None:
            os.close(self._file.descriptor)
            self._file = None


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
