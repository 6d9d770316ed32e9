"""Every validation error with its exact position, through `validate_file` (the CLI tests run the command)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.catalogue import load_catalogues
from tui.core.errors import MapError
from tui.core.validate import validate_file

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

GOOD = """schema = 1
title = "Carte"

[[stages]]
id = "a"
name = "A"

[[stages.touchpoints]]
channel = "radio"
support = "affiches"
type = "promotionnelle"
emotion = 1
"""


def _issues(tmp_path: Path, text: str | bytes, strict: bool = False, name: str = "carte.toml") -> list[str]:
    """The issues of a map holding `text`, each without its file name: `:LINE:COL: message`."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return [str(i).removeprefix(str(path)) for i in validate_file(path, load_catalogues(path), strict)]


def test_a_good_map_has_no_issue(tmp_path):
    assert _issues(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(GOOD.replace("schema = 1\n", ""), ":1:1: missing required key 'schema' (schema = 1)", id="no-schema"),
        pytest.param(GOOD.replace("schema = 1", 'schema = "1"'), ":1:10: 'schema' must be an integer, not a string", id="schema-string"),
        pytest.param(GOOD.replace("schema = 1", "schema = 1.0"), ":1:10: 'schema' must be an integer, not a number", id="schema-float"),
        pytest.param(GOOD.replace("schema = 1", "schema = true"), ":1:10: 'schema' must be an integer, not a boolean", id="schema-bool"),
        pytest.param(GOOD.replace("schema = 1", "schema = 2"), ":1:10: unknown schema version 2 (this parcours reads schema 1)", id="schema-2"),
        pytest.param(GOOD.replace("schema = 1", "schema = 0"), ":1:10: unknown schema version 0 (this parcours reads schema 1)", id="schema-0"),
        pytest.param(GOOD.replace('title = "Carte"\n', ""), ":1:1: missing required key 'title'", id="no-title"),
        pytest.param(GOOD.replace('title = "Carte"', "title = 3"), ":2:9: 'title' must be a string, not an integer", id="title-int"),
        pytest.param(GOOD.replace('title = "Carte"', 'title = "  "'), ":2:9: 'title' must not be empty", id="title-blank"),
        pytest.param(GOOD.replace('title = "Carte"', 'title = "Carte"\nlocale = "de"'), ":3:10: 'locale' must be \"fr\" or \"en\", not 'de'", id="locale"),
        pytest.param(GOOD.replace('title = "Carte"', 'title = "Carte"\npersona = "Zoé"'), ":3:11: 'persona' must be a table, not a string", id="persona-string"),
        pytest.param(GOOD.replace('title = "Carte"', 'title = "Carte"\n[persona]\nname = 3'), ":4:8: 'name' must be a string, not an integer", id="persona-name"),
        pytest.param('schema = 1\ntitle = "x"\nstages = 3\n', ":3:10: 'stages' must be an array of tables ([[stages]]), not an integer", id="stages-int"),
        pytest.param('schema = 1\ntitle = "x"\nstages = [1]\n', ":3:10: a stage must be a table, not an integer", id="stage-int"),
        pytest.param(GOOD.replace('id = "a"\n', ""), ":4:1: missing required key 'id'", id="no-id"),
        pytest.param(GOOD.replace('id = "a"', "id = 3"), ":5:6: 'id' must be a string, not an integer", id="id-int"),
        pytest.param(GOOD.replace('name = "A"\n', ""), ":4:1: missing required key 'name'", id="no-name"),
        pytest.param(GOOD.replace('name = "A"', 'name = ""'), ":6:8: 'name' must not be empty", id="name-empty"),
        pytest.param(GOOD.replace('name = "A"', 'name = "A"\nsituation = [1]'), ":7:13: 'situation' must be a string, not an array", id="situation-array"),
        pytest.param(GOOD + '\n[[stages]]\nid = "a"\nname = "B"\n', ":15:6: duplicate stage id 'a' (first used by stage #1)", id="duplicate-id"),
        pytest.param(GOOD.replace("[[stages.touchpoints]]", "touchpoints = 3\n[[other]]"),
                     ":8:15: 'touchpoints' must be an array of tables ([[stages.touchpoints]]), not an integer", id="touchpoints-int"),
        pytest.param(GOOD.replace("[[stages.touchpoints]]", 'touchpoints = ["x"]\n[[other]]'),
                     ":8:15: a touchpoint must be a table, not a string", id="touchpoint-string"),
        pytest.param(GOOD.replace('channel = "radio"', "channel = 4"), ":9:11: 'channel' must be a string, not an integer", id="channel-int"),
        pytest.param(GOOD.replace('channel = "radio"', 'channel = "radio"\nwho = { name = "x" }'), ":10:7: 'who' must be a string, not a table", id="who-table"),
        pytest.param(GOOD.replace("emotion = 1", "emotion = 3"), ":12:11: 'emotion' is 3, outside -2..2", id="emotion-3"),
        pytest.param(GOOD.replace("emotion = 1", "emotion = -5"), ":12:11: 'emotion' is -5, outside -2..2", id="emotion-minus-5"),
        pytest.param(GOOD.replace("emotion = 1", 'emotion = "happy"'), ":12:11: 'emotion' must be an integer from -2 to 2, not a string", id="emotion-string"),
        pytest.param(GOOD.replace("emotion = 1", "emotion = 1.5"), ":12:11: 'emotion' must be an integer from -2 to 2, not a number", id="emotion-float"),
        pytest.param(GOOD.replace("emotion = 1", "emotion = true"), ":12:11: 'emotion' must be an integer from -2 to 2, not a boolean", id="emotion-bool"),
    ],
)
def test_each_error_names_its_line_and_column(tmp_path, text, expected):
    assert _issues(tmp_path, text) == [expected]


