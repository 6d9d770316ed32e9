"""Every read-only command through a subprocess, as a person or a script would run it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests_support import EXAMPLE, ROOT

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))


def parcours(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], cwd=cwd, env=full_env,
        capture_output=True, text=True, timeout=60,
    )


def one_clean_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_validate_accepts_every_example(tmp_path):
    done = parcours("validate", *map(str, EXAMPLES), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_validate_reports_errors_with_positions(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\ntitle = "x"\n\n[[stages]]\nid = "a"\nname = "A"\n\n[[stages.touchpoints]]\nemotion = 9\n', encoding="utf-8")
    done = parcours("validate", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == f"{bad}:9:11: 'emotion' is 9, outside -2..2"


def test_validate_strict_turns_warnings_into_errors(tmp_path):
    odd = tmp_path / "odd.toml"
    odd.write_text(EXAMPLE.read_text(encoding="utf-8").replace('type = "technique"', 'type = "bizarre"', 1), encoding="utf-8")
    assert parcours("validate", str(odd), cwd=tmp_path).returncode == 0
    strict = parcours("validate", "--strict", str(odd), cwd=tmp_path)
    assert strict.returncode == 1
    assert "'type' value 'bizarre'" in strict.stderr


@pytest.mark.parametrize("command", ["show", "validate", "export"])
def test_missing_file_is_one_line_exit_1(tmp_path, command):
    args = [command, "absent.toml"] + (["--to", "json"] if command == "export" else [])
    done = parcours(*args, cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == "absent.toml: no such file"


def test_broken_toml_is_one_line_with_position(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = 1\ntitle = "x"\n[[stages]\n', encoding="utf-8")
    done = parcours("show", str(broken), cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr).startswith(f"{broken}:3:")
    assert broken.read_text(encoding="utf-8") == 'schema = 1\ntitle = "x"\n[[stages]\n'


def test_wrong_usage_exits_2(tmp_path):
    done = parcours("show", cwd=tmp_path)
    assert done.returncode == 2
    assert "usage:" in done.stderr and "Traceback" not in done.stderr
    assert parcours("catalog", "nope", cwd=tmp_path).returncode == 2
    assert parcours("show", str(EXAMPLE), "--width", "abc", cwd=tmp_path).returncode == 2


def test_new_writes_the_ten_stages_and_never_overwrites(tmp_path):
    target = tmp_path / "carte.toml"
    done = parcours("new", str(target), "--title", "Mon parcours", "--persona", "Zoé, 35 ans", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["title"] == "Mon parcours"
    assert data["persona"]["name"] == "Zoé, 35 ans"
    assert [s["id"] for s in data["stages"]] == [
        "sensibilisation", "recherche", "selection", "acquisition", "decouverte",
        "utilisation", "maintenance", "fidelisation", "recommandation", "engagement",
    ]
    assert parcours("validate", str(target), cwd=tmp_path).returncode == 0
    before = target.read_bytes()
    again = parcours("new", str(target), cwd=tmp_path)
    assert again.returncode == 1
    assert one_clean_line(again.stderr) == f"{target}: already exists; use --force to overwrite it"
    assert target.read_bytes() == before
    forced = parcours("new", str(target), "--force", "--title", "Autre", cwd=tmp_path)
    assert forced.returncode == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["title"] == "Autre"


def test_new_in_english(tmp_path):
    target = tmp_path / "map.toml"
    assert parcours("new", str(target), "--lang", "en", cwd=tmp_path).returncode == 0
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["locale"] == "en" and data["stages"][0]["name"] == "Awareness"


def test_show_plain_at_80_columns(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "80", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Achat de billets de concert" in out
    assert "Camille, 29 ans" in out
    assert "Plateformes communautaires" in out and "plateformes-communautaires" not in out
    assert "Bannières" in out
    assert "😄" in out
    for heading in ("Résumé", "Courbe des émotions", "Canaux utilisés, par groupe", "Types de communication", "Manques", "Points de douleur"):
        assert heading in out
    assert "Sans « Qui » : Utilisation #3, Recommandation #2" in out


def test_show_wraps_long_text_rather_than_cutting_it(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "60", "--ascii", cwd=tmp_path)
    words = " ".join(done.stdout.split())
    assert "Notifications de concerts à proximité, prévente réservée aux détenteurs de l'application" in words
    assert "…" not in done.stdout
    assert ":D" in done.stdout


def test_show_in_english(tmp_path):
    done = parcours("show", str(EXAMPLE), "--lang", "en", "--width", "100", cwd=tmp_path)
    assert "Community platforms" in done.stdout and "Summary" in done.stdout


def test_show_wide_is_the_grid(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "160", cwd=tmp_path)
    header = next(line for line in done.stdout.splitlines() if "Étape" in line)
    for label in ("Situation", "Canal", "Support", "Réponse", "Type", "Qui", "Émotion"):
        assert label in header


def test_catalog_lists_and_details(tmp_path):
    overview = parcours("catalog", cwd=tmp_path)
    assert overview.returncode == 0
    for name, count in (("stages", "10"), ("supports", "40"), ("channels", "17"), ("types", "7"), ("touchpoints", "16")):
        assert any(line.split()[:2] == [name, count] for line in overview.stdout.splitlines())
    supports = parcours("catalog", "supports", cwd=tmp_path)
    assert "bannieres" in supports.stdout and "Bannières" in supports.stdout


@pytest.mark.parametrize("command", [["show", str(EXAMPLE)], ["validate", str(EXAMPLE)], ["catalog", "types"]])
def test_read_only_commands_never_import_textual(tmp_path, command):
    probe = (
        "import sys, io, contextlib, tui.cli\n"
        f"with contextlib.redirect_stdout(io.StringIO()): code = tui.cli.main({command!r})\n"
        "assert code == 0, code\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
