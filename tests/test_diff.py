"""The semantic diff on crafted pairs of maps: every kind of change, and the exit codes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from tests_support import EXAMPLE
from tui.diff import diff_maps
from tui.document import MapDocument

BASE = MapDocument.load(EXAMPLE).map


def kinds(old, new) -> list[str]:
    return [c.kind for c in diff_maps(old, new)]


def test_same_map_has_no_change():
    assert diff_maps(BASE, BASE) == []


def test_title_and_persona():
    new = replace(BASE, title="Autre", persona=BASE.persona.with_value("name", "Léa"))
    assert kinds(BASE, new) == ["title", "persona"]


def test_stage_added_removed_renamed_moved_and_situation():
    stages = list(BASE.stages)
    removed = stages.pop(9)
    stages[0] = stages[0].with_value("name", "Prise de conscience")
    stages[1] = stages[1].with_value("situation", "Autre situation")
    stages.insert(3, stages.pop(2))
    stages.append(replace(removed, id="nouvelle", name="Nouvelle"))
    changes = diff_maps(BASE, replace(BASE, stages=tuple(stages)))
    found = {(c.kind, c.key) for c in changes}
    assert ("stage-removed", "engagement") in found
    assert ("stage-added", "nouvelle") in found
    assert ("stage-renamed", "sensibilisation") in found
    assert ("stage-field", "situation") in found
    assert any(c.kind == "stage-moved" for c in changes)


def test_touchpoint_field_changes_with_old_and_new_values():
    stage = BASE.stages[0]
    tp = stage.touchpoints[0]
    changed = stage.with_touchpoints((tp.with_value("who", "Agence").with_value("emotion", -1),) + stage.touchpoints[1:])
    changes = diff_maps(BASE, BASE.with_stage(0, changed))
    assert [(c.kind, c.key, c.old, c.new) for c in changes] == [
        ("touchpoint-field", "who", tp.who, "Agence"),
        ("touchpoint-field", "emotion", 2, -1),
    ]


def test_touchpoint_added_removed_and_moved_between_stages():
    first, second = BASE.stages[0], BASE.stages[1]
    moving = first.touchpoints[1]
    new = BASE.with_stage(0, first.with_touchpoints(first.touchpoints[:1]))
    new = new.with_stage(1, second.with_touchpoints((moving,) + second.touchpoints[1:]))
    changes = diff_maps(BASE, new)
    assert ("touchpoint-moved", "Sensibilisation #2", "Recherche #1") in {(c.kind, c.where, c.to) for c in changes}
    assert "touchpoint-removed" in kinds(BASE, new)  # Recherche's first touchpoint is gone
    added = BASE.with_stage(0, first.with_touchpoints(first.touchpoints + (first.touchpoints[0].with_value("response", "Tout autre chose entièrement"),)))
    assert "touchpoint-added" in kinds(BASE, added) or "touchpoint-field" in kinds(BASE, added)


def test_reordering_within_a_stage_is_a_move():
    stage = BASE.stages[3]
    swapped = stage.with_touchpoints((stage.touchpoints[2], stage.touchpoints[0], stage.touchpoints[1]))
    assert kinds(BASE, BASE.with_stage(3, swapped)) == ["touchpoint-moved"]


def test_cli_exit_codes_and_plain_output(tmp_path):
    new = tmp_path / "new.toml"
    new.write_text(EXAMPLE.read_text(encoding="utf-8").replace("emotion = 2", "emotion = -2", 1), encoding="utf-8")
    same = subprocess.run([sys.executable, "-m", "tui", "diff", str(EXAMPLE), str(EXAMPLE)], capture_output=True, text=True)
    assert same.returncode == 0 and same.stdout == ""
    done = subprocess.run([sys.executable, "-m", "tui", "diff", str(EXAMPLE), str(new)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.strip() == "~ Sensibilisation #1, émotion: 😄 +2 → 😡 -2"
    assert "\x1b" not in done.stdout
    git = subprocess.run([sys.executable, "-m", "tui", "diff", "maps/c.toml", str(EXAMPLE), "a" * 40, "100644", str(new), "b" * 40, "100644"],
                         capture_output=True, text=True)
    assert git.returncode == 0 and "émotion" in git.stdout
