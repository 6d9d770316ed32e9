"""The semantic diff on crafted pairs of maps (every kind of change), its output and exit codes, and git."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests_support import EXAMPLE
from tui.core.diff import KINDS, diff_maps, kept_in_order
from tui.core.document import MapDocument
from tui.core.model import Persona, Stage, Touchpoint

BASE = MapDocument.load(EXAMPLE).map


def kinds(old, new) -> list[str]:
    return [c.kind for c in diff_maps(old, new)]


def with_stages(jmap, stages):
    return replace(jmap, stages=tuple(stages))


def test_same_map_has_no_change():
    assert diff_maps(BASE, BASE) == []


def test_title_locale_and_persona_fields():
    persona = BASE.persona.with_value("name", "Léa").with_value("lieu", None).with_value("âge", "31")
    changes = diff_maps(BASE, replace(BASE, title="Autre", locale="en", persona=persona))
    assert [(c.kind, c.key, c.old, c.new) for c in changes] == [
        ("title", "", BASE.title, "Autre"),
        ("locale", "", "fr", "en"),
        ("persona", "name", BASE.persona.name, "Léa"),
        ("persona", "lieu", "Montréal", ""),
        ("persona", "âge", "", "31"),
    ]
    assert kinds(replace(BASE, persona=None), replace(BASE, persona=Persona())) == []


def test_stage_added_removed_renamed_and_situation():
    stages = list(BASE.stages)
    removed = stages.pop(9)
    stages[0] = stages[0].with_value("name", "Prise de conscience")
    stages[1] = stages[1].with_value("situation", "Autre situation")
    stages.append(Stage("nouvelle", "Nouvelle"))
    changes = diff_maps(BASE, with_stages(BASE, stages))
    assert [(c.kind, c.key) for c in changes] == [
        ("stage-removed", "engagement"),
        *[("touchpoint-removed", "")] * len(removed.touchpoints),  # its touchpoints went with it
        ("stage-renamed", "sensibilisation"),
        ("stage-field", "situation"),
        ("stage-added", "nouvelle"),
    ]
    renamed = changes[1 + len(removed.touchpoints)]
    assert (renamed.old, renamed.new) == ("Sensibilisation", "Prise de conscience")


def test_only_the_stage_that_moved_is_moved():
    stages = list(BASE.stages)
    stages.insert(0, stages.pop(3))  # Acquisition first
    changes = diff_maps(BASE, with_stages(BASE, stages))
    assert [(c.kind, c.key, c.old, c.new) for c in changes] == [("stage-moved", "acquisition", 4, 1)]
    swapped = list(BASE.stages)
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert kinds(BASE, with_stages(BASE, swapped)) == ["stage-moved"]


def test_touchpoint_field_changes_with_old_and_new_values():
    stage = BASE.stages[0]
    tp = stage.touchpoints[0]
    edited = tp.with_value("who", "Agence").with_value("emotion", -1).with_value("channel", "radio").with_value("pain", "Trop de pubs")
    changes = diff_maps(BASE, BASE.with_stage(0, stage.with_touchpoints((edited,) + stage.touchpoints[1:])))
    assert [(c.kind, c.where, c.key, c.old, c.new) for c in changes] == [
        ("touchpoint-field", "Sensibilisation #1", "channel", "plateformes-communautaires", "radio"),
        ("touchpoint-field", "Sensibilisation #1", "who", tp.who, "Agence"),
        ("touchpoint-field", "Sensibilisation #1", "emotion", 2, -1),
        ("touchpoint-field", "Sensibilisation #1", "pain", "", "Trop de pubs"),
    ]


def test_touchpoint_added_and_removed():
    stage = BASE.stages[0]
    new_tp = Touchpoint(channel="radio", support="affiches", response="Spot radio le matin", type="promotionnelle", emotion=1)
    added = BASE.with_stage(0, stage.with_touchpoints(stage.touchpoints[:1] + (new_tp,) + stage.touchpoints[1:]))
    changes = diff_maps(BASE, added)
    assert [(c.kind, c.where, c.touchpoint) for c in changes] == [("touchpoint-added", "Sensibilisation #2", new_tp)]
    changes = diff_maps(added, BASE)
    assert [(c.kind, c.where, c.touchpoint) for c in changes] == [("touchpoint-removed", "Sensibilisation #2", new_tp)]


def test_touchpoint_moved_between_stages_even_when_edited():
    first, second = BASE.stages[0], BASE.stages[1]
    moving = first.touchpoints[1]
    new = BASE.with_stage(0, first.with_touchpoints(first.touchpoints[:1]))
    new = new.with_stage(1, second.with_touchpoints((moving.with_value("emotion", -2),) + second.touchpoints))
    changes = diff_maps(BASE, new)
    assert [(c.kind, c.where, c.to, c.key) for c in changes] == [
        ("touchpoint-moved", "Sensibilisation #2", "Recherche #1", ""),
        ("touchpoint-field", "Recherche #1", "", "emotion"),
    ]


def test_reordering_within_a_stage_moves_only_what_moved():
    stage = BASE.stages[3]
    a, b, c = stage.touchpoints
    changes = diff_maps(BASE, BASE.with_stage(3, stage.with_touchpoints((c, a, b))))
    assert [(ch.kind, ch.where, ch.to) for ch in changes] == [("touchpoint-moved", "Acquisition #3", "Acquisition #1")]


def test_changes_come_in_journey_order():
    stages = list(BASE.stages)
    stages[5] = stages[5].with_value("name", "Usage")
    last = stages[9]
    stages[9] = last.with_touchpoints((last.touchpoints[0].with_value("who", "X"),))
    stages[0] = stages[0].with_touchpoints(stages[0].touchpoints[:1])
    changes = diff_maps(replace(BASE, title="A"), replace(with_stages(BASE, stages), title="B"))
    assert [(c.kind, c.stage) for c in changes] == [
        ("title", ""),
        ("touchpoint-removed", "Sensibilisation"),
        ("stage-renamed", "Usage"),
        ("touchpoint-field", "Engagement"),
    ]


def test_every_kind_is_produced_by_some_change():
    """Each declared kind comes out of diff_maps for a change that calls for it, and no other kind does."""
    stages = list(BASE.stages)
    first, second = stages[0], stages[1]
    moved_tp = first.touchpoints[0]
    stages[0] = first.with_touchpoints(first.touchpoints[1:]).with_value("name", "Prise de conscience")
    stages[1] = second.with_touchpoints((moved_tp, *second.touchpoints)).with_value("situation", "Autre")
    stages[2] = stages[2].with_touchpoints((stages[2].touchpoints[0].with_value("who", "Quelqu'un"),
                                             *stages[2].touchpoints[1:], Touchpoint(response="Toute nouvelle")))
    stages[3] = stages[3].with_touchpoints(stages[3].touchpoints[1:])
    stages[4], stages[5] = stages[5], stages[4]
    stages.pop(9)
    stages.append(Stage("nouvelle", "Nouvelle"))
    new = replace(with_stages(BASE, stages), title="Autre", locale="en", persona=BASE.persona.with_value("name", "Léa"))
    produced = set(kinds(BASE, new))
    assert produced == set(KINDS), set(KINDS) ^ produced


@pytest.mark.parametrize(
    ("values", "kept"),
    [([], set()), ([0, 1, 2], {0, 1, 2}), ([2, 0, 1], {1, 2}), ([1, 0], {1}), ([3, 0, 1, 2], {1, 2, 3})],
)
def test_kept_in_order(values, kept):
    assert len(kept_in_order(values)) == len(kept)
    found = sorted(kept_in_order(values))
    assert all(values[i] < values[j] for i, j in zip(found, found[1:]))


# --- the command -------------------------------------------------------------------------------


def parcours(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=60)


@pytest.fixture
def edited(tmp_path) -> Path:
    """The example with one feeling changed, a stage renamed and a touchpoint added."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("emotion = 2", "emotion = -2", 1).replace('name = "Maintenance"', 'name = "Après-vente"')
    text += '\n[[stages.touchpoints]]\nchannel = "radio"\nresponse = "Spot, « nouveau »"\n'
    path = tmp_path / "new.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_codes_and_plain_output_when_piped(tmp_path, edited):
    same = parcours("diff", EXAMPLE, EXAMPLE, cwd=tmp_path)
    assert (same.returncode, same.stdout, same.stderr) == (0, "", "")
    done = parcours("diff", EXAMPLE, edited, cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.splitlines() == [
        "~ Sensibilisation #1, émotion: 😄 +2 → 😡 -2",
        "~ Étape renommée: Après-vente (maintenance), « Maintenance » → « Après-vente »",
        "+ Point de contact ajouté (Engagement #2): Radio: Spot, « nouveau »",
    ]
    assert "\x1b" not in done.stdout
    english = parcours("diff", EXAMPLE, edited, "--lang", "en", cwd=tmp_path)
    assert english.stdout.splitlines()[0] == "~ Sensibilisation #1, feeling: 😄 +2 → 😡 -2"


def test_colour_in_a_terminal_and_none_under_no_color(tmp_path, edited):
    def in_terminal(env):
        leader, follower = pty.openpty()
        with subprocess.Popen([sys.executable, "-m", "tui", "diff", str(EXAMPLE), str(edited)],
                              stdout=follower, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path) as process:
            os.close(follower)
            output = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            code = process.wait(timeout=60)
        os.close(leader)
        return code, output.decode("utf-8", "replace")

    code, output = in_terminal({**os.environ, "TERM": "xterm-256color"})
    assert code == 1 and "\x1b[" in output and "émotion" in output
    code, output = in_terminal({**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1"})
    assert code == 1 and "\x1b[3" not in output and "émotion" in output


def test_wrong_usage_and_bad_maps(tmp_path):
    assert parcours("diff", EXAMPLE, cwd=tmp_path).returncode == 2
    three = parcours("diff", EXAMPLE, EXAMPLE, EXAMPLE, cwd=tmp_path)
    assert three.returncode == 2 and three.stderr.startswith("parcours diff: give OLD NEW")
    (tmp_path / "bad.toml").write_text('schema = 1\ntitle = "x\n', encoding="utf-8")
    bad = parcours("diff", EXAMPLE, "bad.toml", cwd=tmp_path)
    assert bad.returncode == 1 and bad.stderr.startswith("bad.toml:2:") and len(bad.stderr.splitlines()) == 1
    assert bad.stdout == ""


def test_git_external_diff_arguments(tmp_path, edited):
    seven = parcours("diff", "maps/c.toml", EXAMPLE, "a" * 40, "100644", edited, "b" * 40, "100644", cwd=tmp_path)
    assert seven.returncode == 0
    assert seven.stdout.splitlines()[0] == "parcours diff maps/c.toml" and "😡 -2" in seven.stdout
    nine = parcours("diff", "c.toml", EXAMPLE, "a" * 40, "100644", EXAMPLE, "a" * 40, "100644", "d.toml", "similarity index 100%\n", cwd=tmp_path)
    assert (nine.returncode, nine.stdout) == (0, "parcours diff c.toml → d.toml\n")
    added = parcours("diff", "c.toml", "/dev/null", ".", ".", EXAMPLE, "b" * 40, "100644", cwd=tmp_path)
    assert added.returncode == 0 and "+ Titre" not in added.stdout and "~ Titre: (vide) → « Achat" in added.stdout
    assert "+ Étape ajoutée: Sensibilisation" in added.stdout
    unmerged = parcours("diff", "c.toml", cwd=tmp_path, env={**os.environ, "GIT_DIFF_PATH_COUNTER": "1", "GIT_DIFF_PATH_TOTAL": "1"})
    assert (unmerged.returncode, unmerged.stdout) == (0, "parcours diff c.toml: non fusionné\n")
    (tmp_path / "bad.toml").write_text("nope", encoding="utf-8")
    broken = parcours("diff", "c.toml", EXAMPLE, "a" * 40, "100644", "bad.toml", "b" * 40, "100644", cwd=tmp_path)
    assert broken.returncode == 0 and broken.stdout.startswith("parcours diff c.toml: comparaison impossible: c.toml:1:")
    # Not a map at all (pyproject.toml under `*.toml diff=parcours`): the reason, then the plain lines.
    (tmp_path / "old.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "new.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    other = parcours("diff", "pyproject.toml", "old.toml", "a" * 40, "100644", "new.toml", "b" * 40, "100644", cwd=tmp_path)
    assert other.returncode == 0
    assert other.stdout.splitlines()[0].startswith("parcours diff pyproject.toml: comparaison impossible: pyproject.toml:1:1: ")
    assert other.stdout.splitlines()[1:] == ["--- a/pyproject.toml", "+++ b/pyproject.toml", "@@ -1,2 +1,2 @@", " [project]", '-name = "x"', '+name = "y"']


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_with_the_documented_setup(tmp_path):
    """docs/git.md: a diff=parcours attribute and diff.parcours.command."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_PAGER": "cat"}

    def git(*args):
        done = subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q")
    git("config", "diff.parcours.command", f"{sys.executable} -m tui diff")
    (tmp_path / ".gitattributes").write_text("*.toml diff=parcours\n", encoding="utf-8")
    shutil.copyfile(EXAMPLE, tmp_path / "concert.toml")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    map_path = tmp_path / "concert.toml"
    map_path.write_text(map_path.read_text(encoding="utf-8").replace('name = "Maintenance"', 'name = "SAV"'), encoding="utf-8")
    assert git("diff").splitlines() == [
        "parcours diff concert.toml",
        "~ Étape renommée: SAV (maintenance), « Maintenance » → « SAV »",
    ]
    git("commit", "-q", "-am", "second")
    assert "« Maintenance » → « SAV »" in git("log", "-p", "--ext-diff", "-1")
    git("mv", "concert.toml", "billets.toml")
    assert git("diff", "--cached", "-M").splitlines() == ["parcours diff concert.toml → billets.toml"]
    assert "diff --git" in git("diff", "--cached", "--no-ext-diff", "--no-renames")


def test_a_line_ending_is_a_line_ending():
    """A spreadsheet round trip turns CRLF inside a value into LF: nothing changed in the journey."""
    stages = list(BASE.stages)
    tp = stages[0].touchpoints[0]
    crlf = with_stages(BASE, [stages[0].with_touchpoints((tp.with_value("response", "ligne 1\r\nligne 2"),)), *stages[1:]])
    lf = with_stages(BASE, [stages[0].with_touchpoints((tp.with_value("response", "ligne 1\nligne 2"),)), *stages[1:]])
    assert diff_maps(crlf, lf) == []
    other = with_stages(BASE, [stages[0].with_touchpoints((tp.with_value("response", "ligne 1\nligne 3"),)), *stages[1:]])
    assert kinds(crlf, other) == ["touchpoint-field"]
