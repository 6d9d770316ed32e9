"""The host's rules: one `Session`, requests applied one at a time, each change broadcast once it
is journaled, undo per author, saves and the file's changes handled once.

Every participant (a remote one over a channel, or the host's own face) is a
`Member`. A request is answered in the order it came: applied to the Session
(which journals it, tagged with who asked), or refused to its author alone
(`tui.core.live.members.REASONS`). Changes go out to everyone with their version in one ordered
outbox, and the outbox is only sent after the journal has them on disk: a
participant's edit is acknowledged (its own change comes back) only once a
`kill -9` of the host can no longer lose it.

Undo is per author. When nothing happened since an author's last edit, undo
is the Session's own (the exact bytes come back); otherwise the edit's inverse
is applied as a new edit, unless someone changed the same value since
(`still_holds`), or what it names is gone: then it is refused.

The hub is not thread-safe by itself: the host runs it on its one loop thread
and hands it the Session's events from other threads through `defer`; alone
(no socket), it runs on the face's thread, and a lock covers the few things
the Session's worker threads touch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tui.core.edits import Edit, ItemGone
from tui.core.live import protocol as wire
from tui.core.live.admit import NotAdmitted, admit, still_holds
from tui.core.live.events import Presence, Refusal
from tui.core.live.members import ANSWERS_KEPT, GONE_KEPT, Member, Step, free_colour, fresh
from tui.core.live.protocol import Message, Participant
from tui.core.session import Changed, Conflict, DiskChanged, Event, JournalFailing, Replaced, SaveFailed, Saved, Session

Listener = Callable[[object], None]


class Hub:
    """Runs one live session over `session`; `defer` runs a callable on the hub's thread, `wake`
    says the outbox has something (the host's publisher sends it once journaled)."""

    def __init__(self, session: Session, defer: Callable[[Callable[[], None]], None] = lambda fn: fn(),
                 wake: Callable[[], None] = lambda: None, saves: Callable[[], None] | None = None) -> None:
        self.session = session
        self.defer = defer
        self.wake = wake
        #: Runs `run_saves` where blocking is fine (default: here and now, as a face's worker asks).
        self.saves = saves or self.run_saves
        self.members: dict[str, Member] = {}
        self.outbox: list[tuple[Member | None, Member | None, bytes, bool]] = []
        self._listeners: list[Listener] = []
        self._numbers = 0
        self._lock = threading.RLock()
        self._authored: set[int] = set()
        self._saves: list[tuple[Member | None, Path | None, bool]] = []
        self._saving: Member | None = None
        #: Requests a journal replayed at a takeover says are in already: client -> seqs.
        self._seeded: dict[str, set[int]] = {}
        #: Set when the host is leaving: requests are left unanswered, for the next host to do.
        self.closed = False
        self._stop_listening = session.listen(self._from_session)

    # -- who is here ----------------------------------------------------------------------------

    def listen(self, listener: Listener) -> None:
        """The host's own face hears every event here (Session events and `tui.core.live.events`)."""
        self._listeners.append(listener)

    def _tell(self, event: object) -> None:
        for listener in list(self._listeners):
            listener(event)

    def join(self, client: str, name: str, read_only: bool = False, observer: bool = False,
             deliver: Callable[[bytes], None] | None = None) -> Member:
        """A participant comes (or comes back: the same `client` keeps its id and its undo)."""
        with self._lock:
            member = self.members.get(client)
            if member is None:
                self._numbers += 1
                member = Member(client, f"p{self._numbers}", name, free_colour(self.members.values()),
                                read_only, observer, local=deliver is None)
                for seq in sorted(self._seeded.pop(client, ())):
                    member.answers[seq] = wire.Done(seq)
                    member.last_seq = max(member.last_seq, seq)
                self.members[client] = member
            member.name, member.read_only, member.observer = name, read_only, observer
            member.deliver = deliver
            if deliver is not None:
                self._post(wire.Welcome(member.pid, member.colour, self.journal_name), to=member)
                self._post_snapshot(member)
            self._roster()
            return member

    def leave(self, member: Member, deliver: Callable[[bytes], None] | None = None) -> None:
        """Its connection ended (`deliver`: that connection's, in case a newer one took its place)."""
        with self._lock:
            if deliver is not None and member.deliver is not deliver:
                return
            member.deliver = None
            gone = [c for c, m in self.members.items() if not m.present]
            for client in gone[:max(0, len(gone) - GONE_KEPT)]:
                del self.members[client]
            self._roster()

    @property
    def journal_name(self) -> str | None:
        journal = self.session.journal
        return journal.session if journal is not None else None

    def seed(self, tags: list[str | None]) -> None:
        """Requests already applied, as tagged in a journal a new host replayed ("client:seq")."""
        for tag in tags:
            client, _, seq = (tag or "").partition(":")
            if client and seq.isdigit():
                self._seeded.setdefault(client, set()).add(int(seq))

    def participants(self) -> tuple[Participant, ...]:
        return tuple(m.participant() for m in self.members.values() if m.present and not m.observer)

    @property
    def remote(self) -> int:
        """Participants connected from elsewhere (not the host's face, not observers)."""
        return sum(1 for m in self.members.values() if m.deliver is not None and not m.observer)

    def _roster(self, mover: Member | None = None) -> None:
        people = self.participants()
        self._post(wire.Roster(people))
        local = next((m for m in self.members.values() if m.local), None)
        self._tell(Presence(people, local.pid if local else None, mover.pid if mover else None))

    # -- the outbox ------------------------------------------------------------------------------

    def _post(self, message: Message, to: Member | None = None, but: Member | None = None,
              durable: bool = False) -> None:
        """Queue a message for one member (`to`) or every connected one (but `but`); `durable`: send it
        only once the journal holds every edit applied so far."""
        if to is not None and to.deliver is None:
            return
        if to is None and not any(m.deliver is not None for m in self.members.values()):
            return
        with self._lock:
            self.outbox.append((to, but, message.encode(), durable))
        self.wake()

    def take(self) -> tuple[list[tuple[Member | None, Member | None, bytes, bool]], bool]:
        """What to send now, and whether the journal must be flushed first."""
        with self._lock:
            batch, self.outbox = self.outbox, []
        return batch, any(durable for *_, durable in batch)

    def send(self, batch: list[tuple[Member | None, Member | None, bytes, bool]]) -> None:
        for to, but, line, _ in batch:
            targets = [to] if to is not None else [m for m in self.members.values() if m is not but]
            for member in targets:
                if member.deliver is not None:
                    member.deliver(line)

    def _post_snapshot(self, member: Member | None = None) -> None:
        version, text, jmap = self.session.snapshot()
        keys = [tp.key for stage in jmap.stages for tp in stage.touchpoints]
        message = wire.Snapshot(version, self.session.path.name, text, tuple(keys), self.session.dirty,
                                self.session.journal_failing)
        self._post(message, to=member, durable=True)

    # -- requests ----------------------------------------------------------------------------------

    def handle(self, member: Member, message: Message) -> None:
        """One message from a remote participant."""
        if self.closed:
            return
        match message:
            case wire.Cursor():
                self.cursor(member, message.stage, message.touchpoint, message.column, message.line)
            case wire.Resync():
                self._post_snapshot(member)
            case wire.Apply() | wire.Undo() | wire.Redo() | wire.Save() | wire.Reload():
                if message.seq in member.answers:
                    self._post(member.answers[message.seq], to=member, durable=True)
                    return
                if message.seq <= member.last_seq:
                    self._post(wire.Done(message.seq), to=member, durable=True)
                    return
                member.last_seq = message.seq
                self._request(member, message)

    def _request(self, member: Member, message: Message) -> None:
        match message:
            case wire.Apply(seq=seq, edit=edit):
                self.apply(member, edit, seq)
            case wire.Undo(seq=seq):
                self.undo(member, seq)
            case wire.Redo(seq=seq):
                self.redo(member, seq)
            case wire.Save(seq=seq, force=force, copy=copy):
                self.save(member, self.session.copy_path() if copy else None, force or copy)
                self._answer(member, seq, wire.Done(seq))
            case wire.Reload(seq=seq):
                self.reload(member, seq)

    def _answer(self, member: Member, seq: int, answer: Message) -> None:
        if member.local:
            return
        member.answers[seq] = answer
        while len(member.answers) > ANSWERS_KEPT:
            member.answers.popitem(last=False)

    def _refuse(self, member: Member, seq: int, reason: str, detail: str = "") -> None:
        if member.local:
            self._tell(Refusal(reason, detail))
            return
        answer = wire.Refused(seq, reason, detail[:400])
        self._answer(member, seq, answer)
        self._post(answer, to=member)

    def _tag(self, member: Member, seq: int) -> str | None:
        return None if member.local else f"{member.client}:{seq}"

    def _changed(self, member: Member, seq: int, event: Changed) -> None:
        """Broadcast a change (to its author too: that is its acknowledgement) and tell the face whose it is."""
        self._post(wire.Change(event.version, event.edit, member.pid, seq, self.session.dirty), durable=True)
        self._answer(member, seq, wire.Done(seq))
        self._tell(replace(event, author=member.pid))

    def _run(self, member: Member, seq: int, step: Callable[[], Changed | None]) -> Changed | None:
        """Do `step` and broadcast what it changed; a request that no longer fits the map is refused
        to its author alone."""
        if member.read_only or self.session.read_only:
            self._refuse(member, seq, "read-only")
            return None
        try:
            event = step()
        except ItemGone as error:
            self._refuse(member, seq, "gone", str(error))
            return None
        except NotAdmitted as error:
            self._refuse(member, seq, "invalid", str(error))
            return None
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as error:
            self._refuse(member, seq, "invalid", str(error) or type(error).__name__)
            return None
        if event is not None:
            self._changed(member, seq, event)
        return event

    def apply(self, member: Member, edit: Edit, seq: int = 0) -> Changed | None:
        def step() -> Changed:
            admit(edit, self.session.map)
            with self._lock:
                event = self.session.apply(edit, self._tag(member, seq))
                number, applied, inverse = self.session.history.last  # type: ignore[misc]
                self._authored.add(number)
                member.undo.append(Step(applied, inverse, number))
                member.redo.clear()
            return event

        return self._run(member, seq, step)

    def undo(self, member: Member, seq: int = 0) -> Changed | None:
        def step() -> Changed | None:
            history = self.session.history
            if not member.undo:
                last = history.last
                if member.local and last is not None and last[0] not in self._authored:
                    return self.session.undo()  # edits recovered from a journal: the face's own
                self._refuse(member, seq, "nothing-undo")
                return None
            done = member.undo[-1]
            if history.state == done.number:  # nothing since: the Session's exact undo
                event = self.session.undo(self._tag(member, seq))
                redo = Step(done.edit, done.inverse, done.number, event.edit if event else None)
            else:
                if not still_holds(done.edit, self.session.map):
                    self._refuse(member, seq, "stale")
                    return None
                event = self.session.apply(fresh(done.inverse), self._tag(member, seq))
                self._authored.add(history.state)
                redo = Step(done.edit, done.inverse, None, event.edit)
            member.undo.pop()
            member.redo.append(redo)
            return event

        return self._run(member, seq, step)

    def redo(self, member: Member, seq: int = 0) -> Changed | None:
        def step() -> Changed | None:
            history = self.session.history
            if not member.redo:
                if member.local and history.redo_state is not None and history.redo_state not in self._authored:
                    return self.session.redo()
                self._refuse(member, seq, "nothing-redo")
                return None
            undone = member.redo[-1]
            if undone.number is not None and history.redo_state == undone.number:
                event = self.session.redo(self._tag(member, seq))
            else:
                if undone.undone_by is not None and not still_holds(undone.undone_by, self.session.map):
                    self._refuse(member, seq, "stale")
                    return None
                event = self.session.apply(fresh(undone.edit), self._tag(member, seq))
            if event is None:
                self._refuse(member, seq, "nothing-redo")
                return None
            number, applied, inverse = history.last  # type: ignore[misc]
            self._authored.add(number)
            member.redo.pop()
            member.undo.append(Step(applied, inverse, number))
            return event

        return self._run(member, seq, step)

    def cursor(self, member: Member, stage: str | None, touchpoint: str | None, column: str | None,
               line: int) -> None:
        if member.observer:
            return
        member.stage, member.touchpoint, member.column, member.line = stage, touchpoint, column, line
        people = self.participants()
        self._post(wire.Moved(member.participant()), but=member)
        local = next((m for m in self.members.values() if m.local), None)
        self._tell(Presence(people, local.pid if local else None, member.pid))

    # -- saving and the file ---------------------------------------------------------------------------

    def save(self, member: Member | None, path: Path | None = None, force: bool = False) -> None:
        """Save for `member` (None: nobody in particular); its conflict or failure is told to it alone."""
        with self._lock:
            self._saves.append((member, path, force))
        self.saves()

    def run_saves(self) -> None:
        """Run the queued saves one after the other (blocking: in a worker thread)."""
        while True:
            with self._lock:
                if self._saving is not None or not self._saves:
                    return
                member, path, force = self._saves.pop(0)
                self._saving = member or Member("", "", "", "", local=True)
            try:
                self.session.save(path, force=force)
            finally:
                with self._lock:
                    self._saving = None

    def reload(self, member: Member, seq: int = 0) -> None:
        if member.read_only or self.session.read_only:
            self._refuse(member, seq, "read-only")
            return
        try:
            self.session.reload()
        except Exception as error:  # a MapError: the file does not read now
            self._refuse(member, seq, "failed", str(error))
            return
        self._answer(member, seq, wire.Done(seq))

    def _from_session(self, event: Event) -> None:
        """A Session event, in whatever thread it happened: whose save it answers is known only here."""
        who = self._saving
        self.defer(lambda: self._heard(event, who))

    def _heard(self, event: Event, who: Member | None = None) -> None:
        """A Session event (on the hub's thread): tell everyone concerned; `who` asked for the save."""
        match event:
            case Changed():
                return  # the hub made it, and said so in `_changed`
            case Replaced():
                with self._lock:
                    for member in self.members.values():
                        member.undo.clear()
                        member.redo.clear()
                    self._authored.clear()
                self._post_snapshot()
            case Saved(path=path, version=version):
                self._post(wire.Saved(version, path.name, self.session.dirty), durable=True)
            case SaveFailed(error=error):
                position = error.issue.position
                if who is not None and not who.local:
                    self._post(wire.SaveFailed(error.issue.message[:4000], position.line if position else 0,
                                               position.column if position else 0), to=who)
                    return
            case Conflict(path=path):
                if who is not None and not who.local:
                    self._post(wire.Conflict(path.name), to=who)
                    return
            case DiskChanged(reloaded=reloaded, error=error):
                if error is not None:
                    position = error.issue.position
                    notice = wire.Notice("unreadable", error.issue.message[:4000], position.line if position else 0,
                                         position.column if position else 0)
                else:
                    notice = wire.Notice("reloaded" if reloaded else "unsaved", "", 0, 0)
                self._post(notice)
            case JournalFailing():
                self._post(wire.Status(self.session.dirty, self.session.journal_failing))
        self._tell(event)

    def close(self) -> None:
        self._stop_listening()
