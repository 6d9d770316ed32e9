"""A participant's copy agrees with the host's map after any edits, undos and redos.

The host edits its Session's text through a layout (pieces, or a whole tomlkit
tree for an unusual map) and binds new touchpoints' keys; a participant's
`Replica` applies the same broadcast edits to the model alone. Hypothesis draws
edits the editor could make (`test_properties._edit`), every kind, and each
change goes over the wire as the host sends it (encoded, decoded), so the two
must agree on every value and every touchpoint key, and a snapshot taken at
the end must read as the same map.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from test_properties import EXAMPLES, SETTINGS, _edit
from tui.core.document import MapDocument
from tui.core.live import protocol as wire
from tui.core.live.replica import Replica
from tui.core.model import JourneyMap
from tui.core.session import Session


def _keys(jmap: JourneyMap) -> list[list[str]]:
    return [[tp.key for tp in stage.touchpoints] for stage in jmap.stages]


def _snapshot(session: Session) -> wire.Snapshot:
    version, text, jmap = session.snapshot()
    keys = tuple(tp.key for stage in jmap.stages for tp in stage.touchpoints)
    return wire.Snapshot(version, session.path.name, text, keys, session.dirty, False)


def _sent(message: wire.Message) -> wire.Message:
    return wire.decode(message.encode(), wire.TO_PARTICIPANT)


@SETTINGS
@given(data=st.data(), example=st.sampled_from(EXAMPLES))
def test_a_replica_follows_the_host_edit_for_edit(tmp_path_factory, data, example):
    folder = tmp_path_factory.mktemp("map")
    path = folder / example.name
    path.write_bytes(example.read_bytes())
    session = Session(MapDocument.load(path), journal_folder=folder / "journal")
    replica = Replica(_sent(_snapshot(session)), folder)  # type: ignore[arg-type]
    for _ in range(data.draw(st.integers(1, 12), label="steps")):
        step = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo"]), label="step")
        if step == "edit":
            event = session.apply(data.draw(st.composite(lambda draw: _edit(draw, session.map))(), label="edit"))
        else:
            event = getattr(session, step)()
        if event is None:
            continue
        change = _sent(wire.Change(event.version, event.edit, "p1", 1, session.dirty))
        assert isinstance(change, wire.Change)
        heard = replica.change(change.version, change.edit)
        assert heard is not None and heard.footprint == event.footprint
        assert replica.map == session.map and _keys(replica.map) == _keys(session.map)
    again = Replica(_sent(_snapshot(session)), folder)  # type: ignore[arg-type]
    assert again.map == session.map and _keys(again.map) == _keys(session.map)
    session.close()
