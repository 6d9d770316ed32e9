"""Which language parcours speaks: the interface follows the person, a document its map.

The interface: `--lang`, then LC_ALL / LC_MESSAGES / LANG, then the map's
`locale`, then French. A document drawn from one map (show, export, diff):
`--lang`, then the map's `locale`, then the environment, then French.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.app.app import ParcoursApp
from tui.core import words
from tui.output.i18n import detect_lang

from tests_support import EXAMPLE

ENGLISH = {"LANG": "en_US.UTF-8"}
FRENCH = {"LANG": "fr_FR.UTF-8"}


@pytest.mark.parametrize(
    ("explicit", "locale", "environ", "interface", "document"),
    [
        pytest.param("en", "fr", FRENCH, "en", "en", id="--lang-first"),
        pytest.param(None, "fr", ENGLISH, "en", "fr", id="LANG-vs-map"),
        pytest.param(None, "en", FRENCH, "fr", "en", id="LANG-vs-english-map"),
        pytest.param(None, "en", {"LANG": "C.UTF-8"}, "en", "en", id="C-says-nothing"),
        pytest.param(None, "en", {"LC_ALL": "POSIX", "LANG": "fr_FR.UTF-8"}, "en", "en", id="POSIX-in-LC_ALL-says-nothing"),
        pytest.param(None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en", "en", id="LC_ALL-before-LANG"),
        pytest.param(None, None, {"LC_MESSAGES": "de_DE.UTF-8"}, "en", "en", id="other-language-is-English"),
        pytest.param(None, None, {}, "fr", "fr", id="French-by-default"),
        pytest.param(None, "de", {}, "fr", "fr", id="unknown-locale-ignored"),
    ],
)
def test_the_two_rules(explicit, locale, environ, interface, document):
    assert detect_lang(explicit, locale, environ=environ) == interface
    assert detect_lang(explicit, locale, document=True, environ=environ) == document


def editor_language(monkeypatch, path: Path, lang: str | None, environ: dict[str, str]) -> str:
    """The language the editor would start in, for a map and an environment (the app is not run)."""
    from tui.cli import edit

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    seen = []
    monkeypatch.setattr(ParcoursApp, "run", lambda app: seen.append(words.language()))
    monkeypatch.setattr(edit, "_has_terminal", lambda: True)  # the editor is built, never run
    args = argparse.Namespace(map=str(path), lang=lang, ascii=False, read_only=True, served=False, name=None)
    assert edit.run(args) == 0
    return seen[0]


def test_the_editor_follows_the_person_before_the_map(monkeypatch, tmp_path):
    french_map = tmp_path / "concert.toml"
    shutil.copyfile(EXAMPLE, french_map)
    assert editor_language(monkeypatch, french_map, None, ENGLISH) == "en"
    assert editor_language(monkeypatch, french_map, "fr", ENGLISH) == "fr"
    assert editor_language(monkeypatch, french_map, None, {"LANG": "C.UTF-8"}) == "fr"
    english_map = tmp_path / "english.toml"
    english_map.write_text(french_map.read_text(encoding="utf-8").replace('locale = "fr"', 'locale = "en"'),
                           encoding="utf-8")
    assert editor_language(monkeypatch, english_map, None, {"LANG": "C.UTF-8"}) == "en"
    assert editor_language(monkeypatch, english_map, None, FRENCH) == "fr"


def parcours(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)
    return done.stdout


def test_a_document_speaks_its_map_and_the_interface_the_person(tmp_path):
    assert "Résumé" in parcours("show", str(EXAMPLE), "--width", "100", cwd=tmp_path, env=ENGLISH)
    assert "## Résumé" in parcours("export", str(EXAMPLE), "--to", "markdown", cwd=tmp_path, env=ENGLISH)
    catalog = parcours("catalog", "--map", str(EXAMPLE), cwd=tmp_path, env=ENGLISH)
    assert "Journey stages" in catalog and "Étapes du parcours" not in catalog


def stderr_of(*args: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stderr


BAD_MAP = 'schema = 1\ntitle = "Carte"\nlocale = "en"\n\n[[stages]]\nid = "Étape A"\nname = ""\n\n' \
          '[[stages.touchpoints]]\nchannel = "pigeon"\nemotion = 5\n'


@pytest.mark.parametrize(("args", "env", "expected"), [
    pytest.param([], {"LANG": "C.UTF-8"}, [
        "carte.toml:6:6: attention : l'id d'étape 'Étape A' n'est pas un slug (minuscules, chiffres, tirets)",
        "carte.toml:7:8: 'name' ne doit pas être vide",
        "carte.toml:10:11: attention : la valeur 'pigeon' de 'channel' n'est pas dans le catalogue des canaux",
        "carte.toml:11:11: 'emotion' vaut 5, hors de -2..2",
    ], id="French-by-default-whatever-the-map"),
    pytest.param(["--lang", "en"], FRENCH, [
        "carte.toml:6:6: warning: stage id 'Étape A' is not a slug (lower-case letters, digits, hyphens)",
        "carte.toml:7:8: 'name' must not be empty",
        "carte.toml:10:11: warning: 'channel' value 'pigeon' is not in the catalogue of channels",
        "carte.toml:11:11: 'emotion' is 5, outside -2..2",
    ], id="--lang-en"),
])
def test_validate_speaks_the_persons_language(tmp_path, args, env, expected):
    (tmp_path / "carte.toml").write_text(BAD_MAP, encoding="utf-8")
    code, said = stderr_of("validate", "carte.toml", *args, cwd=tmp_path, env=env)
    assert code == 1 and said.splitlines() == expected


def test_file_errors_speak_the_persons_language(tmp_path):
    assert stderr_of("show", "absente.toml", cwd=tmp_path, env=FRENCH) == (1, "absente.toml: fichier introuvable\n")
    assert stderr_of("show", "absente.toml", cwd=tmp_path, env=ENGLISH) == (1, "absente.toml: no such file\n")
    (tmp_path / "cassée.toml").write_text('schema = 1\ntitle = "x\n', encoding="utf-8")
    _, said = stderr_of("validate", "cassée.toml", cwd=tmp_path, env={"LANG": "C.UTF-8"})
    assert said == "cassée.toml:2:11: TOML invalide : chaîne non fermée avant la fin de la ligne\n"
    _, said = stderr_of("shwo", "x.toml", cwd=tmp_path, env=ENGLISH)
    assert said == "parcours: unknown command 'shwo' (did you mean 'show'?)\n"
    _, said = stderr_of("shwo", "x.toml", cwd=tmp_path, env=FRENCH)
    assert said == "parcours : commande inconnue 'shwo' (vouliez-vous dire 'show' ?)\n"
