"""CSV import: the inverse of the CSV export, strict about bad rows, never writing half a map."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from test_export import TRICKY
from tests_support import ROOT
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.formats import Source, renderer
from tui.output.i18n import use_language

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))


def parcours(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


def round_trip(source_path, tmp_path, lang="fr", delimiter=","):
    """Export to CSV, import it back: the map read from the written file."""
    source = MapDocument.load(source_path).map
    use_language(lang)
    text = renderer("csv")(Source(source, load_catalogues(source_path)))
    if delimiter != ",":  # as a spreadsheet would save it: same cells, other separator
        import csv
        import io

        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        text = "\ufeff" + out.getvalue()
    (tmp_path / "carte.csv").write_text(text, encoding="utf-8", newline="")
    done = parcours("import", "carte.csv", "-o", "carte.toml", "--title", source.title, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return source, MapDocument.load(tmp_path / "carte.toml").map


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_export_then_import_gives_back_the_same_map(path, tmp_path):
    source, imported = round_trip(path, tmp_path)
    # The rows hold the stages and touchpoints, the lines after them the title, locale and persona.
    assert imported == source


@pytest.mark.parametrize("path", EXAMPLES[:1], ids=lambda p: p.stem)
def test_round_trip_through_english_labels_and_semicolons(path, tmp_path):
    source, imported = round_trip(path, tmp_path, lang="en", delimiter=";")
    assert imported.stages == source.stages


def test_round_trip_of_text_that_needs_quoting_or_looks_like_a_formula(tmp_path):
    (tmp_path / "tricky.toml").write_text(TRICKY, encoding="utf-8")
    source, imported = round_trip(tmp_path / "tricky.toml", tmp_path)
    assert imported.stages == source.stages
    assert imported.stages[0].touchpoints[0].pain == "=SUM(A1)"


def test_semicolons_labels_ids_and_french_headings(tmp_path):
    (tmp_path / "excel.csv").write_text(
        "\ufeffÉtape;Situation;Canal;Support;Réponse;Type;Qui;Émotion;Point de douleur;Opportunité\r\n"
        "Recherche;Compare;plateformes individuelles;PAGE PRODUIT;Fiche;technique;Web;-1;;\r\n"
        "Recherche;;Radio;affiches;Spot;Promotionnelle;Agence;+2;;\r\n"
        "Recherche;;radio;bannieres;\"Texte; avec point-virgule\";support;;\u22122;Attente;Rappel\r\n"
        "Vide;Rien encore;;;;;;;;\r\n",
        encoding="utf-8", newline="",
    )
    done = parcours("import", "excel.csv", "-o", "m.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    jmap = MapDocument.load(tmp_path / "m.toml").map
    assert jmap.title == "excel"
    first, second, third = jmap.stages[0].touchpoints
    assert (first.channel, first.support, first.type, first.emotion) == ("plateformes-individuelles", "page-produit", "technique", -1)
    assert (second.channel, second.support, second.type, second.emotion) == ("radio", "affiches", "promotionnelle", 2)
    assert (third.response, third.emotion, third.pain, third.opportunity) == ("Texte; avec point-virgule", -2, "Attente", "Rappel")
    assert [(s.id, s.name, s.situation) for s in jmap.stages] == [("recherche", "Recherche", "Compare"), ("vide", "Vide", "Rien encore")]
    assert jmap.stages[1].touchpoints == ()


def test_values_outside_the_catalogues_are_kept_and_reported_as_warnings(tmp_path):
    (tmp_path / "a.csv").write_text("stage,channel,type\nA,Radoi,Promotionnelle\n", encoding="utf-8")
    done = parcours("import", "a.csv", "-o", "a.toml", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.startswith("a.toml:") and "warning: 'channel' value 'Radoi'" in done.stderr
    tp = MapDocument.load(tmp_path / "a.toml").map.stages[0].touchpoints[0]
    assert (tp.channel, tp.type) == ("Radoi", "promotionnelle")


def test_stages_without_ids_get_unique_slugs(tmp_path):
    (tmp_path / "a.csv").write_text("stage,who\nAchat,a\nachat,b\nAchat,c\n", encoding="utf-8")
    assert parcours("import", "a.csv", "-o", "a.toml", cwd=tmp_path).returncode == 0
    stages = MapDocument.load(tmp_path / "a.toml").map.stages
    assert [(s.id, s.name, len(s.touchpoints)) for s in stages] == [("achat", "Achat", 2), ("achat-2", "achat", 1)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "bad.csv:1:1: empty file: no header row"),
        ("\ufeff\r\n", "bad.csv:1:1: empty file: no header row"),
        ("stage\n", "bad.csv:2:1: no data rows under the header"),
        ("colonne,autre\n1,2\n", "bad.csv:1:1: unknown column 'colonne' (expected: stage_id, stage, situation"),
        ("stage,colour\nA,red\n", "bad.csv:1:7: unknown column 'colour'"),
        ("who,emotion\nA,1\n", "bad.csv:1:1: no 'stage' column in the header"),
        ("stage,Étape\nA,B\n", "bad.csv:1:7: column 'Étape' appears twice"),
        ("stage,emotion\nA,1\nB,9\n", "bad.csv:3:1: emotion 9 is outside -2..2"),
        ("stage,emotion\nA,beaucoup\n", "bad.csv:2:1: emotion 'beaucoup' is not a whole number"),
        ("stage,emotion\nA,1.5\n", "bad.csv:2:1: emotion '1.5' is not a whole number"),
        ("stage,who\n,Moi\n", "bad.csv:2:1: row has no stage name"),
        ('stage,response\nA,"deux\nlignes"\nB,x,en trop\n', "bad.csv:4:1: cell 3 is under no column heading"),
        ('stage,response\nA,x\nB,"pas fermé\n', "bad.csv:3:1: cannot read this row"),
        ("stage_id,stage\nx,A\nx,B\n", "bad.csv:3:1: stage 'x' is named 'B' here but 'A' on line 2"),
        ("stage;situation\nA;un\nA;deux\n", "bad.csv:3:1: stage 'a' has another situation here than on line 2"),
    ],
)
def test_bad_csv_is_one_line_with_its_row_and_writes_nothing(tmp_path, content, expected):
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8", newline="")
    done = parcours("import", "bad.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(expected), done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out.toml").exists()


def test_every_bad_row_is_reported_and_skip_bad_keeps_the_others(tmp_path):
    (tmp_path / "mixed.csv").write_text("stage,emotion\nA,1\nB,7\nC,x\nD,-2\n", encoding="utf-8")
    done = parcours("import", "mixed.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and not (tmp_path / "out.toml").exists()
    assert [line.split(": ")[0] for line in done.stderr.splitlines()] == ["mixed.csv:3:1", "mixed.csv:4:1"]
    skipped = parcours("import", "mixed.csv", "-o", "out.toml", "--skip-bad", cwd=tmp_path)
    assert skipped.returncode == 0 and skipped.stderr.count("(row skipped)") == 2
    assert [s.name for s in MapDocument.load(tmp_path / "out.toml").map.stages] == ["A", "D"]


def test_skip_bad_with_no_good_row_writes_nothing(tmp_path):
    (tmp_path / "bad.csv").write_text("stage,emotion\nA,7\n", encoding="utf-8")
    done = parcours("import", "bad.csv", "-o", "out.toml", "--skip-bad", cwd=tmp_path)
    assert done.returncode == 1 and "bad.csv: no row could be read; nothing written" in done.stderr
    assert not (tmp_path / "out.toml").exists()


def test_text_a_spreadsheet_saved_in_another_encoding(tmp_path):
    (tmp_path / "latin.csv").write_bytes("stage\nCaf\xe9\n".encode("cp1252"))
    done = parcours("import", "latin.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "latin.csv:2:4: not valid UTF-8 text; save it from the spreadsheet as « CSV UTF-8 »\n"
    (tmp_path / "wide.csv").write_bytes("stage\tqui\nA\tB\n".encode("utf-16"))
    done = parcours("import", "wide.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and "UTF-16" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out.toml").exists()


def test_import_never_overwrites_without_force(tmp_path):
    (tmp_path / "a.csv").write_text("stage\nA\n", encoding="utf-8")
    (tmp_path / "out.toml").write_text("keep", encoding="utf-8")
    done = parcours("import", "a.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == "out.toml: already exists; use --force to overwrite it\n"
    assert (tmp_path / "out.toml").read_text() == "keep"
    assert parcours("import", "a.csv", "-o", "out.toml", "--force", cwd=tmp_path).returncode == 0
    assert MapDocument.load(tmp_path / "out.toml").map.stages[0].name == "A"


def test_missing_csv_is_one_line(tmp_path):
    done = parcours("import", "absent.csv", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == "absent.csv: no such file\n"
