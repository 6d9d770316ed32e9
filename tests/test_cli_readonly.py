"""`new`, `show`, `validate` and `catalog` through a subprocess, as a person or a script runs them."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests_support import EXAMPLE, ROOT, modules_loaded_by


EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))
TEMPLATE_IDS = [
    "sensibilisation", "recherche", "selection", "acquisition", "decouverte",
    "utilisation", "maintenance", "fidelisation", "recommandation", "engagement",
]
SMALL = """schema = 1
title = "Petite carte"

[[stages]]
id = "a"
name = "Étape A"

[[stages.touchpoints]]
channel = "radio"
support = "affiches"
type = "promotionnelle"
emotion = 1
"""


def parcours(*args: str | bytes, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
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


def in_terminal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """What the command writes when its output is a terminal (a pseudo-terminal here)."""
    master, slave = pty.openpty()
    full_env = {**os.environ, "TERM": "xterm-256color", **env}
    process = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=cwd, env=full_env,
                               stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


# validate


def test_validate_accepts_every_example_silently(tmp_path):
    done = parcours("validate", *map(str, EXAMPLES), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_validate_reports_errors_with_positions(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL.replace("emotion = 1", "emotion = 9"), encoding="utf-8")
    done = parcours("validate", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == f"{bad}:12:11: 'emotion' is 9, outside -2..2"
    assert done.stdout == ""


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_validate_reports_every_map_in_turn(tmp_path):
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(SMALL, encoding="utf-8")
    bad.write_text(SMALL.replace('id = "a"\n', "").replace("schema = 1", "schema = 3"), encoding="utf-8")
    done = parcours("validate", "good.toml", "bad.toml", "absent.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "bad.toml:1:10: unknown schema version 3 (this parcours reads schema 1)",
        "bad.toml:4:1: missing required key 'id'",
        "absent.toml: no such file",
    ]


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_validate_strict_turns_warnings_into_errors(tmp_path):
    odd = tmp_path / "odd.toml"
    odd.write_text(SMALL.replace('type = "promotionnelle"', 'type = "bizarre"'), encoding="utf-8")
    lenient = parcours("validate", str(odd), cwd=tmp_path)
    assert lenient.returncode == 0
    assert one_clean_line(lenient.stderr) == f"{odd}:11:8: warning: 'type' value 'bizarre' is not in the catalogue of types"
    strict = parcours("validate", "--strict", str(odd), cwd=tmp_path)
    assert strict.returncode == 1
    assert one_clean_line(strict.stderr) == f"{odd}:11:8: 'type' value 'bizarre' is not in the catalogue of types"


# bad input: one line, exit 1, no traceback, the file untouched


@pytest.mark.usefixtures("english_messages")  # about the English wording
@pytest.mark.parametrize("command", ["show", "validate"])
def test_missing_file_is_one_line_exit_1(tmp_path, command):
    done = parcours(command, "absent.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == "absent.toml: no such file"


@pytest.mark.usefixtures("english_messages")  # about the English wording
@pytest.mark.parametrize("command", ["show", "validate"])
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(None, "carte.toml: is a folder, not a map file", id="folder"),
        pytest.param(b"schema = 1\n\x00\x01\x02", "carte.toml:2:1: binary content (a NUL byte), not a TOML text file", id="binary"),
        pytest.param('schema = 1\ntitle = "café"\n'.encode("latin-1"), "carte.toml:2:13: not valid UTF-8 text", id="latin-1"),
        pytest.param(b'schema = 1\ntitle = "x"\n[[stages]\n', "carte.toml:3:9: invalid TOML: expected ']]' at the end of an array declaration", id="broken-toml"),
        pytest.param(SMALL.replace("emotion = 1", 'emotion = "bien"').encode(), "carte.toml:12:11: 'emotion' must be an integer from -2 to 2, not a string", id="wrong-type"),
    ],
)
def test_bad_input_is_one_line_with_its_position(tmp_path, command, content, expected):
    target = tmp_path / "carte.toml"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    done = parcours(command, "carte.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == expected
    assert done.stdout == ""
    if content is not None:
        assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carte.toml"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-command-args"),
        pytest.param(["show"], id="show-without-map"),
        pytest.param(["validate"], id="validate-without-map"),
        pytest.param(["new"], id="new-without-map"),
        pytest.param(["catalog", "nope"], id="unknown-catalogue"),
        pytest.param(["show", "m.toml", "--width", "abc"], id="width-not-a-number"),
        pytest.param(["show", "m.toml", "--width", "5"], id="width-too-small"),
        pytest.param(["show", "m.toml", "--colour"], id="unknown-option"),
        pytest.param(["validate", "m.toml", "--lang", "de"], id="validate-has-no-lang"),
    ],
)
def test_wrong_usage_exits_2_with_a_short_usage_line(tmp_path, args):
    if not args:
        args = ["show", "--width"]
    done = parcours(*args, cwd=tmp_path)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) in (1, 2), done.stderr
    assert lines[-1].startswith("usage: parcours") or "--width" in lines[-1]


# new


def test_new_writes_the_ten_stages_and_never_overwrites(tmp_path):
    target = tmp_path / "carte.toml"
    done = parcours("new", "carte.toml", "--title", "Mon parcours", "--persona", "Zoé, 35 ans", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["title"] == "Mon parcours" and data["locale"] == "fr"
    assert data["persona"] == {"name": "Zoé, 35 ans", "description": ""}
    assert [s["id"] for s in data["stages"]] == TEMPLATE_IDS
    assert [s["name"] for s in data["stages"]][:3] == ["Sensibilisation", "Recherche", "Sélection"]
    assert parcours("validate", "--strict", "carte.toml", cwd=tmp_path).returncode == 0

    before = target.read_bytes()
    again = parcours("new", "carte.toml", cwd=tmp_path)
    assert again.returncode == 1
    assert one_clean_line(again.stderr) == "carte.toml: existe déjà ; --force pour le remplacer"  # LANG=C: French
    assert target.read_bytes() == before

    forced = parcours("new", "carte.toml", "--force", "--title", "Autre", cwd=tmp_path)
    assert forced.returncode == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["title"] == "Autre"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carte.toml"]


def test_new_in_english_with_the_default_title(tmp_path):
    assert parcours("new", "map.toml", "--lang", "en", cwd=tmp_path).returncode == 0
    data = tomllib.loads((tmp_path / "map.toml").read_text(encoding="utf-8"))
    assert data["locale"] == "en" and data["title"] == "Customer journey"
    assert data["stages"][0]["name"] == "Awareness"


def test_new_follows_lang_and_defaults_to_french(tmp_path):
    assert parcours("new", "en.toml", cwd=tmp_path, env={"LANG": "en_GB.UTF-8"}).returncode == 0
    assert parcours("new", "fr.toml", cwd=tmp_path, env={"LANG": "fr_FR.UTF-8"}).returncode == 0
    assert tomllib.loads((tmp_path / "en.toml").read_text(encoding="utf-8"))["title"] == "Customer journey"
    assert tomllib.loads((tmp_path / "fr.toml").read_text(encoding="utf-8"))["title"] == "Parcours client"


def test_new_escapes_any_title(tmp_path):
    title = 'Le "grand" \\ parcours\tà\ndeux lignes \x1b \x7f'
    assert parcours("new", "carte.toml", "--title", title, "--persona", "« Zoé »", cwd=tmp_path).returncode == 0
    data = tomllib.loads((tmp_path / "carte.toml").read_text(encoding="utf-8"))
    assert data["title"] == title and data["persona"]["name"] == "« Zoé »"


@pytest.mark.usefixtures("english_messages")  # about the English wording
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param("missing/carte.toml", "missing/carte.toml: folder missing does not exist", id="missing-folder"),
        pytest.param("folder", "folder: is a folder, not a file", id="folder"),
    ],
)
def test_new_refuses_a_path_it_cannot_write(tmp_path, target, expected):
    (tmp_path / "folder").mkdir()
    done = parcours("new", target, cwd=tmp_path)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_new_refuses_a_title_that_is_not_utf8(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tui", "new", "carte.toml", "--title", b"caf\xe9"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert one_clean_line(done.stderr) == "carte.toml: --title is not valid UTF-8 text"
    assert not (tmp_path / "carte.toml").exists()


# show


def test_show_plain_at_80_columns(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "80", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert all(line == line.rstrip() for line in out.splitlines())
    # the header
    assert out.splitlines()[0] == "Achat de billets de concert"
    assert "Persona : Camille, 29 ans" in out
    # catalogue labels, never ids
    for label in ("Plateformes communautaires", "Bannières", "Promotionnelle", "Communautaire, marque", "Applications mobiles"):
        assert label in out
    for identifier in ("plateformes-communautaires", "bannieres", "communautaire-marque", "applications-mobiles"):
        assert identifier not in out
    # every stage, with its faces
    for stage in ("Sensibilisation", "Recherche", "Sélection", "Acquisition", "Découverte", "Utilisation",
                  "Maintenance", "Fidélisation", "Recommandation", "Engagement"):
        assert stage in out
    for face in ("😡", "🙁", "😐", "🙂", "😄"):
        assert face in out
    # the summary
    for heading in ("Résumé", "21 points de contact sur 10 étapes", "Courbe des émotions", "Canaux utilisés, par groupe",
                    "Types de communication", "Manques (2)", "Points de douleur (7)", "Opportunités (10)"):
        assert heading in out
    assert "Sans « Qui » : Utilisation #3, Recommandation #2" in out
    assert "Étapes sans point de contact : aucun" in out


def test_show_lists_gaps_and_values_outside_the_catalogues(tmp_path):
    odd = tmp_path / "odd.toml"
    odd.write_text(SMALL.replace('channel = "radio"', 'channel = "pigeon-voyageur"')
                   + '\n[[stages]]\nid = "b"\nname = "Étape vide"\n', encoding="utf-8")
    done = parcours("show", "odd.toml", "--width", "80", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "pigeon-voyageur ? › Affiches · Promotionnelle" in done.stdout
    assert "(aucun point de contact)" in done.stdout
    assert "Étapes sans point de contact : Étape vide" in done.stdout
    assert "Sans « Qui » : Étape A #1" in done.stdout
    assert "• Étape A #1  Canal « pigeon-voyageur »" in done.stdout


def test_show_wraps_long_text_rather_than_cutting_it(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "60", "--ascii", cwd=tmp_path)
    words = " ".join(done.stdout.split())
    assert "Notifications de concerts à proximité, prévente réservée aux détenteurs de l'application" in words
    assert "…" not in done.stdout
    assert ":D" in done.stdout and "😄" not in done.stdout
    assert max(cell_len(line) for line in done.stdout.splitlines()) <= 60


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        pytest.param(["--lang", "en"], {}, "Community platforms", id="option"),
        pytest.param([], {"LANG": "en_US.UTF-8"}, "Plateformes communautaires", id="map-locale-beats-LANG"),
    ],
)
def test_show_language(tmp_path, args, env, expected):
    done = parcours("show", str(EXAMPLE), "--width", "100", *args, cwd=tmp_path, env=env)
    assert expected in done.stdout


def test_show_without_locale_follows_lang(tmp_path):
    (tmp_path / "m.toml").write_text(SMALL, encoding="utf-8")
    english = parcours("show", "m.toml", cwd=tmp_path, env={"LANG": "en_US.UTF-8"})
    assert "Summary" in english.stdout and "Posters" in english.stdout
    french = parcours("show", "m.toml", cwd=tmp_path, env={"LANG": "fr_FR.UTF-8"})
    assert "Résumé" in french.stdout and "Affiches" in french.stdout


def test_show_wide_is_the_grid(tmp_path):
    done = parcours("show", str(EXAMPLE), "--width", "160", cwd=tmp_path)
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("Étape"))
    assert header.split() == ["Étape", "Situation", "Canal", "Support", "Réponse", "Type", "Qui", "Émotion"]
    assert max(cell_len(line) for line in lines) <= 160


def test_show_in_a_terminal_has_colour_unless_no_color(tmp_path):
    coloured = in_terminal("show", str(EXAMPLE), "--width", "80", cwd=tmp_path, env={"NO_COLOR": ""})
    assert "\x1b[" in coloured
    plain = in_terminal("show", str(EXAMPLE), "--width", "80", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b" not in plain
    assert "Achat de billets de concert" in plain


# catalog


def test_catalog_lists_the_five_catalogues_with_counts(tmp_path):
    overview = parcours("catalog", cwd=tmp_path)
    assert overview.returncode == 0 and overview.stderr == ""
    assert "\x1b" not in overview.stdout
    rows = [line.split()[:2] for line in overview.stdout.splitlines()]
    for name, count in (("stages", "10"), ("supports", "40"), ("channels", "17"), ("types", "7"), ("touchpoints", "16")):
        assert [name, count] in rows


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("stages", ["sensibilisation", "Sensibilisation", "Awareness"]),
        ("supports", ["bannieres", "Bannières", "Banners"]),
        ("channels", ["plateformes-individuelles", "Plateformes", "individuelles"]),
        ("types", ["communautaire-utilisateurs", "Communautaire,", "utilisateurs", "Community,", "users"]),
        ("touchpoints", ["panier-d-achat", "Panier", "d'achat", "Shopping", "cart"]),
    ],
)
def test_catalog_lists_one_catalogues_entries(tmp_path, name, entry):
    done = parcours("catalog", name, cwd=tmp_path)
    assert done.returncode == 0 and "\x1b" not in done.stdout
    assert max(cell_len(line) for line in done.stdout.splitlines()) <= 80
    line = next(line for line in done.stdout.splitlines() if line.startswith(entry[0] + " "))
    following = " ".join(done.stdout[done.stdout.index(line):].split()[:len(entry) + 2])
    for word in entry:
        assert word in following


def test_catalog_groups_channels(tmp_path):
    out = parcours("catalog", "channels", "--lang", "en", cwd=tmp_path).stdout
    lines = out.splitlines()
    assert lines.index("Traditional media") < next(i for i, l in enumerate(lines) if l.startswith("radio "))
    assert "Web media" in lines


def test_catalog_reads_the_project_catalogue_beside_a_map(tmp_path):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "types.toml").write_text(
        '[[types]]\nid = "juridique"\nlabel = "Juridique"\nlabel_en = "Legal"\n', encoding="utf-8")
    (tmp_path / "m.toml").write_text(SMALL, encoding="utf-8")
    builtin = parcours("catalog", "types", cwd=tmp_path)
    assert "juridique" not in builtin.stdout
    project = parcours("catalog", "types", "--map", "m.toml", cwd=tmp_path)
    assert "juridique" in project.stdout and "Juridique" in project.stdout
    assert [" ".join(l.split()[:2]) for l in parcours("catalog", "--map", "m.toml", cwd=tmp_path).stdout.splitlines()
            if l.startswith("types")] == ["types 8"]


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_a_broken_project_catalogue_is_one_line(tmp_path):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "types.toml").write_text("[[types]\n", encoding="utf-8")
    (tmp_path / "m.toml").write_text(SMALL, encoding="utf-8")
    for args in (["catalog", "--map", "m.toml"], ["show", "m.toml"], ["validate", "m.toml"]):
        done = parcours(*args, cwd=tmp_path)
        assert done.returncode == 1
        assert "catalog/types.toml:1:8: invalid TOML: expected ']]'" in one_clean_line(done.stderr)


# layers


@pytest.mark.parametrize(
    "command",
    [["show", str(EXAMPLE)], ["validate", str(EXAMPLE)], ["catalog", "types"], ["new", "fresh.toml"]],
    ids=["show", "validate", "catalog", "new"],
)
def test_read_only_commands_never_import_textual(tmp_path, command):
    assert "textual" not in modules_loaded_by(command, tmp_path)


@pytest.mark.parametrize("command", [["show", str(EXAMPLE)], ["validate", str(EXAMPLE)]], ids=["show", "validate"])
def test_reading_a_map_loads_neither_the_editing_parser_nor_hashing(tmp_path, command):
    """What `show` and `validate` start fast on: tomlkit and OpenSSL load only for editing."""
    loaded = modules_loaded_by(command, tmp_path)
    assert not loaded & {"tomlkit", "hashlib", "_hashlib"}


def test_the_command_line_leaves_garbage_collection_as_it_found_it(tmp_path):
    """`main` turns the collector off while it starts (for speed) and must turn it back on."""
    import gc

    from tui.cli import main

    assert gc.isenabled()
    assert main(["validate", str(EXAMPLE)]) == 0
    assert gc.isenabled()
