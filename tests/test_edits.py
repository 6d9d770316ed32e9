"""Every edit operation and its inverse: the model follows the TOML, undo restores the bytes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.core.document import MapDocument
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint,
    RemovePersona, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.core.model import JourneyMap

SOURCE = """# a map
schema = 1
title = "Carte"  # titre

[persona]
name = "Zoé"

[[stages]]
id = "a"
name = "A"
situation = 'Il était une fois'

[[stages.touchpoints]]
channel = "radio"  # par la radio
who = "Marketing"
emotion = 1

[[stages.touchpoints]]
channel = "television"

[[stages]]
id = "b"
name = "B"

[[stages]]
id = "c"
name = "C"

[[stages.touchpoints]]
support = "affiches"
"""

EDITS = [
    SetMapField("title", "Nouvelle carte"),
    SetMapField("locale", "en"),
    SetPersonaField("name", "Léa"),
    SetPersonaField("description", "Nouvelle"),
    SetPersonaField("name", None),
    SetStageField("a", "name", "Alpha"),
    SetStageField("b", "situation", "Une situation\nsur deux lignes"),
    SetStageField("a", "situation", "Autre"),
    SetStageField("a", "situation", "Un caractère de contrôle \x7f"),  # a literal string cannot hold it
    InsertStage(None, (("id", "z"), ("name", "Z"))),
    InsertStage("a", (("id", "z"), ("name", "Z"), ("situation", ""))),
    InsertStage("c", (("id", "z"), ("name", "Z"))),
    DeleteStage("a"),
    DeleteStage("b"),
    DeleteStage("c"),
    MoveStage("a", "c"),
    MoveStage("c", None),
    MoveStage("a", "b"),
    SetTouchpointField("t1", "who", "Ventes"),
    SetTouchpointField("t1", "emotion", -2),
    SetTouchpointField("t1", "emotion", None),
    SetTouchpointField("t2", "pain", "Trop long"),
    SetTouchpointField("t3", "response", 'Avec des "guillemets" et \\ barre'),
    InsertTouchpoint("a", None, (("channel", "cinema"), ("who", ""))),
    InsertTouchpoint("a", "t2", (("channel", "cinema"),)),
    InsertTouchpoint("b", None, (("channel", "cinema"),)),
    InsertTouchpoint("c", "t3", (("channel", "cinema"), ("emotion", 2))),
    DeleteTouchpoint("t1"),
    DeleteTouchpoint("t2"),
    DeleteTouchpoint("t3"),
    MoveTouchpoint("t1", "a", "t2"),
    MoveTouchpoint("t2", "a", None),
    MoveTouchpoint("t2", "b", None),
    MoveTouchpoint("t1", "c", "t3"),
    MoveTouchpoint("t3", "a", None),
]


def reparsed(document: MapDocument) -> JourneyMap:
    return JourneyMap.from_data(tomllib.loads(document.text()))


@pytest.mark.parametrize("edit", EDITS, ids=repr)
def test_edit_then_inverse(edit):
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    inverse = document.apply(edit)
    assert document.text() != SOURCE
    assert reparsed(document) == document.map
    again = document.apply(inverse)
    assert document.text() == SOURCE
    assert reparsed(document) == document.map
    document.apply(again)
    assert reparsed(document) == document.map


def test_a_new_touchpoint_sits_between_its_neighbours_with_blank_lines():
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    document.apply(InsertTouchpoint("a", "t1", (("channel", "cinema"),)))
    assert '\n\n[[stages.touchpoints]]\nchannel = "cinema"\n\n[[stages.touchpoints]]\nchannel = "television"' in document.text()


def test_appending_at_the_end_of_the_file_keeps_one_blank_line():
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    document.apply(InsertTouchpoint("c", "t3", (("channel", "cinema"),)))
    assert document.text().endswith('support = "affiches"\n\n[[stages.touchpoints]]\nchannel = "cinema"\n')


def test_a_persona_created_by_an_edit_is_removed_by_its_inverse():
    text = 'schema = 1\ntitle = "x"\n'
    document = MapDocument.from_text(Path("carte.toml"), text)
    inverse = document.apply(SetPersonaField("name", "Zoé"))
    assert isinstance(inverse, RemovePersona)
    assert document.map.persona.name == "Zoé"
    document.apply(inverse)
    assert document.text() == text
    assert document.map.persona is None


def test_edits_change_only_their_lines():
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    document.apply(SetTouchpointField("t1", "channel", "cinema"))
    lines = document.text().splitlines()
    assert [l for l in lines if l not in SOURCE.splitlines()] == ['channel = "cinema"  # par la radio']


@pytest.mark.parametrize(
    "edit",
    [SetTouchpointField("t1", "channel", None), SetTouchpointField("t1", "who", None),
     SetStageField("a", "name", None), SetPersonaField("name", None)],
    ids=repr,
)
def test_undoing_a_removal_puts_the_key_back_in_its_place(edit):
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    inverse = document.apply(edit)
    again = document.apply(inverse)
    assert document.text() == SOURCE
    document.apply(again)
    assert reparsed(document) == document.map


@pytest.mark.parametrize("value", ["abc \u202edcba", "tab\u2066le\u2069 \x9b31m", "ligne 1\nligne \u202e2"], ids=repr)
def test_bidi_and_c1_characters_are_saved_as_escapes_a_terminal_shows(value):
    """`git diff` or `cat` of the map must not reorder what a reviewer reads: the file holds \\uXXXX."""
    document = MapDocument.from_text(Path("carte.toml"), SOURCE)
    document.apply(SetTouchpointField("t1", "who", value))
    text = document.text()
    assert not any(char in text for char in "\u202e\u2066\u2069\x9b")
    assert "\\u" in text
    assert reparsed(document) == document.map and document.map.touchpoint(0, 0).who == value
