"""Every validation error with its position, through `validate_file` (no subprocess needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.catalogue import load_catalogues
from tui.validate import validate_file

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


def _issues(tmp_path: Path, text: str, strict: bool = False, name: str = "carte.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [str(i).removeprefix(str(path)) for i in validate_file(path, load_catalogues(path), strict)]


def test_a_good_map_has_no_issue(tmp_path):
    assert _issues(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("schema = 1\n", ""), ":1:1: missing required key 'schema'"),
        (GOOD.replace("schema = 1", 'schema = "1"'), ":1:10: 'schema' must be an integer, not a string"),
        (GOOD.replace("schema = 1", "schema = 2"), ":1:10: unknown schema version 2"),
        (GOOD.replace('title = "Carte"', "title = 3"), ":2:9: 'title' must be a string, not an integer"),
        (GOOD.replace('title = "Carte"\n', ""), ":1:1: missing required key 'title'"),
        (GOOD.replace('id = "a"\n', ""), ":4:1: missing required key 'id'"),
        (GOOD.replace('name = "A"\n', ""), ":4:1: missing required key 'name'"),
        (GOOD.replace("emotion = 1", "emotion = 3"), ":12:11: 'emotion' is 3, outside -2..2"),
        (GOOD.replace("emotion = 1", "emotion = -5"), ":12:11: 'emotion' is -5, outside -2..2"),
        (GOOD.replace("emotion = 1", 'emotion = "happy"'), ":12:11: 'emotion' must be an integer"),
        (GOOD.replace("emotion = 1", "emotion = 1.5"), ":12:11: 'emotion' must be an integer"),
        (GOOD.replace('channel = "radio"', "channel = 4"), ":9:11: 'channel' must be a string, not an integer"),
        (GOOD + '\n[[stages]]\nid = "a"\nname = "B"\n', ":15:6: duplicate stage id 'a'"),
        (GOOD.replace("[[stages.touchpoints]]", "touchpoints = 3\n[[other]]"), ":8:15: 'touchpoints' must be an array"),
        ("schema = 1\ntitle = \"x\"\nstages = [1, 2]\n", ":3:10: a stage must be a table, not an integer"),
        ('schema = 1\ntitle = "x"\nlocale = "de"\n', ":3:10: 'locale' must be \"fr\" or \"en\""),
        ('schema = 1\ntitle = "x"\npersona = "Zoé"\n', ":3:11: 'persona' must be a table"),
    ],
)
def test_each_error_names_its_line_and_column(tmp_path, text, expected):
    found = _issues(tmp_path, text)
    assert any(issue.startswith(expected) for issue in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('schema = 1\ntitle = "x\n', ":2:"),
        ("schema = 1\ntitle = \n", ":2:"),
        ("schema = 1\n[[stages]\n", ":2:"),
        ('schema = 1\ntitle = "a"\ntitle = "b"\n', ":3:"),
    ],
)
def test_syntax_errors_name_their_line(tmp_path, text, expected):
    found = _issues(tmp_path, text)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_catalogue_misses_are_warnings_unless_strict(tmp_path):
    text = GOOD.replace('support = "affiches"', 'support = "pigeon"')
    assert _issues(tmp_path, text) == [":10:11: warning: 'support' value 'pigeon' is not in the catalogue of supports or touchpoints"]
    assert _issues(tmp_path, text, strict=True) == [":10:11: 'support' value 'pigeon' is not in the catalogue of supports or touchpoints"]


def test_unreadable_files_are_one_issue(tmp_path):
    (tmp_path / "folder.toml").mkdir()
    assert [str(i) for i in validate_file(tmp_path / "folder.toml")] == [f"{tmp_path / 'folder.toml'}: is a folder, not a map file"]
    assert [str(i) for i in validate_file(tmp_path / "none.toml")] == [f"{tmp_path / 'none.toml'}: no such file"]
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"schema = 1\n\x00\x01")
    assert str(validate_file(binary)[0]).endswith(":2:1: binary content (a NUL byte), not a TOML text file")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('schema = 1\ntitle = "caf\xe9"\n'.encode("latin-1"))
    assert str(validate_file(latin)[0]) == f"{latin}:2:13: not valid UTF-8 text"
