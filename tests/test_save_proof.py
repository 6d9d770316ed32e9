"""Every save is proven before it replaces the map, and maps written with inline or empty arrays
are edited as correctly as arrays of tables (#12.4).

The property: for generated maps in three shapes (arrays of tables, inline
arrays, empty arrays), any sequence of edits then a save reads back equal to the
model, and undoing everything gives the original bytes back.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.document import MapDocument, UnprovenSave, write_proven
from tui.core.edits import DeleteStage, DeleteTouchpoint, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint
from tui.core.history import History
from tui.core.model import JourneyMap
from tui.core.pieces import HEAD, Piece

from test_properties import _edit

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD = st.text(alphabet="abcdéèàçô ABC-'\"\\😀", min_size=1, max_size=10).filter(str.strip)
SHAPES = ("tables", "inline-stages", "inline-touchpoints")


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string of these characters is a TOML basic string


def _inline(pairs: list[tuple[str, object]]) -> str:
    return "{ " + ", ".join(f"{k} = {_string(v) if isinstance(v, str) else v}" for k, v in pairs) + " }"


@st.composite
def maps(draw, shape: str | None = None) -> str:
    """A map's text in one of three shapes; a stage without touchpoints may say `touchpoints = []`."""
    shape = shape or draw(st.sampled_from(SHAPES))
    stages = []
    for number in range(draw(st.integers(1, 4))):
        touchpoints = [
            [("who", draw(WORD))] + ([("emotion", draw(st.integers(-2, 2)))] if draw(st.booleans()) else [])
            for _ in range(draw(st.integers(0, 3)))
        ]
        stages.append(([("id", f"s{number}"), ("name", draw(WORD))], touchpoints, draw(st.booleans())))
    lines = ["schema = 1", f"title = {_string(draw(WORD))}"]
    if shape == "inline-stages":
        items = []
        for pairs, touchpoints, empty in stages:
            if touchpoints or empty:
                pairs = pairs + [("touchpoints", "[" + ", ".join(_inline(t) for t in touchpoints) + "]")]
            items.append("{ " + ", ".join(f"{k} = {v if k == 'touchpoints' else _string(v)}" for k, v in pairs) + " }")
        multiline = draw(st.booleans())
        lines.append("stages = [\n  " + ",\n  ".join(items) + ",\n]" if multiline else "stages = [" + ", ".join(items) + "]")
        return "\n".join(lines) + "\n"
    for pairs, touchpoints, empty in stages:
        lines += ["", "[[stages]]", *(f"{k} = {_string(v)}" for k, v in pairs)]
        if shape == "inline-touchpoints" and (touchpoints or empty):
            lines.append("touchpoints = [" + ", ".join(_inline(t) for t in touchpoints) + "]")
        elif touchpoints:
            for t in touchpoints:
                lines += ["", "[[stages.touchpoints]]", *(f"{k} = {_string(v) if isinstance(v, str) else v}" for k, v in t)]
        elif empty:
            lines.append("touchpoints = []")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=maps(), data=st.data())
def test_any_edits_on_any_shape_save_proven_and_undo_to_the_original_bytes(tmp_path_factory, text, data):
    path = tmp_path_factory.mktemp("map") / "carte.toml"
    path.write_text(text, encoding="utf-8")
    document = MapDocument.load(path)
    history = History(document)
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        history.do(data.draw(st.composite(lambda draw: _edit(draw, document.map))(), label="edit"))
    document.save()  # refuses (UnprovenSave) when what it would write does not read back as the model
    assert JourneyMap.from_data(tomllib.loads(path.read_text(encoding="utf-8"))) == document.map
    while history.undo():
        pass
    assert document.text() == text


