"""The one object a face talks to, whether it is alone on the map, hosts it, or joined it.

`Link.open` finds out which: the first process on a map hosts it (its Session
is the one copy, served on the map's socket), every later one joins. A face
calls `apply`, `undo`, `save`… and hears `Changed`, `Saved`… exactly as with a
Session, plus `Presence`, `Refusal` and `Role` (`tui.core.live.events`); only
`role` says which it is, and it may change: when the host goes, a participant
that can host (same user, same machine, not read-only) takes its place,
replaying the host's journal (everything acknowledged is in it), and the
others join the new host, sending again what was not yet answered.

Alone (a face built without `open`, as the tests build it) everything runs on
the caller's thread, as a plain Session does; otherwise the session's work
runs on the live thread (`tui.core.live.loop`) and events reach the face from
there, as a Session's events from its workers always did.
"""

from __future__ import annotations

import getpass
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.edits import Edit
from tui.core.history import History
from tui.core.journal import Journal
from tui.core.live import protocol as wire
from tui.core.live.channel import Channel
from tui.core.live.events import Presence, Role
from tui.core.live.guest import Guest
from tui.core.live.host import Host
from tui.core.live.hub import Hub, Member
from tui.core.live.loop import LiveThread
from tui.core.live.replica import Replica
from tui.core.live.rendezvous import NoHost, NoRendezvous, Place
from tui.core.live.succession import FIND_SECONDS, Succession
from tui.core.model import JourneyMap
from tui.core.recovery import Recovery
from tui.core.session import Changed, Session

#: Seconds a departing participant waits for its last requests to be answered.
LEAVE_SECONDS = 3.0

Listener = Callable[[object], None]
Connect = Callable[[], Awaitable[Channel]]


def login_name() -> str:
    try:
        return getpass.getuser()[:64] or "?"
    except (KeyError, OSError):
        return "?"


