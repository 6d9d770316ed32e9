"""A save with no edit is byte-identical; an edit changes only its own lines."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests_support import ROOT
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.edits import SetStageField, SetTouchpointField
from tui.core.validate import validate_file

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))

ODD = """\ufeff# A hand-written map, full of comments and odd formatting
schema    =   1   # the version
'title' = 'Carte « bizarre »'   # literal string, quoted key
locale="fr"
custom_top = { a = 1, b = [1, 2] }   # unknown keys are kept

[persona]
  name = "Zoé"
  # indented comment
  description = \"\"\"Sur
plusieurs lignes\"\"\"
  "âge" = 35


[[stages]]
id = "a"   # id
name = "A"
extra = 3.5


[[stages.touchpoints]]
    channel = 'radio'  # literal
    support = "affiches"
    emotion = +1
    notes = [ "x",
      "y" ]   # multi-line array

# between stages

[[stages]]
id = "b"
name = "B"
"""


def changed(before: str, after: str) -> list[str]:
    return [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if l[:1] in "+-" and not l.startswith(("+++", "---"))]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_valid_and_round_trip_byte_for_byte(path, tmp_path):
    assert [i for i in validate_file(path, load_catalogues(path)) if not i.warning] == []
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    document = MapDocument.load(copy)
    document.warm()
    document.save()
    assert copy.read_bytes() == path.read_bytes()
    assert document.map.touchpoint_count >= 10
    assert len(document.map.stages) == 10
    assert all(stage.touchpoints for stage in document.map.stages)


def test_odd_formatting_survives_a_save_without_edit(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(ODD, encoding="utf-8")
    document = MapDocument.load(path)
    document.save()
    assert path.read_text(encoding="utf-8") == ODD


def test_an_edit_changes_only_its_line_and_keeps_everything_else(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(ODD, encoding="utf-8")
    document = MapDocument.load(path)
    document.apply(SetTouchpointField("t1", "channel", "television"))
    document.apply(SetStageField("b", "name", "Bé"))
    document.save()
    after = path.read_text(encoding="utf-8")
    assert sorted(changed(ODD, after)) == sorted([
        "-    channel = 'radio'  # literal",
        "+    channel = 'television'  # literal",
        "-name = \"B\"",
        "+name = \"Bé\"",
    ])
    assert after.startswith("\ufeff")


def test_unknown_keys_survive_edits(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(ODD, encoding="utf-8")
    document = MapDocument.load(path)
    document.apply(SetTouchpointField("t1", "who", "Moi"))
    text = document.text()
    for kept in ("custom_top = { a = 1, b = [1, 2] }", '"âge" = 35', "extra = 3.5", 'notes = [ "x",'):
        assert kept in text
