"""Hostile input everywhere a file is read: maps, catalogues, the recovery journal.

Each case must give one clear line naming the file (and a line and column
where there is one), exit 1 from the command line, take bounded time (the
subprocess timeout is a hang guard, not a speed test), and write nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.core.history import History
from tui.core.journal import journal_path
from tui.core.recovery import ReplayError, orphans, replay
from tui.core.validate import validate_file

from tests_support import EXAMPLE

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

HEAD = b'schema = 1\ntitle = "x"\n'

# name -> (content, the message the one line must hold)
MAPS = {
    "empty": (b"", "empty file"),
    "only-spaces": (b"  \n\n\t\n", "empty file"),
    "huge": (HEAD + b'big = "' + b"x" * (10 * 1024 * 1024) + b'"\n', "too large"),
    "long-string": (HEAD + b'[[stages]]\nid = "a"\nname = "' + b"n" * 1_000_000 + b'"\nsituation = 3\n',
                    "'situation' must be a string"),
    "deep-arrays": (HEAD + b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested more than"),
    "deep-tables": (HEAD + b"a = " + b"{b = " * 2_000 + b"1" + b"}" * 2_000 + b"\n", "nested more than"),
    "deep-keys": (HEAD + b".".join([b"k"] * 5_000) + b" = 1\n", "nested more than"),
    "stages-of-numbers": (HEAD + b"stages = [1, 2]\n", "a stage must be a table"),
    "touchpoints-of-strings": (HEAD + b'[[stages]]\nid = "a"\nname = "A"\ntouchpoints = ["x"]\n',
                               "a touchpoint must be a table"),
    "title-array": (b'schema = 1\ntitle = ["x"]\n', "'title' must be a string"),
    "control-character": (b'schema = 1\ntitle = "a\x07b"\n', "illegal character"),
    "nul-byte": (HEAD + b"# \x00\n", "binary content"),
    "invalid-utf8": (b'schema = 1\ntitle = "caf\xe9"\n', "UTF-8"),
    "utf16": ("schema = 1\ntitle = 'x'\n".encode("utf-16"), "not"),
    "emotion-out-of-range": (HEAD + b'[[stages]]\nid = "a"\nname = "A"\n[[stages.touchpoints]]\nemotion = 9\n',
                             "emotion"),
    "duplicate-ids": (HEAD + b'[[stages]]\nid = "a"\nname = "A"\n[[stages]]\nid = "a"\nname = "B"\n', "duplicate"),
    "huge-integer": (b"schema = 99999999999999999999999999\ntitle = 'x'\n", "unknown schema version"),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "NO_COLOR": "1"})


def _one_line(result: subprocess.CompletedProcess[str], name: str, needle: str) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(name) and needle.lower() in lines[0].lower(), lines[0]
    return lines[0]


@pytest.mark.parametrize("case", MAPS, ids=str)
def test_a_hostile_map_is_one_error_in_the_core(tmp_path, case):
    content, needle = MAPS[case]
    path = tmp_path / f"{case}.toml"
    path.write_bytes(content)
    errors = [i for i in validate_file(path) if not i.warning]
    assert errors and needle.lower() in str(errors[0]).lower(), errors
    with pytest.raises(MapError):
        MapDocument.load(path)
    assert path.read_bytes() == content


@pytest.mark.parametrize("command", ["validate", "show", "edit"])
@pytest.mark.parametrize("case", ["empty", "huge", "deep-arrays", "deep-keys", "invalid-utf8", "nul-byte",
                                  "touchpoints-of-strings"])
def test_a_hostile_map_is_one_line_and_exit_1_from_every_command(tmp_path, case, command):
    content, needle = MAPS[case]
    path = tmp_path / f"{case}.toml"
    path.write_bytes(content)
    args = [path.name] if command == "edit" else [command, path.name]
    line = _one_line(_run(*args, cwd=tmp_path), path.name, needle)
    if case not in ("huge",):
        assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("command", ["validate", "show", "edit"])
@pytest.mark.parametrize("kind", ["folder", "device", "fifo"])
def test_a_map_that_is_not_a_regular_file(tmp_path, command, kind):
    if kind == "folder":
        path = tmp_path / "carte.toml"
        path.mkdir()
        name, needle = path.name, "folder"
    elif kind == "device":
        path, name, needle = Path("/dev/null"), "/dev/null", "not a regular file"
    else:
        path = tmp_path / "carte.toml"
        os.mkfifo(path)
        name, needle = path.name, "not a regular file"
    target = str(path) if kind == "device" else path.name
    args = [target] if command == "edit" else [command, target]
    _one_line(_run(*args, cwd=tmp_path), name, needle)


def test_crlf_and_a_byte_order_mark_are_kept_on_save(tmp_path):
    path = tmp_path / "carte.toml"
    original = "\ufeff" + EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    document = MapDocument.load(path)
    document.save(force=True)
    assert path.read_bytes() == original.encode("utf-8")
    from tui.core.edits import InsertTouchpoint

    document.apply(InsertTouchpoint("sensibilisation", None, (("who", "Moi"),)))
    document.save()
    saved = path.read_bytes()
    assert saved.startswith("\ufeff".encode()) and b"\n" not in saved.replace(b"\r\n", b"")
    assert MapDocument.load(path).map.touchpoint(0, 0).who == "Moi"


# -- catalogues -----------------------------------------------------------------------------

CATALOGUES = {
    "empty": (b"", None),
    "binary": (b"\x00\x01\x02", "binary content"),
    "invalid-utf8": (b'[[supports]]\nid = "caf\xe9"\n', "UTF-8"),
    "broken": (b"[[supports]\nid = 'x'\n", "invalid TOML"),
    "deep": (b"a = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested more than"),
    "wrong-array": (b"supports = 3\n", "must be an array of tables"),
    "wrong-entry": (b"supports = [1]\n", "must be a table"),
    "no-id": (b"[[supports]]\nlabel = 'x'\n", "has no 'id'"),
    "wrong-label": (b"[[supports]]\nid = 'x'\nlabel = 3\n", "must be a string"),
    "huge": (b"# " + b"x" * (9 * 1024 * 1024) + b"\n", "too large"),
}


@pytest.mark.parametrize("case", CATALOGUES, ids=str)
def test_a_hostile_project_catalogue_is_one_line_naming_it(tmp_path, case):
    content, needle = CATALOGUES[case]
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "supports.toml").write_bytes(content)
    (tmp_path / "carte.toml").write_bytes(EXAMPLE.read_bytes())
    if needle is None:  # an empty catalogue adds nothing, and is no error
        assert len(load_catalogues(tmp_path / "carte.toml")["supports"]) == 40
        return
    with pytest.raises(MapError, match=needle):
        load_catalogues(tmp_path / "carte.toml")
    line = _one_line(_run("validate", "carte.toml", cwd=tmp_path), "", needle)
    assert "supports.toml" in line
    assert (tmp_path / "carte.toml").read_bytes() == EXAMPLE.read_bytes()


# -- the recovery journal -------------------------------------------------------------------

def _journal(map_path: Path, body: bytes) -> Path:
    path = journal_path(map_path, "perdue")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return path


HEADER = json.dumps({"format": 2, "map": "x", "base": None, "started": "2026-11-23T10:00:00+00:00"}).encode() + b"\n"

JOURNALS = {
    "binary": b"\x00\xff\xfe" * 100,
    "invalid-utf8": HEADER + b'{"op": "SetMapField", "key": "title", "value": "caf\xe9"}\n',
    "not-json": HEADER + b"{{{\n",
    "deep-json": HEADER + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "header-not-object": b"[1, 2]\n" + b'{"op": "SetMapField", "key": "title", "value": "x"}\n',
    "old-format": json.dumps({"map": "x", "base": None, "started": "x"}).encode() + b"\n"
                  + b'{"op": "DeleteTouchpoint", "stage": 0, "index": 0}\n',
    "unknown-op": HEADER + b'{"op": "os.system", "key": "title", "value": "x"}\n',
    "missing-field": HEADER + b'{"op": "SetTouchpointField", "key": "who", "value": "x"}\n',
    "not-a-key": HEADER + b'{"op": "DeleteTouchpoint", "touchpoint": "../../etc"}\n',
    "object-value": HEADER + b'{"op": "SetMapField", "key": "title", "value": {"a": 1}}\n',
    "bad-placement": HEADER + b'{"op": "DeleteTouchpoint", "touchpoint": "t1", "at": {"t1": "x"}}\n',
    "huge": HEADER + b'{"op": "SetMapField", "key": "title", "value": "' + b"x" * (9 * 1024 * 1024) + b'"}\n',
}


@pytest.mark.parametrize("case", JOURNALS, ids=str)
def test_a_damaged_journal_is_a_clear_error_and_set_aside(map_copy, case):
    map_path = map_copy()
    path = _journal(map_path, JOURNALS[case])
    found, errors = orphans(map_path)
    assert found == [] and len(errors) == 1
    assert str(errors[0]).startswith(str(path)) and "\n" not in str(errors[0])
    assert not path.exists() and path.with_suffix(".bad").exists()


@pytest.mark.parametrize("case", ["not-json", "unknown-op", "binary"])
def test_the_editor_sets_a_damaged_journal_aside_and_opens_the_map(map_copy, case, capsys):
    """The editor must still open: a damaged journal is moved aside with one line, never a reason to fail."""
    from tui.cli import edit

    map_path = map_copy()
    path = _journal(map_path, JOURNALS[case])
    assert edit._recoveries(map_path) == []
    assert not path.exists() and path.with_suffix(".bad").exists()
    assert capsys.readouterr().err.count("\n") == 1


EDITS_THAT_DO_NOT_FIT = {
    "no-such-touchpoint": [{"op": "DeleteTouchpoint", "touchpoint": "t99"}],
    "no-such-stage": [{"op": "SetStageField", "stage": "nulle-part", "key": "name", "value": "x"}],
    "move-to-nowhere": [{"op": "MoveTouchpoint", "touchpoint": "t1", "stage": "nulle-part", "after": None}],
    "after-itself": [{"op": "MoveTouchpoint", "touchpoint": "t1", "stage": "sensibilisation", "after": "t1"}],
    "after-elsewhere": [{"op": "MoveTouchpoint", "touchpoint": "t1", "stage": "sensibilisation", "after": "t5"}],
    "emotion-out-of-range": [{"op": "SetTouchpointField", "touchpoint": "t1", "key": "emotion", "value": 9}],
    "empty-title": [{"op": "SetMapField", "key": "title", "value": ""}],
    "duplicate-stage": [{"op": "InsertStage", "after": None, "values": [["id", "sensibilisation"], ["name", "A"]],
                         "touchpoints": []}],
    "good-then-bad": [{"op": "SetMapField", "key": "title", "value": "Bon"},
                      {"op": "DeleteTouchpoint", "touchpoint": "t99"}],
}


@pytest.mark.parametrize("case", EDITS_THAT_DO_NOT_FIT, ids=str)
def test_edits_that_do_not_fit_the_map_are_never_half_applied(map_copy, case):
    map_path = map_copy()
    document = MapDocument.load(map_path)
    header = json.loads(HEADER)
    header["base"] = document.disk_digest
    body = json.dumps(header).encode() + b"\n" + b"".join(json.dumps(e).encode() + b"\n" for e in EDITS_THAT_DO_NOT_FIT[case])
    _journal(map_path, body)
    [recovery], _ = orphans(map_path)
    before = (document.text(), document.map)
    with pytest.raises(ReplayError):
        replay(History(document), recovery, same_base=True)
    assert (document.text(), document.map) == before


def test_a_journal_insert_whose_key_is_taken_here_gets_a_fresh_one(map_copy):
    """A touchpoint a journal creates is named anew in this reading of the map: no collision."""
    map_path = map_copy()
    document = MapDocument.load(map_path)
    header = json.loads(HEADER)
    header["base"] = document.disk_digest
    edit = {"op": "InsertTouchpoint", "stage": "sensibilisation", "after": None, "values": [["who", "Neuf"]], "key": "t2"}
    _journal(map_path, json.dumps(header).encode() + b"\n" + json.dumps(edit).encode() + b"\n")
    [recovery], _ = orphans(map_path)
    replay(History(document), recovery, same_base=True)
    keys = [tp.key for stage in document.map.stages for tp in stage.touchpoints]
    assert len(keys) == len(set(keys)) and document.map.touchpoint(0, 0).who == "Neuf"
