"""CSV import: the inverse of the CSV export, strict about bad rows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests_support import ROOT
from tui.catalogue import load_catalogues
from tui.document import MapDocument
from tui.export import renderer

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))


def parcours(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_export_then_import_gives_back_the_same_stages(path, tmp_path):
    source = MapDocument.load(path).map
    (tmp_path / "carte.csv").write_text(renderer("csv")(source, load_catalogues(path), "fr"), encoding="utf-8", newline="")
    done = parcours("import", "carte.csv", "-o", "carte.toml", "--title", source.title, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    imported = MapDocument.load(tmp_path / "carte.toml").map
    assert imported.stages == source.stages
    assert imported.title == source.title


def test_semicolons_labels_and_french_headings(tmp_path):
    (tmp_path / "excel.csv").write_text(
        "\ufeffÉtape;Situation;Canal;Support;Réponse;Type;Qui;Émotion\r\n"
        "Recherche;Compare;plateformes individuelles;PAGE PRODUIT;Fiche;technique;Web;-1\r\n"
        "Recherche;;Radio;affiches;Spot;Promotionnelle;Agence;2\r\n"
        "Vide;Rien encore;;;;;;\r\n",
        encoding="utf-8", newline="",
    )
    assert parcours("import", "excel.csv", "-o", "m.toml", cwd=tmp_path).returncode == 0
    jmap = MapDocument.load(tmp_path / "m.toml").map
    first = jmap.stages[0].touchpoints[0]
    assert (first.channel, first.support, first.type, first.emotion) == ("plateformes-individuelles", "page-produit", "technique", -1)
    assert jmap.stages[0].touchpoints[1].channel == "radio"
    assert jmap.stages[1].name == "Vide" and jmap.stages[1].touchpoints == ()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "bad.csv:1:1: empty file"),
        ("colonne,autre\n1,2\n", "bad.csv:1:1: no 'stage' column"),
        ("stage,emotion\nA,1\nB,9\n", "bad.csv:3:1: emotion 9 is outside -2..2"),
        ("stage,emotion\nA,beaucoup\n", "bad.csv:2:1: emotion 'beaucoup' is not a whole number"),
        ("stage,who\n,Moi\n", "bad.csv:2:1: row has no stage name"),
    ],
)
def test_bad_csv_is_one_line_with_its_row_and_writes_nothing(tmp_path, content, expected):
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    done = parcours("import", "bad.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == expected or done.stderr.startswith(expected), done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.toml").exists()


def test_unreadable_bytes_and_skip_bad(tmp_path):
    (tmp_path / "latin.csv").write_bytes("stage\nCaf\xe9\n".encode("latin-1"))
    done = parcours("import", "latin.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("latin.csv:2:4: not valid UTF-8")
    (tmp_path / "mixed.csv").write_text("stage,emotion\nA,1\nB,7\n", encoding="utf-8")
    assert parcours("import", "mixed.csv", "-o", "out.toml", "--skip-bad", cwd=tmp_path).returncode == 0
    assert [s.name for s in MapDocument.load(tmp_path / "out.toml").map.stages] == ["A"]


def test_import_never_overwrites_without_force(tmp_path):
    (tmp_path / "a.csv").write_text("stage\nA\n", encoding="utf-8")
    (tmp_path / "out.toml").write_text("keep", encoding="utf-8")
    done = parcours("import", "a.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and (tmp_path / "out.toml").read_text() == "keep"