class Link:
    """A face's view of a map: alone, hosting or taking part (see the module)."""

    def __init__(self, path: Path, *, name: str | None = None, read_only: bool = False, observer: bool = False,
                 journal_folder: Path | None = None, new_map: Callable[[], str] | None = None) -> None:
        self.path = path
        self.name = (name or login_name())[:64]
        self.read_only = read_only
        self.observer = observer
        self.journal_folder = journal_folder
        self.new_map = new_map
        self.client = secrets.token_hex(8)
        self.role = "alone"
        self.connected = True
        self.hub: Hub | None = None
        self.local: Member | None = None
        self.host: Host | None = None
        self.guest: Guest | None = None
        self.thread: LiveThread | None = None
        self.place: Place | None = None
        self.connect: Connect | None = None
        self.presence = Presence((), None)
        self._listeners: list[Listener] = []
        self._closing = False

    # -- becoming one --------------------------------------------------------------------------

    @classmethod
    def alone(cls, session: Session, name: str | None = None) -> Link:
        """A face on its own: the session's work on the caller's thread, no socket."""
        link = cls(session.path, name=name, read_only=session.read_only)
        link.hold(session)
        return link

    @classmethod
    def open(cls, path: Path, document: MapDocument, **kwargs) -> Link:
        """Host the map's session, or join it (see the module). Alone, with no error, when the
        runtime folder cannot hold a socket; NoHost when a host holds it but does not answer."""
        link = cls(path, **kwargs)
        try:
            link.place = Place.of(path)
        except NoRendezvous:
            link.hold(Session(document, read_only=link.read_only, journal_folder=link.journal_folder))
            return link
        link.thread = LiveThread()
        try:
            link.thread.run(Succession(link).start(document), FIND_SECONDS + 5)
        except BaseException:
            link.thread.stop()
            raise
        if link.role == "alone":  # read-only, and nobody hosts: nothing to talk to
            link.thread.stop()
            link.thread = None
        return link

    @classmethod
    def join(cls, connect: Connect, name: str | None = None, folder: Path | None = None) -> Link:
        """Take part through `connect` (a bridge from elsewhere): never hosts, reconnects when cut."""
        link = cls(folder or Path.cwd(), name=name)
        link.connect = connect
        link.thread = LiveThread()
        try:
            link.thread.run(Succession(link).start(None), FIND_SECONDS + 5)
        except BaseException:
            link.thread.stop()
            raise
        return link

    @property
    def can_host(self) -> bool:
        return self.place is not None and not self.read_only

    @property
    def closing(self) -> bool:
        return self._closing

    def hold(self, session: Session, host: Host | None = None, seeds: list[str | None] | None = None) -> None:
        """Hold the session: with `host`, serve it on the live thread; without, here, alone. `seeds`:
        the requests a replayed journal says were done (`Hub.seed`)."""
        self.hub = host.make_hub(session) if host is not None else Hub(session)
        self.hub.seed(seeds or [])
        self.hub.listen(self.emit)
        self.local = self.hub.join(self.client, self.name, self.read_only, self.observer)
        self.host = host

    def set_role(self, role: str, connected: bool = True) -> None:
        self.role, self.connected = role, connected
        self.emit(Role(role, connected))

    # -- what the face reads --------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, event: object) -> None:
        """Tell the face (and remember who is here)."""
        if isinstance(event, Presence):
            self.presence = event
        for listener in list(self._listeners):
            listener(event)

    @property
    def session(self) -> Session | None:
        """The Session, when this process holds it (alone or hosting)."""
        return self.hub.session if self.hub is not None else None

    @property
    def document(self) -> MapDocument | None:
        session = self.session
        return session.document if session is not None else None

    @property
    def journal(self) -> Journal | None:
        session = self.session
        return session.journal if session is not None else None

    @property
    def history(self) -> History | None:
        session = self.session
        return session.history if session is not None else None

    @property
    def _replica(self) -> Replica | None:
        """A participant's copy of the map (None while this face holds the session)."""
        return self.guest.replica if self.guest is not None else None

    def current(self) -> tuple[int, JourneyMap]:
        """The version and the map, taken together."""
        session = self.session
        if session is not None:
            return session.current()
        assert self._replica is not None
        return self._replica.state

    @property
    def map(self) -> JourneyMap:
        return self.current()[1]

    @property
    def version(self) -> int:
        return self.current()[0]

    @property
    def file(self) -> Path:
        """The map's file as this face names it (a participant from elsewhere knows only its name)."""
        session, replica = self.session, self._replica
        if session is not None:
            return session.path
        return replica.path if replica is not None else self.path

    @property
    def dirty(self) -> bool:
        session, replica = self.session, self._replica
        return session.dirty if session is not None else replica is not None and replica.dirty

    @property
    def journal_failing(self) -> bool:
        session, replica = self.session, self._replica
        return session.journal_failing if session is not None else replica is not None and replica.failing

    @property
    def me(self) -> str | None:
        return self.local.pid if self.local is not None else (self.guest.me if self.guest is not None else None)

    @property
    def shared(self) -> bool:
        """Whether leaving hands the map to someone: this face takes part, or hosts for others."""
        if self.role == "participant":
            return True
        return self.hub is not None and self.hub.remote > 0

    # -- what the face asks ---------------------------------------------------------------------

    def _on_hub(self, fn: Callable[[Hub, Member], object]) -> None:
        hub, local = self.hub, self.local
        assert hub is not None and local is not None
        if self.thread is None or self.role == "alone":
            fn(hub, local)
        else:
            self.thread.call(lambda: fn(hub, local))

    def _ask(self, make: Callable[[int, int], wire.Message]) -> None:
        def send() -> None:
            guest = self.guest
            if guest is not None:
                guest.request(make(guest.next_seq(), guest.seen))
            elif self.hub is not None:  # became the host meanwhile
                self._retarget(make(0, 0))

        assert self.thread is not None
        self.thread.call(send)

    def _retarget(self, message: wire.Message) -> None:
        match message:
            case wire.Apply(edit=edit):
                self.apply(edit)
            case wire.Undo():
                self.undo()
            case wire.Redo():
                self.redo()
            case wire.Save(force=force, copy=copy):
                self.save(force=force, copy=copy)

    def apply(self, edit: Edit) -> None:
        """Ask for an edit: `Changed` comes back when it is done, `Refusal` when it cannot be."""
        if self.hub is not None:
            self._on_hub(lambda hub, me: hub.apply(me, edit))
        else:
            self._ask(lambda seq, seen: wire.Apply(seq, seen, edit))

    def undo(self) -> None:
        """Undo this face's own last edit."""
        if self.hub is not None:
            self._on_hub(lambda hub, me: hub.undo(me))
        else:
            self._ask(lambda seq, seen: wire.Undo(seq, seen))

    def redo(self) -> None:
        if self.hub is not None:
            self._on_hub(lambda hub, me: hub.redo(me))
        else:
            self._ask(lambda seq, seen: wire.Redo(seq, seen))

    def save(self, path: Path | None = None, force: bool = False, copy: bool = False) -> None:
        """Save the shared map (alone: here and now, so call it from a worker)."""
        if self.hub is not None:
            target = self.hub.session.copy_path() if copy else path
            self._on_hub(lambda hub, me: hub.save(me, target, force or copy))
        else:
            self._ask(lambda seq, seen: wire.Save(seq, force, copy))

    def reload(self) -> None:
        """Drop every unsaved edit (everyone's) and read the file again; MapError if it does not read."""
        session = self.session
        if session is not None:
            session.reload()
        else:
            self._ask(lambda seq, seen: wire.Reload(seq))

    def check_disk(self) -> None:
        session = self.session
        if session is not None:
            session.check_disk()

    def cursor(self, stage: str | None, touchpoint: str | None, column: str | None, line: int) -> None:
        """Where this face's cursor is, for the others to see."""
        line = max(0, min(line, wire.MAX_NUMBER))
        if self.hub is not None:
            if self.role != "alone":
                self._on_hub(lambda hub, me: hub.cursor(me, stage, touchpoint, column, line))
        elif self.guest is not None:
            guest = self.guest
            assert self.thread is not None
            self.thread.call(lambda: guest.cursor(wire.Cursor(stage, touchpoint, column, line)))

    def copy_path(self) -> Path:
        session = self.session
        return session.copy_path() if session is not None else self.file

    def describe(self, recovery: Recovery) -> list[str]:
        assert self.session is not None
        return self.session.describe(recovery)

    def recover(self, recovery: Recovery) -> int:
        assert self.session is not None
        return self.session.recover(recovery)

    # -- ending ---------------------------------------------------------------------------------

    def leave(self) -> None:
        """Go, leaving the map to the others: a participant once its requests are answered; a host
        once everything is journaled and sent (the next host replays its journal)."""
        self._closing = True
        if self.thread is None:
            return
        if self.guest is not None:
            deadline = time.monotonic() + LEAVE_SECONDS
            while self.guest is not None and self.guest.pending and time.monotonic() < deadline:
                time.sleep(0.02)
        if self.host is not None:
            host, journal = self.host, self.session.journal if self.session is not None else None
            try:
                self.thread.run(host.drain(closing=True), LEAVE_SECONDS)
            except Exception:  # noqa: BLE001 - leaving anyway; the journal below holds the edits
                pass
            if journal is not None:
                journal.release()  # on disk and unlocked: the next host replays it
        self.stop()

    def close(self) -> None:
        """The end of the map's editing here, nobody left to hand it to: as a Session's `close`."""
        session = self.session
        if session is not None and not session.read_only:
            session.close()
        self.stop()

    def stop(self) -> None:
        """Stop serving and talking (the journal stays as it is)."""
        self._closing = True
        thread = self.thread
        if thread is None:
            return
        if self.host is not None:
            host = self.host
            try:
                thread.run(host.stop(), 5)
            except Exception:  # noqa: BLE001
                host.lease.release()
        if self.guest is not None and self.guest.channel is not None:
            channel = self.guest.channel
            thread.call(channel.close)
        thread.stop()
        self.thread = None


__all__ = ["Changed", "Link", "NoHost"]