INLINE_STAGES = 'schema = 1\ntitle = "x"\nstages = [{ id = "a", name = "A" }, { id = "b", name = "B" }]\n'
EMPTY = 'schema = 1\ntitle = "x"\n\n[[stages]]\nid = "a"\nname = "A"\ntouchpoints = []\n'
INLINE_TOUCHPOINTS = ('schema = 1\ntitle = "x"\n\n[[stages]]\nid = "a"\nname = "A"\n'
                      'touchpoints = [\n  { who = "x" },\n  { who = "y" },\n]\n\n[[stages]]\nid = "b"\nname = "B"\n')


@pytest.mark.parametrize(("text", "edit"), [
    (INLINE_STAGES, InsertTouchpoint("a", None, (("channel", ""), ("who", "")))),  # `a`, then ctrl+s
    (INLINE_STAGES, InsertStage("a", (("id", "c"), ("name", "C"), ("situation", "")))),
    (INLINE_STAGES, MoveStage("a", "b")),
    (INLINE_STAGES, DeleteStage("a")),
    (EMPTY, InsertTouchpoint("a", None, (("channel", ""), ("who", "")))),  # once an AttributeError
    (INLINE_TOUCHPOINTS, DeleteTouchpoint("t1")),
    (INLINE_TOUCHPOINTS, MoveTouchpoint("t1", "a", "t2")),
    (INLINE_TOUCHPOINTS, MoveTouchpoint("t1", "b", None)),
    (INLINE_TOUCHPOINTS, InsertTouchpoint("a", "t2", (("who", "z"),))),
], ids=repr)
def test_inline_and_empty_arrays_are_edited_in_their_own_shape(tmp_path, text, edit):
    path = tmp_path / "carte.toml"
    path.write_text(text, encoding="utf-8")
    document = MapDocument.load(path)
    inverse = document.apply(edit)
    document.save()
    assert MapDocument.load(path).map == document.map
    document.apply(inverse)
    assert document.text() == text


def test_a_new_touchpoint_in_an_empty_inline_array_stays_inline(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text(EMPTY, encoding="utf-8")
    document = MapDocument.load(path)
    document.apply(InsertTouchpoint("a", None, (("who", "Moi"),)))
    assert document.text().endswith('touchpoints = [{who = "Moi"}]\n')


def test_a_save_that_would_not_read_back_is_refused_and_the_file_kept(map_copy):
    path = map_copy()
    before = path.read_bytes()
    document = MapDocument.load(path)
    broken = before.replace(b"[[stages]]", b"[[stages]", 1)
    with pytest.raises(UnprovenSave, match="not saved .*would not read back"):
        write_proven(path, broken, document.map)
    other = before.replace(b"Achat de billets de concert", b"Autre titre")
    with pytest.raises(UnprovenSave, match="does not read back as the map being edited"):
        write_proven(path, other, document.map)
    assert path.read_bytes() == before
    assert str(UnprovenSave.at(path, "x")).count("\n") == 0


@pytest.mark.parametrize("where", ["head", "touchpoint"])
def test_a_document_whose_text_does_not_match_its_model_is_not_saved(map_copy, monkeypatch, where):
    """The proof is on the save path itself: a text that drifted from the model never replaces the file,
    whichever piece drifted."""
    path = map_copy()
    before = path.read_bytes()
    document = MapDocument.load(path)
    snapshot = document.snapshot()
    if where == "head":
        drifted = snapshot.replace(head=Piece(HEAD, snapshot.head.text.replace("Camille", "Dominique")))
    else:
        stage, touchpoints = snapshot.groups[1]
        piece = touchpoints[0]
        other = Piece(piece.kind, piece.text.replace("emotion = ", "emotion = -"), piece.start)
        drifted = snapshot.replace(groups=(snapshot.groups[0], (stage, (other, *touchpoints[1:])), *snapshot.groups[2:]))
    assert drifted.text() != before.decode("utf-8")
    monkeypatch.setattr(document, "snapshot", lambda: drifted)
    with pytest.raises(UnprovenSave):
        document.save(force=True)
    assert path.read_bytes() == before
