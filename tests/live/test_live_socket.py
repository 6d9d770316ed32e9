"""Several participants on one map over its real socket, in one process: each a `Link` with its own
live thread, exactly as separate editors would be (the process tests kill them for real)."""

from __future__ import annotations

import json
import socket

import pytest

from live_support import Face, hello, map_file, messages, raw_client, read_until_closed, wait_for
from tui.core.edits import DeleteTouchpoint, SetMapField, SetTouchpointField
from tui.core.live.events import Refusal
from tui.core.live.protocol import MAX_TO_HOST
from tui.core.session import Changed, Saved


@pytest.fixture
def faces(tmp_path):
    made: list[Face] = []

    def make(name: str, path=None, **kwargs) -> Face:
        face = Face(path or map_file(tmp_path), name, **kwargs)
        made.append(face)
        return face

    yield make
    for face in reversed(made):
        face.link.stop()


def title_everywhere(*faces: Face, title: str) -> bool:
    return all(face.link.map.title == title for face in faces)


def test_the_first_hosts_and_the_next_join_and_see_each_others_edits(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob, carol = faces("alice", path), faces("bob", path), faces("carol", path)
    assert (alice.link.role, bob.link.role, carol.link.role) == ("host", "participant", "participant")
    wait_for(lambda: all(len(f.link.presence.participants) == 3 for f in (alice, bob, carol)), what="the roster")
    assert sorted(p.name for p in carol.link.presence.participants) == ["alice", "bob", "carol"]
    assert len({p.colour for p in carol.link.presence.participants}) == 3
    bob.link.apply(SetMapField("title", "Par Bob"))
    wait_for(lambda: title_everywhere(alice, bob, carol, title="Par Bob"), what="Bob's edit everywhere")
    carol.link.apply(SetTouchpointField("t2", "who", "Carole"))
    wait_for(lambda: all(f.link.map.touchpoint(0, 1).who == "Carole" for f in (alice, bob, carol)))
    versions = {f.link.version for f in (alice, bob, carol)}
    assert versions == {2}
    assert all(f.link.dirty for f in (alice, bob, carol))
    # Every participant heard each change once, in order, with the map it made.
    assert [e.version for e in bob.said(Changed)] == [1, 2]
    assert bob.said(Changed)[0].after.title == "Par Bob"


def test_two_edits_of_one_field_the_later_wins_everywhere(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    bob.link.apply(SetMapField("title", "Bob d'abord"))
    wait_for(lambda: title_everywhere(alice, bob, title="Bob d'abord"))
    alice.link.apply(SetMapField("title", "Alice ensuite"))
    wait_for(lambda: title_everywhere(alice, bob, title="Alice ensuite"))
    assert not alice.said(Refusal) and not bob.said(Refusal)


def test_an_edit_of_an_item_deleted_meanwhile_is_refused_to_its_author_only(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob, carol = faces("alice", path), faces("bob", path), faces("carol", path)
    alice.link.apply(DeleteTouchpoint("t1"))
    wait_for(lambda: all(f.link.version == 1 for f in (alice, bob, carol)))
    bob.link.apply(SetTouchpointField("t1", "who", "trop tard"))  # Bob's screen was a moment behind
    wait_for(lambda: bob.said(Refusal), what="Bob's refusal")
    [refusal] = bob.said(Refusal)
    assert refusal.reason == "gone" and "t1" in refusal.detail
    assert not alice.said(Refusal) and not carol.said(Refusal)
    assert all(f.link.version == 1 for f in (alice, bob, carol))


def test_undo_undoes_your_own_last_edit_not_someone_elses(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    alice.link.apply(SetTouchpointField("t1", "who", "Alice"))
    wait_for(lambda: bob.link.version == 1)
    bob.link.apply(SetTouchpointField("t2", "who", "Bob"))
    wait_for(lambda: alice.link.version == 2)
    alice.link.undo()  # not the last edit in the map: Bob's is
    wait_for(lambda: alice.link.version == 3 and bob.link.version == 3)
    jmap = bob.link.map
    assert jmap.touchpoint(0, 0).who != "Alice" and jmap.touchpoint(0, 1).who == "Bob"
    bob.link.undo()
    wait_for(lambda: alice.link.version == 4)
    assert alice.link.map.touchpoint(0, 1).who != "Bob"
    bob.link.redo()
    wait_for(lambda: alice.link.version == 5)
    assert alice.link.map.touchpoint(0, 1).who == "Bob"
    bob.link.undo(), bob.link.undo()
    wait_for(lambda: bob.said(Refusal))
    assert bob.said(Refusal)[-1].reason == "nothing-undo"


def test_an_undo_that_would_undo_someone_elses_later_work_is_refused(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    bob.link.apply(SetMapField("title", "Bob"))
    wait_for(lambda: alice.link.version == 1)
    alice.link.apply(SetMapField("title", "Alice"))
    wait_for(lambda: bob.link.version == 2)
    bob.link.undo()
    wait_for(lambda: bob.said(Refusal), what="the refusal")
    assert bob.said(Refusal)[0].reason == "stale"
    assert title_everywhere(alice, bob, title="Alice")


def test_undo_of_the_last_edit_gives_the_original_bytes_back(faces, tmp_path):
    path = map_file(tmp_path)
    before = path.read_bytes()
    alice, bob = faces("alice", path), faces("bob", path)
    bob.link.apply(DeleteTouchpoint("t3"))
    wait_for(lambda: alice.link.version == 1)
    bob.link.undo()
    wait_for(lambda: alice.link.version == 2)
    assert alice.link.session.document.to_bytes() == before


def test_any_participants_save_writes_the_shared_map_once(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    bob.link.apply(SetMapField("title", "Enregistré par Bob"))
    wait_for(lambda: alice.link.version == 1)
    bob.link.save()
    wait_for(lambda: bob.said(Saved) and alice.said(Saved), what="both told of the save")
    assert 'title = "Enregistré par Bob"' in path.read_text(encoding="utf-8")
    assert not alice.link.dirty and not bob.link.dirty


@pytest.mark.parametrize("line", [
    b"not json\n",
    b"[1, 2]\n",
    b'{"type": "edit", "seq": 1, "seen": 0, "edit": {"op": "SetMapField", "key": "title", "value": NaN}}\n',
    b'{"type": "edit", "seq": true, "seen": 0, "edit": {}}\n',
    b'{"type": "snapshot"}\n',
    b'{"type": "edit", "seq": 1, "seen": 0, "edit": {"op": "Nope"}}\n',
    b'{"type": "cursor", "stage": "\\ud800", "touchpoint": null, "column": null, "line": 0}\n',
    b"x" * (MAX_TO_HOST + 10) + b"\n",
], ids=["not-json", "array", "nan", "bool-seq", "wrong-direction", "unknown-op", "surrogate", "oversized"])
def test_a_bad_line_closes_that_connection_only(faces, tmp_path, line):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    sock = raw_client(path)
    try:
        sock.sendall(hello())
        try:
            sock.sendall(line)
        except (BrokenPipeError, ConnectionResetError):
            pass  # closed while the megabytes were still going out
        read_until_closed(sock)  # returns once the host has closed it (a timeout fails the test)
    finally:
        sock.close()
    bob.link.apply(SetMapField("title", "Toujours là"))
    wait_for(lambda: title_everywhere(alice, bob, title="Toujours là"))
    assert bob.link.role == "participant" and alice.link.role == "host"


def test_a_hostile_but_well_formed_edit_is_refused_not_applied(faces, tmp_path):
    path = map_file(tmp_path)
    alice = faces("alice", path)
    sock = raw_client(path)
    try:
        bad = [{"op": "SetTouchpointField", "touchpoint": "t1", "key": "emotion", "value": "abc"},
               {"op": "SetStageField", "stage": "recherche", "key": "id", "value": "sensibilisation"},
               {"op": "SetMapField", "key": "title", "value": " "}]
        lines = b"".join(json.dumps({"type": "edit", "seq": n, "seen": 0, "edit": e}).encode() + b"\n"
                         for n, e in enumerate(bad, 1))
        sock.sendall(hello() + lines)
        got: list[dict] = []
        buffer = b""
        while sum(1 for m in got if m["type"] == "refused") < 3:
            buffer += sock.recv(65536)
            *whole, buffer = buffer.split(b"\n")
            got += [json.loads(w) for w in whole if w]
    finally:
        sock.close()
    assert [m["reason"] for m in got if m["type"] == "refused"] == ["invalid"] * 3
    assert alice.link.version == 0


def test_a_participant_that_reconnects_sends_again_what_was_not_answered_and_it_is_done_once(faces, tmp_path):
    path = map_file(tmp_path)
    alice = faces("alice", path)
    sock = raw_client(path)
    request = json.dumps({"type": "edit", "seq": 1, "seen": 0,
                          "edit": {"op": "InsertTouchpoint", "stage": "sensibilisation", "after": None,
                                   "values": [["who", "Moi"]], "key": None}}).encode() + b"\n"
    sock.sendall(hello("again01") + request)
    wait_for(lambda: alice.link.version == 1)
    sock.close()  # the answer may be lost with the connection: the request is sent again
    again = raw_client(path)
    try:
        again.sendall(hello("again01") + request)
        got: list[dict] = []
        buffer = b""
        while not any(m["type"] in ("done", "change") and m.get("seq") == 1 for m in got):
            buffer += again.recv(65536)
            *whole, buffer = buffer.split(b"\n")
            got += [json.loads(w) for w in whole if w]
    finally:
        again.close()
    assert alice.link.version == 1
    assert sum(1 for tp in alice.link.map.stages[0].touchpoints if tp.who == "Moi") == 1


def test_another_users_process_is_refused(faces, tmp_path, monkeypatch):
    from tui.core.live import host as host_module

    path = map_file(tmp_path)
    faces("alice", path)
    monkeypatch.setattr(host_module, "peer_uid", lambda sock: 4242)
    sock = raw_client(path)
    try:
        try:
            sock.sendall(hello())
        except (BrokenPipeError, ConnectionResetError):
            pass  # closed before we could even say hello
        assert read_until_closed(sock) == b""
    finally:
        sock.close()


def test_the_socket_is_private(faces, tmp_path):
    import os
    import stat

    from tui.core.live.rendezvous import Place

    path = map_file(tmp_path)
    faces("alice", path)
    place = Place.of(path)
    assert stat.S_IMODE(os.stat(place.socket).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(place.socket.parent).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(place.socket).st_mode)


def test_when_the_host_leaves_a_participant_takes_over_with_every_edit(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob, carol = faces("alice", path), faces("bob", path), faces("carol", path)
    alice.link.apply(SetMapField("title", "Par Alice"))
    bob.link.apply(SetTouchpointField("t1", "who", "Bob"))
    wait_for(lambda: carol.link.version == 2)
    alice.link.leave()
    wait_for(lambda: {bob.link.role, carol.link.role} == {"host", "participant"} and bob.link.connected
             and carol.link.connected, what="a new host")
    for face in (bob, carol):
        wait_for(lambda: face.link.map.title == "Par Alice" and face.link.map.touchpoint(0, 0).who == "Bob")
    carol.link.apply(SetTouchpointField("t2", "who", "Carole"))
    wait_for(lambda: bob.link.map.touchpoint(0, 1).who == "Carole")
    assert bob.link.dirty and carol.link.dirty


def test_a_read_only_face_alone_views_the_file_and_joins_when_someone_hosts(faces, tmp_path):
    path = map_file(tmp_path)
    viewer = faces("viewer", path, read_only=True)
    assert viewer.link.role == "alone" and viewer.link.session.read_only
    host = faces("host", path)
    assert host.link.role == "host"
    late = faces("late", path, read_only=True)
    assert late.link.role == "participant"
    late.link.apply(SetMapField("title", "Non"))
    wait_for(lambda: late.said(Refusal))
    assert late.said(Refusal)[0].reason == "read-only"


def test_a_dropped_connection_reconnects_resyncs_and_sends_again_what_was_not_answered(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    alice.link.apply(SetMapField("title", "Avant la coupure"))
    wait_for(lambda: bob.link.version == 1)
    # The host ends Bob's connection (as when a participant falls too far behind); Bob asks
    # for two edits before he knows, and Alice edits meanwhile.
    hub = alice.link.hub
    [member] = [m for m in hub.members.values() if m.name == "bob"]
    channel_closed = member.deliver
    alice.link.thread.call(lambda: [c.close() for c in list(alice.link.host._channels)])
    bob.link.apply(SetTouchpointField("t1", "who", "Bob 1"))
    bob.link.apply(SetTouchpointField("t2", "who", "Bob 2"))
    alice.link.apply(SetTouchpointField("t3", "who", "Alice"))
    wait_for(lambda: [tp.who for tp in alice.link.map.stages[0].touchpoints[:2]] == ["Bob 1", "Bob 2"]
             and alice.link.map.stages[1].touchpoints[0].who == "Alice", what="every edit at the host")
    wait_for(lambda: bob.link.current() == alice.link.current(), what="Bob in step again")
    assert member.deliver is not channel_closed  # a new connection
    assert alice.link.version == 4  # each done once
    assert bob.link.guest.pending == {}


def test_a_dead_hosts_socket_is_replaced_by_the_next_host(tmp_path):
    import socket as sockets

    from tui.core.live.rendezvous import Place

    path = map_file(tmp_path)
    place = Place.of(path)
    stale = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    stale.bind(str(place.socket))  # bound, never listening, never removed: what a kill -9 leaves
    stale.close()
    face = Face(path, "next")
    try:
        assert face.link.role == "host"
        joiner = Face(path, "joiner")
        try:
            assert joiner.link.role == "participant"
        finally:
            joiner.link.stop()
    finally:
        face.link.stop()
    assert not place.socket.exists()  # the host that leaves takes its socket with it


def _request_until_answered(sock, request: bytes, seq: int) -> list[dict]:
    sock.sendall(request)
    got: list[dict] = []
    buffer = b""
    while not any(m["type"] in ("done", "change", "refused") and m.get("seq") == seq for m in got):
        chunk = sock.recv(65536)
        assert chunk, "the host closed the connection"
        buffer += chunk
        *whole, buffer = buffer.split(b"\n")
        got += [json.loads(w) for w in whole if w]
    return got


def test_a_request_the_old_host_journaled_is_not_done_again_by_the_next(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    insert = json.dumps({"type": "edit", "seq": 7, "seen": 0,
                         "edit": {"op": "InsertTouchpoint", "stage": "recherche", "after": None,
                                  "values": [["who", "Une fois"]], "key": None}}).encode() + b"\n"
    sock = raw_client(path)
    try:
        sock.sendall(hello("twice01"))
        _request_until_answered(sock, insert, 7)
    finally:
        sock.close()
    wait_for(lambda: bob.link.version == 1)
    alice.link.leave()  # Bob takes over, replaying Alice's journal (the insert is in it, tagged)
    wait_for(lambda: bob.link.role == "host")
    again = raw_client(path)
    try:
        again.sendall(hello("twice01"))
        answers = _request_until_answered(again, insert, 7)  # the answer was lost with the old host
    finally:
        again.close()
    assert [m["type"] for m in answers if m.get("seq") == 7] == ["done"]
    assert sum(1 for tp in bob.link.map.stages[1].touchpoints if tp.who == "Une fois") == 1


def test_the_file_changed_on_disk_is_handled_once_by_the_host_and_everyone_follows(faces, tmp_path):
    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    text = path.read_text(encoding="utf-8").replace('title = "Achat de billets de concert"', 'title = "Changé dehors"')
    path.write_text(text, encoding="utf-8")
    bob.link.check_disk()  # a participant never looks at the file: nothing happens
    assert bob.link.map.title != "Changé dehors"
    alice.link.check_disk()  # the host reloads (nothing unsaved) and sends everyone the new map
    wait_for(lambda: bob.link.map.title == "Changé dehors")
    from tui.core.session import DiskChanged

    wait_for(lambda: bob.said(DiskChanged) and alice.said(DiskChanged))
    assert bob.said(DiskChanged)[0].reloaded


def test_a_participant_that_sees_a_gap_asks_for_the_map_again_and_waits_for_it(tmp_path):
    import asyncio

    from tui.core.document import MapDocument
    from tui.core.live import protocol as wire
    from tui.core.live.guest import Guest

    path = map_file(tmp_path)
    document = MapDocument.load(path)
    keys = tuple(tp.key for stage in document.map.stages for tp in stage.touchpoints)
    snapshot = wire.Snapshot(4, path.name, document.text(), keys, False, False)

    class Scripted:
        """A host that says what the test says, and remembers what it is told."""

        def __init__(self, lines):
            self.lines, self.sent = list(lines), []

        async def receive(self):
            return self.lines.pop(0) if self.lines else None

        def send(self, message):
            self.sent.append(message)

        def close(self):
            pass

    heard: list = []
    guest = Guest(wire.Hello("c1", "n", False, False, 1), heard.append, tmp_path)
    channel = Scripted([wire.Welcome("p2", "cyan", None), snapshot,
                        wire.Change(6, SetMapField("title", "trop tôt"), None, 0, True),
                        wire.Change(7, SetMapField("title", "toujours trop tôt"), None, 0, True),
                        wire.Snapshot(7, path.name, document.text(), keys, True, False)])
    asyncio.run(guest.attach(channel))
    assert [type(m).__name__ for m in channel.sent] == ["Hello", "Resync"]
    assert guest.replica.version == 7 and guest.replica.map.title == document.map.title
    assert [type(e).__name__ for e in heard] == ["Replaced", "Replaced"]


def test_a_participant_that_takes_over_does_not_redo_its_own_journaled_request(faces, tmp_path):
    from tui.core.edits import InsertTouchpoint

    path = map_file(tmp_path)
    alice, bob = faces("alice", path), faces("bob", path)
    wait_for(lambda: len(alice.link.presence.participants) == 2)
    [member] = [m for m in alice.link.hub.members.values() if m.name == "bob"]
    member.deliver = lambda line: None  # Alice applies and journals Bob's request, and Bob never hears
    bob.link.apply(InsertTouchpoint("recherche", None, (("who", "Une seule"),)))
    wait_for(lambda: alice.link.version == 1)
    assert bob.link.guest.pending
    alice.link.leave()
    wait_for(lambda: bob.link.role == "host")
    wait_for(lambda: bob.link.version >= 1)
    assert sum(1 for tp in bob.link.map.stages[1].touchpoints if tp.who == "Une seule") == 1
