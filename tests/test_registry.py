"""The registry of edit types: every type is journaled and read back the same; a journal that lies
about any field of any type is refused with one positioned line; edits find items by identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.document import MapDocument
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, Edit, InsertStage, InsertTouchpoint, ItemGone, MoveStage, MoveTouchpoint,
    RemovePersona, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.core.edits.touchpoint_edits import DuplicateTouchpoint
from tui.core.journal import decode, encode, journal_path
from tui.core.recovery import orphans

from tests_support import EXAMPLE

#: One edit of every registered type, applicable to the example map (concert.toml).
SAMPLES: dict[str, Edit] = {
    "SetMapField": SetMapField("title", "Autre"),
    "SetPersonaField": SetPersonaField("name", "Zoé"),
    "RemovePersona": RemovePersona(),
    "SetStageField": SetStageField("recherche", "situation", "Ailleurs"),
    "InsertStage": InsertStage("recherche", (("id", "x"), ("name", "X")), (("t90", (("who", "a"),)),)),
    "DeleteStage": DeleteStage("recherche"),
    "MoveStage": MoveStage("recherche", None),
    "SetTouchpointField": SetTouchpointField("t3", "emotion", -1),
    "InsertTouchpoint": InsertTouchpoint("recherche", "t3", (("who", "Moi"),), "t90"),
    "DeleteTouchpoint": DeleteTouchpoint("t3"),
    "MoveTouchpoint": MoveTouchpoint("t3", "sensibilisation", "t1"),
    "DuplicateTouchpoint": DuplicateTouchpoint("t3", "t90"),
}


def _map():
    return MapDocument.load(EXAMPLE).map


def test_every_registered_type_has_a_sample_here():
    assert set(SAMPLES) == set(Edit.types)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_type_round_trips_through_the_journal(name):
    edit = SAMPLES[name]
    line = encode(edit, _map())
    entry = decode(json.loads(line))
    assert entry.edit == edit and type(entry.edit) is type(edit)
    assert set(entry.at) == set(edit.refers())


def _fields(edit: Edit) -> list[str]:
    return [name for name, _ in edit._kinds()]


HOSTILE = [(name, field) for name, edit in sorted(SAMPLES.items()) for field in _fields(edit)]


@pytest.mark.parametrize(("name", "field"), HOSTILE, ids=lambda v: str(v))
@pytest.mark.parametrize("lie", ["object", "missing"])
def test_a_journal_that_lies_about_any_field_is_refused_in_one_positioned_line(map_copy, name, field, lie):
    map_path = map_copy()
    data = SAMPLES[name].encode()
    if lie == "object":
        data[field] = {"$": "\x1b[31m" * 50}
    else:
        del data[field]
    header = {"format": 2, "map": str(map_path), "base": None, "started": "2026-11-23T10:00:00+00:00"}
    path = journal_path(map_path, "perdue")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(header) + "\n" + json.dumps(data) + "\n", encoding="utf-8")
    found, errors = orphans(map_path)
    assert found == [] and len(errors) == 1
    message = str(errors[0])
    assert message.startswith(f"{path}:2:1: damaged recovery journal: {name}")
    assert field in message and "\n" not in message and len(message) < 400


def test_an_unknown_field_is_refused_too():
    with pytest.raises(ValueError, match="DeleteTouchpoint has no field 'index'"):
        Edit.decode({"op": "DeleteTouchpoint", "touchpoint": "t1", "index": 0})


def test_the_journal_line_says_where_each_named_touchpoint_stood():
    line = json.loads(encode(MoveTouchpoint("t3", "sensibilisation", "t1"), _map()))
    assert set(line["at"]) == {"t1", "t3"}
    assert line["at"]["t3"][0] == "recherche" and line["at"]["t1"][0] == "sensibilisation"


# -- identity --------------------------------------------------------------------------------


def test_keys_are_given_in_file_order_and_never_compared():
    jmap = _map()
    keys = [t.key for s in jmap.stages for t in s.touchpoints]
    assert keys == [f"t{n}" for n in range(1, len(keys) + 1)]
    assert jmap.stages[0].touchpoints[0] == jmap.stages[0].touchpoints[0].__class__(
        **{k: getattr(jmap.stages[0].touchpoints[0], k) for k in ("channel", "support", "response", "type", "who",
                                                                  "emotion", "pain", "opportunity")})


def test_an_edit_to_a_moved_touchpoint_still_applies_to_it():
    document = MapDocument.load(EXAMPLE)
    who = document.map.touchpoint(1, 0).who
    document.apply(MoveTouchpoint("t3", "selection", None))
    document.apply(MoveStage("selection", None))
    document.apply(SetTouchpointField("t3", "who", "Moi"))
    s, t = document.map.locate("t3")
    assert (s, t) == (0, 0) and document.map.touchpoint(0, 0).who == "Moi"
    assert who != "Moi"


def test_an_edit_to_a_deleted_touchpoint_is_refused_and_changes_nothing():
    document = MapDocument.load(EXAMPLE)
    document.apply(DeleteTouchpoint("t3"))
    before = (document.text(), document.map)
    for edit in (SetTouchpointField("t3", "who", "x"), DeleteTouchpoint("t3"), MoveTouchpoint("t3", "recherche"),
                 InsertTouchpoint("recherche", "t3"), SetStageField("nulle-part", "name", "x")):
        with pytest.raises(ItemGone, match="t3|nulle-part"):
            document.apply(edit)
        assert (document.text(), document.map) == before


def test_a_new_touchpoint_takes_the_next_free_key_and_undo_gives_it_back():
    document = MapDocument.load(EXAMPLE)
    count = document.map.touchpoint_count
    edit = InsertTouchpoint("recherche").bind(document.map)
    assert edit.key == f"t{count + 1}"
    inverse = document.apply(edit)
    again = document.apply(inverse)
    document.apply(again)
    assert document.map.locate(edit.key) == (1, 0)


def test_undoing_a_stage_deletion_brings_its_touchpoints_back_with_their_keys():
    document = MapDocument.load(EXAMPLE)
    keys = [t.key for t in document.map.stages[1].touchpoints]
    inverse = document.apply(DeleteStage("recherche"))
    journaled = Edit.decode(json.loads(json.dumps(inverse.encode())))  # as a journal replays it
    document.apply(journaled)
    assert [t.key for t in document.map.stages[1].touchpoints] == keys
    assert MapDocument.from_text(Path("x.toml"), document.text()).map == document.map


def test_a_duplicate_is_a_copy_below_with_a_new_key_and_undo_gives_the_bytes_back():
    document = MapDocument.load(EXAMPLE)
    original = document.text()
    edit = DuplicateTouchpoint("t3").bind(document.map)
    inverse = document.apply(edit)
    stage = document.map.stages[1]
    assert [t.key for t in stage.touchpoints] == ["t3", edit.key, "t4"]
    assert stage.touchpoints[1] == stage.touchpoints[0]  # same content (keys are not compared)
    assert MapDocument.from_text(Path("x.toml"), document.text()).map == document.map
    document.apply(inverse)
    assert document.text() == original


def test_a_duplicate_at_the_cursor_needs_a_touchpoint():
    jmap = _map()
    assert DuplicateTouchpoint.at(jmap, 1, 0) == DuplicateTouchpoint("t3")
    assert DuplicateTouchpoint.at(jmap, 1, None) is None