def test_every_error_of_a_map_is_reported_in_file_order(tmp_path):
    text = GOOD.replace("schema = 1", "schema = 9").replace("emotion = 1", "emotion = 7").replace('name = "A"', "name = 1")
    assert _issues(tmp_path, text) == [
        ":1:10: unknown schema version 9 (this parcours reads schema 1)",
        ":6:8: 'name' must be a string, not an integer",
        ":12:11: 'emotion' is 7, outside -2..2",
    ]


@pytest.mark.parametrize("text", ["", "\n\n  \t\n", "\ufeff"])
def test_an_empty_file_is_one_error(tmp_path, text):
    assert _issues(tmp_path, text) == [":1:1: empty file, not a map: it needs at least 'schema = 1' and a 'title'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('schema = 1\ntitle = "x\n', ":2:11: invalid TOML: string not closed before the end of the line", id="open-string"),
        pytest.param('schema = 1\ntitle = """x\n', ":3:1: invalid TOML: unterminated string", id="open-multiline"),
        pytest.param("schema = 1\ntitle = \n", ":2:9: invalid TOML: missing or invalid value", id="no-value"),
        pytest.param('schema = 1\ntitle "x"\n', ":2:7: invalid TOML: expected '=' after a key in a key/value pair", id="no-equals"),
        pytest.param("schema = 1\n[[stages]\n", ":2:9: invalid TOML: expected ']]' at the end of an array declaration", id="open-array-header"),
        pytest.param('schema = 1\ntitle = "a"\ntitle = "b"\n', ":3:12: invalid TOML: key given a value twice", id="duplicate-key"),
        pytest.param('schema = 1\ntitle = "a"\n[persona]\n[persona]\n', ":4:9: invalid TOML: cannot declare [persona] twice", id="duplicate-table"),
        pytest.param("schema = 1\nx = [1,\n", ":3:1: invalid TOML: missing or invalid value", id="open-array"),
    ],
)
def test_syntax_errors_name_their_line_and_column(tmp_path, text, expected):
    assert _issues(tmp_path, text) == [expected]


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert _issues(tmp_path, "\ufeff" + GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('channel = "radio"', 'channel = "pigeon"', ":9:11: warning: 'channel' value 'pigeon' is not in the catalogue of channels"),
        ('support = "affiches"', 'support = "pigeon"', ":10:11: warning: 'support' value 'pigeon' is not in the catalogue of supports or touchpoints"),
        ('type = "promotionnelle"', 'type = "pigeon"', ":11:8: warning: 'type' value 'pigeon' is not in the catalogue of types"),
        ('id = "a"', 'id = "Étape A"', ":5:6: warning: stage id 'Étape A' is not a slug (lower-case letters, digits, hyphens)"),
    ],
)
def test_catalogue_misses_are_warnings_unless_strict(tmp_path, old, new, expected):
    text = GOOD.replace(old, new)
    assert _issues(tmp_path, text) == [expected]
    assert _issues(tmp_path, text, strict=True) == [expected.replace("warning: ", "")]


def test_a_touchpoint_from_the_other_touchpoints_catalogue_is_a_support(tmp_path):
    assert _issues(tmp_path, GOOD.replace('support = "affiches"', 'support = "panier-d-achat"'), strict=True) == []


def test_a_project_catalogue_beside_the_map_makes_a_value_known(tmp_path):
    text = GOOD.replace('channel = "radio"', 'channel = "pigeon"')
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "channels.toml").write_text(
        '[[channels]]\nid = "pigeon"\nlabel = "Pigeon voyageur"\nlabel_en = "Carrier pigeon"\ngroup = "contact-direct"\n',
        encoding="utf-8",
    )
    assert _issues(tmp_path, text, strict=True) == []


def test_unreadable_files_are_one_issue(tmp_path):
    (tmp_path / "folder.toml").mkdir()
    assert [str(i) for i in validate_file(tmp_path / "folder.toml")] == [f"{tmp_path / 'folder.toml'}: is a folder, not a map file"]
    assert [str(i) for i in validate_file(tmp_path / "none.toml")] == [f"{tmp_path / 'none.toml'}: no such file"]
    assert _issues(tmp_path, b"schema = 1\n\x00\x01") == [":2:1: binary content (a NUL byte), not a TOML text file"]
    assert _issues(tmp_path, 'schema = 1\ntitle = "caf\xe9"\n'.encode("latin-1")) == [":2:13: not valid UTF-8 text"]


def test_catalogue_errors_are_map_errors_with_a_position(tmp_path):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "types.toml").write_text("[[types]\n", encoding="utf-8")
    with pytest.raises(MapError) as raised:
        load_catalogues(tmp_path / "carte.toml")
    assert str(raised.value).startswith(f"{tmp_path / 'catalog' / 'types.toml'}:1:8: invalid TOML")
