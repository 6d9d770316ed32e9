"""Taking part: one participant's side of a connection to the host, on the live thread.

The participant says hello, gets a snapshot, and from then on applies the
host's changes to its `Replica` and speaks to its face in the Session's own
events (`Changed`, `Saved`, …), so a face cannot tell it from hosting. What it
asks for (an edit, an undo, a save) waits in `pending` under a number until
the host answers; after a reconnection the unanswered ones are sent again
with the same numbers, and the host, which remembers its answers, never does
one twice. A change out of order means something was missed: the
participant asks for a snapshot and ignores changes until it comes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tui.core.errors import MapError
from tui.core.live import protocol as wire
from tui.core.live.channel import Channel
from tui.core.live.events import Presence, Refusal
from tui.core.live.protocol import Hello, Message, Participant, ProtocolError
from tui.core.live.replica import Gap, Replica
from tui.core.session import Conflict, DiskChanged, JournalFailing, Replaced, SaveFailed, Saved

Emit = Callable[[object], None]


def _error(path: Path, message: str, line: int, column: int) -> MapError:
    return MapError.at(path, message, line or None, column or 1)


class Guest:
    """What a participant keeps across its connections to the host (or to successive hosts)."""

    def __init__(self, hello: Hello, emit: Emit, folder: Path | None = None) -> None:
        self.hello = hello
        self.emit = emit
        self.folder = folder
        self.replica: Replica | None = None
        self.me: str | None = None
        #: The host's journal, named in its welcome: a participant that takes over replays it.
        self.journal: str | None = None
        self.people: dict[str, Participant] = {}
        self.pending: OrderedDict[int, Message] = OrderedDict()
        self.channel: Channel | None = None
        self._seq = 0
        self._cursor: wire.Cursor | None = None
        self._resyncing = False
        self._greeted = False  # this connection's first snapshot came

    # -- asking ------------------------------------------------------------------------------------

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def request(self, message: Message) -> None:
        """Send a numbered request (`seq` set by `next_seq`); kept until the host answers it."""
        self.pending[message.seq] = message  # type: ignore[attr-defined]
        if self.channel is not None and self._greeted:
            self.channel.send(message)

    def cursor(self, message: wire.Cursor) -> None:
        if message == self._cursor:
            return
        self._cursor = message
        if self.channel is not None and self._greeted:
            self.channel.send(message)

    @property
    def seen(self) -> int:
        return self.replica.version if self.replica is not None else 0

    # -- one connection ----------------------------------------------------------------------------

    async def attach(self, channel: Channel) -> None:
        """Run one connection until it ends (returns), or the host says something unreadable
        (ProtocolError, after closing it)."""
        self.channel = channel
        self._resyncing = False
        self._greeted = False
        try:
            channel.send(self.hello)
            while (message := await channel.receive()) is not None:
                self._heard(message)
        finally:
            self.channel = None
            channel.close()

    def _heard(self, message: Message) -> None:
        match message:
            case wire.Welcome(pid=pid, journal=journal):
                self.me, self.journal = pid, journal
            case wire.Snapshot():
                self._snapshot(message)
            case _ if self.replica is None or not self._greeted:
                return  # before this connection's snapshot, nothing else means anything yet
            case wire.Change(version=version, edit=edit, author=author, seq=seq, dirty=dirty):
                if author is not None and author == self.me:
                    self.pending.pop(seq, None)
                if self._resyncing:
                    return
                try:
                    event = self.replica.change(version, edit)
                except Gap:
                    self._resync()
                    return
                self.replica.dirty = dirty
                if event is not None:
                    self.emit(replace(event, author=author))
            case wire.Refused(seq=seq, reason=reason, detail=detail):
                if self.pending.pop(seq, None) is not None:
                    self.emit(Refusal(reason, detail))
            case wire.Done(seq=seq):
                self.pending.pop(seq, None)
            case wire.Saved(version=version, name=name, dirty=dirty):
                self.replica.dirty = dirty
                self.replica.path = self.replica.path.with_name(Path(name).name)
                self.emit(Saved(self.replica.path, version))
            case wire.SaveFailed(message=text, line=line, column=column):
                self.emit(SaveFailed(_error(self.replica.path, text, line, column)))
            case wire.Conflict():
                self.emit(Conflict(self.replica.path))
            case wire.Status(dirty=dirty, failing=failing):
                self.replica.dirty = dirty
                if failing != self.replica.failing:
                    self.replica.failing = failing
                    self.emit(JournalFailing(failing))
            case wire.Notice(what=what, message=text, line=line, column=column):
                error = _error(self.replica.path, text, line, column) if what == "unreadable" else None
                self.emit(DiskChanged(what == "reloaded", error))
            case wire.Roster(participants=people):
                self.people = {p.pid: p for p in people}
                self.emit(Presence(people, self.me))
            case wire.Moved(participant=person):
                if person.pid in self.people:
                    self.people[person.pid] = person
                    self.emit(Presence(tuple(self.people.values()), self.me, person.pid))

    def _snapshot(self, snapshot: wire.Snapshot) -> None:
        replica = Replica(snapshot, self.folder)  # ProtocolError if it does not read: the connection ends
        self.replica = replica
        self._resyncing = False
        self.emit(Replaced(replica.version))
        if not self._greeted and self.channel is not None:
            self._greeted = True
            # Everything asked before (or while) the connection was lost, with the same numbers.
            for message in list(self.pending.values()):
                self.channel.send(message)
            if self._cursor is not None:
                self.channel.send(self._cursor)

    def _resync(self) -> None:
        self._resyncing = True
        if self.channel is not None:
            self.channel.send(wire.Resync())


__all__ = ["Guest", "ProtocolError"]
