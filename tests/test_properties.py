"""Property tests: whatever sequence of edits a session makes, the file says exactly that.

Hypothesis draws each edit from the map as it stands (so indices are valid, as
the editor's would be), applies it through `History`, and checks the three
promises the editor rests on: the saved file reads back as the model, undoing
everything gives back the original bytes, and comments and odd formatting
survive edits elsewhere.
"""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.document import MapDocument
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, Edit, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint,
    SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.core.edits.touchpoint_edits import DuplicateTouchpoint
from tui.core.history import History
from tui.core.model import TEXT_FIELDS, JourneyMap

from tests_support import ROOT

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text a person could type or paste: accents, quotes, backslashes, newlines, tabs, emoji.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
# A title or stage name is never blank: the editor refuses one, as validation does.
NAME = TEXT.filter(str.strip)
EMOTION = st.one_of(st.none(), st.integers(-2, 2))
_ids = itertools.count()


def _edit(draw, jmap: JourneyMap) -> Edit:
    """One edit the editor could make on `jmap`, naming stages by id and touchpoints by key."""
    ids = [s.id for s in jmap.stages]
    with_touchpoints = [s for s in jmap.stages if s.touchpoints]
    kinds = ["title", "persona", "insert-stage"]
    if ids:
        kinds += ["stage", "insert-touchpoint", "move-stage", "delete-stage"]
    if with_touchpoints:
        kinds += ["field", "field", "field", "emotion", "delete-touchpoint", "move-touchpoint", "duplicate"]
    kind = draw(st.sampled_from(kinds))
    if kind == "title":
        return SetMapField("title", draw(NAME))
    if kind == "persona":
        return SetPersonaField(draw(st.sampled_from(["name", "description", "age"])), draw(TEXT))
    if kind == "insert-stage":
        values = (("id", f"etape-{next(_ids)}"), ("name", draw(NAME)))
        return InsertStage(draw(st.sampled_from([None, *ids])), values)
    if kind == "stage":
        key = draw(st.sampled_from(["name", "situation"]))
        return SetStageField(draw(st.sampled_from(ids)), key, draw(NAME if key == "name" else TEXT))
    if kind == "move-stage":
        stage = draw(st.sampled_from(ids))
        return MoveStage(stage, draw(st.sampled_from([None, *(i for i in ids if i != stage)])))
    if kind == "delete-stage":
        return DeleteStage(draw(st.sampled_from(ids)))
    if kind == "insert-touchpoint":
        stage = draw(st.sampled_from(jmap.stages))
        values = (("channel", draw(TEXT)), ("who", draw(TEXT)), ("emotion", draw(EMOTION)))
        after = draw(st.sampled_from([None, *(t.key for t in stage.touchpoints)]))
        return InsertTouchpoint(stage.id, after, tuple((k, v) for k, v in values if v is not None))
    key = draw(st.sampled_from([t.key for s in with_touchpoints for t in s.touchpoints]))
    if kind == "field":
        return SetTouchpointField(key, draw(st.sampled_from(TEXT_FIELDS)), draw(TEXT))
    if kind == "emotion":
        return SetTouchpointField(key, "emotion", draw(EMOTION))
    if kind == "delete-touchpoint":
        return DeleteTouchpoint(key)
    if kind == "duplicate":
        return DuplicateTouchpoint(key)
    target = draw(st.sampled_from(jmap.stages))
    return MoveTouchpoint(key, target.id, draw(st.sampled_from([None, *(t.key for t in target.touchpoints if t.key != key)])))


def _session(data, text: str, path: Path) -> tuple[MapDocument, History]:
    document = MapDocument.from_text(path, text)
    history = History(document)
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        history.do(data.draw(st.composite(lambda draw: _edit(draw, document.map))(), label="edit"))
    return document, history


@SETTINGS
@given(data=st.data(), example=st.sampled_from(EXAMPLES))
def test_saved_edits_read_back_as_the_model(tmp_path_factory, data, example):
    path = tmp_path_factory.mktemp("map") / example.name
    path.write_bytes(example.read_bytes())
    document, _ = _session(data, example.read_text(encoding="utf-8"), path)
    document.save()
    assert MapDocument.load(path).map == document.map
    assert JourneyMap.from_data(tomllib.loads(path.read_text(encoding="utf-8"))) == document.map


@SETTINGS
@given(data=st.data(), example=st.sampled_from(EXAMPLES))
def test_undoing_every_edit_gives_back_the_original_bytes(data, example):
    original = example.read_bytes()
    document, history = _session(data, original.decode("utf-8"), example)
    while history.undo():
        pass
    assert document.to_bytes() == original
    assert not history.dirty
    while history.redo():
        pass
    assert JourneyMap.from_data(tomllib.loads(document.text())) == document.map


# Documents people write by hand: comments anywhere, blank lines, both quoting
# styles, inline tables of spacing, CRLF, a byte order mark.
COMMENT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FF, blacklist_characters="\x7f"), max_size=20)
SPACE = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def documents(draw) -> str:
    def comment() -> str:
        return draw(st.sampled_from(["", f"#{draw(COMMENT)}"]))

    def quoted(value: str) -> str:
        if draw(st.booleans()) and "'" not in value and "\n" not in value:
            return f"'{value}'"
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def line(key: str, value: str) -> str:
        tail = comment()
        return f"{key}{draw(SPACE)}={draw(SPACE)}{value}{draw(SPACE) + tail if tail else ''}"

    word = st.text(alphabet="abcdéèàçô ABC-'", min_size=1, max_size=12).filter(str.strip)
    lines = [comment(), "schema = 1", line("title", quoted(draw(word)))]
    if draw(st.booleans()):
        lines += ["", "[persona]", line("name", quoted(draw(word)))]
    for number in range(draw(st.integers(1, 4))):
        lines += [comment(), "[[stages]]", line("id", f'"s{number}"'), line("name", quoted(draw(word)))]
        for _ in range(draw(st.integers(0, 3))):
            lines += ["" if draw(st.booleans()) else comment(), "[[stages.touchpoints]]"]
            lines.append(line("who", quoted(draw(word))))
            if draw(st.booleans()):
                lines.append(line("emotion", str(draw(st.integers(-2, 2)))))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


@SETTINGS
@given(text=documents(), data=st.data())
def test_hand_written_documents_round_trip_and_keep_their_comments(text, data):
    document = MapDocument.from_text(Path("carte.toml"), text)
    assert document.text() == text
    history = History(document)
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        history.do(data.draw(st.composite(lambda draw: _edit(draw, document.map))(), label="edit"))
    edited = document.text()
    assert JourneyMap.from_data(tomllib.loads(edited.removeprefix("\ufeff"))) == document.map
    assert ("\r\n" in edited) == ("\r\n" in text) and edited.startswith("\ufeff") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert "\n" not in edited.replace("\r\n", "")
    while history.undo():
        pass
    assert document.text() == text
