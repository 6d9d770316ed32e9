"""The live protocol read strictly: every kind goes and comes back, and nothing else is a message."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from live_support import map_file
from tui.core.document import MapDocument
from tui.core.edits import DeleteTouchpoint, InsertTouchpoint, SetMapField
from tui.core.live import protocol as wire
from tui.core.live.protocol import TO_HOST, TO_PARTICIPANT, Participant, ProtocolError, decode
from tui.core.live.replica import Gap, Replica

SAMPLES = [
    wire.Hello("c0ffee", "Zoé", False, False, 1),
    wire.Apply(3, 2, InsertTouchpoint("sensibilisation", None, (("who", "moi"),))),
    wire.Undo(4, 2), wire.Redo(5, 2), wire.Save(6, True, False), wire.Reload(7),
    wire.Cursor("recherche", "t3", "who", 4), wire.Resync(),
    wire.Welcome("p1", "cyan", None), wire.Change(9, SetMapField("title", "x"), "p2", 3, True),
    wire.Refused(3, "gone", "no touchpoint t3"), wire.Done(3), wire.Saved(9, "concert.toml", False),
    wire.SaveFailed("disk full", 0, 0), wire.Conflict("concert.toml"), wire.Status(True, False),
    wire.Notice("unreadable", "invalid TOML", 3, 1),
    wire.Roster((Participant("p1", "Zoé", "cyan", False, "recherche", None, "stage", 0),)),
    wire.Moved(Participant("p2", "Bob", "red", True, None, None, None, 3)),
]


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: m.kind)
def test_every_kind_reads_back_as_itself(message):
    allowed = TO_HOST if message.kind in TO_HOST else TO_PARTICIPANT
    assert decode(message.encode(), allowed) == message


def test_each_side_reads_only_its_own_kinds():
    with pytest.raises(ProtocolError):
        decode(wire.Done(1).encode(), TO_HOST)
    with pytest.raises(ProtocolError):
        decode(wire.Undo(1, 0).encode(), TO_PARTICIPANT)


@pytest.mark.parametrize("line", [
    b"", b"{", b"null", b"3", b'"hello"', b'{"type": 1}',
    b'{"type": "undo", "seq": 1, "seen": 0, "extra": 1}',
    b'{"type": "undo", "seq": 1}',
    b'{"type": "undo", "seq": -1, "seen": 0}',
    b'{"type": "undo", "seq": 1.5, "seen": 0}',
    b'{"type": "undo", "seq": 9007199254740992, "seen": 0}',
    b'{"type": "undo", "seq": Infinity, "seen": 0}',
    b'{"type": "hello", "client": "../x", "name": "n", "read_only": false, "observer": false, "protocol": 1}',
    b'{"type": "hello", "client": "c", "name": "' + b"n" * 65 + b'", "read_only": false, "observer": false, "protocol": 1}',
    b'{"type": "edit", "seq": 1, "seen": 0, "edit": {"op": "SetMapField", "key": "title"}}',
    b'{"type": "edit", "seq": 1, "seen": 0, "edit": {"op": "SetMapField", "key": "title", "value": "\\udc80"}}',
    b"\xff\xfe",
    b"[" * 100000 + b"]" * 100000,
])
def test_anything_else_is_a_protocol_error(line):
    with pytest.raises(ProtocolError):
        decode(line, TO_HOST)


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "x\x00", "n" * 256])
@pytest.mark.parametrize("kind", ["saved", "conflict", "snapshot"])
def test_a_file_name_from_the_host_is_one_name_never_a_path(kind, name):
    """A participant names its copy after it (`Path.with_name`): "" or "." raised there and silently
    ended the participant's connection task, instead of the connection only."""
    message = {"saved": wire.Saved(1, "concert.toml", False), "conflict": wire.Conflict("concert.toml"),
               "snapshot": wire.Snapshot(1, "concert.toml", "", (), False, False)}[kind]
    data = json.loads(message.encode())
    data["name"] = name
    with pytest.raises(ProtocolError):
        decode(json.dumps(data).encode(), TO_PARTICIPANT)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20))
def test_no_json_value_does_more_than_fail(value):
    for kind in (None, "edit", "hello", "cursor"):
        data = {"type": kind, "v": value} if kind else value
        try:
            decode(json.dumps(data).encode(), TO_HOST)
        except ProtocolError:
            pass


def _snapshot(path, version=4):
    document = MapDocument.load(path)
    keys = tuple(tp.key for stage in document.map.stages for tp in stage.touchpoints)
    return wire.Snapshot(version, path.name, document.text(), keys, False, False), document.map


def test_a_replica_keys_touchpoints_as_the_host_does_and_asks_again_after_a_gap(tmp_path):
    path = map_file(tmp_path)
    snapshot, jmap = _snapshot(path)
    keys = tuple(f"t{n}" for n in range(100, 100 + jmap.touchpoint_count))
    replica = Replica(wire.Snapshot(4, path.name, snapshot.text, keys, False, False), tmp_path)
    assert replica.map.stages[0].touchpoints[0].key == "t100"
    assert replica.change(5, DeleteTouchpoint("t100")).version == 5
    assert replica.change(5, DeleteTouchpoint("t101")) is None  # had it already
    with pytest.raises(Gap):
        replica.change(7, DeleteTouchpoint("t101"))
    with pytest.raises(ProtocolError):
        Replica(wire.Snapshot(4, path.name, snapshot.text, keys[:-1], False, False), tmp_path)
    with pytest.raises(ProtocolError):
        Replica(wire.Snapshot(4, path.name, "title = ", (), False, False), tmp_path)
