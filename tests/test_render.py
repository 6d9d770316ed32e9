"""What `show` draws, in-process: fits the width, wraps rather than cuts, faces and labels."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from tests_support import EXAMPLE, ROOT
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.faces import ASCII, EMOJI, Faces
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.render import WIDE, render_grid, render_header, render_map
from tui.output.summary_view import render_summary
from tui.output.summary import summarize
from tui.output.i18n import use_language

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))


def draw(renderable, width: int) -> str:
    console = Console(width=width, no_color=True, color_system=None, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


def shown(path, width: int, lang: str = "fr", ascii: bool = False) -> str:
    jmap = MapDocument.load(path).map
    catalogues = load_catalogues(path)
    use_language(lang)
    return draw(render_map(jmap, catalogues, summarize(jmap, catalogues), Faces(ascii), width), width)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, WIDE, 160, 220])
def test_every_example_fits_the_width_and_nothing_is_cut(path, width):
    out = shown(path, width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    words = " ".join(out.split())
    jmap = MapDocument.load(path).map
    if width >= 60:
        # every response reads whole once the wrapping is undone (no word is folded at these widths)
        for stage in jmap.stages:
            for tp in stage.touchpoints:
                if width < WIDE:
                    assert " ".join(tp.response.split()) in words, tp.response


@pytest.mark.parametrize("width", [WIDE, 180])
def test_the_grid_never_splits_a_word(width):
    jmap = MapDocument.load(EXAMPLE).map
    out = draw(render_grid(jmap, load_catalogues(EXAMPLE), Faces(), width), width)
    cells = {word for line in out.splitlines() for word in re.split(r"\s{2,}|\s", line) if word}
    for stage in jmap.stages:
        for tp in stage.touchpoints:
            for word in (tp.response + " " + tp.who).split():
                assert word in cells, word


def test_narrow_is_stacked_and_wide_is_the_grid():
    narrow = shown(EXAMPLE, 80).splitlines()
    assert not any(line.split()[:3] == ["Étape", "Situation", "Canal"] for line in narrow)
    assert any(line.startswith("Sensibilisation  😄 +1.5 ─") for line in narrow)
    assert " 1. 😄 +2 Plateformes communautaires › Bannières · Promotionnelle" in narrow
    wide = shown(EXAMPLE, WIDE).splitlines()
    assert any(line.split()[:3] == ["Étape", "Situation", "Canal"] for line in wide)


def test_pain_points_and_opportunities_sit_under_their_touchpoint():
    lines = shown(EXAMPLE, 100).splitlines()
    chatbot = next(i for i, line in enumerate(lines) if "Communication synchrone › Chatbot · Support" in line)
    assert lines[chatbot + 3].strip() == "Douleur : Réponses génériques, pas de photo de la vue depuis la place"
    assert lines[chatbot + 4].strip() == "Idée : Afficher une photo de la vue depuis chaque section"


def test_english_labels_and_punctuation():
    out = shown(EXAMPLE, 100, "en")
    assert "Community platforms › Banners · Promotional" in out
    assert "Who: Équipe marketing du distributeur" in out
    assert "No “who”: Utilisation #3, Recommandation #2" in out
    for heading in ("Summary", "Feeling curve", "Channels used, by group", "Types of communication", "Gaps (2)", "Pain points (7)", "Opportunities (10)"):
        assert heading in out


def test_the_curve_shows_which_side_is_happy_and_an_unsigned_zero():
    out = shown(EXAMPLE, 80)
    curve = out[out.index("Courbe des émotions"):out.index("Canaux utilisés")].splitlines()
    assert curve[1].split() == ["Étape", "Contacts", "😡", "│", "😄", "Moyenne"]
    assert curve[2].split() == ["Sensibilisation", "2", "│██████", "😄", "+1.5"]
    assert curve[4].split() == ["Sélection", "2", "│", "😐", "0.0"]
    assert curve[8].split() == ["Maintenance", "2", "██│", "😐", "-0.5"]


def test_ascii_faces_and_bars():
    out = shown(EXAMPLE, 80, ascii=True)
    assert not any(face in out for face in EMOJI.values())
    assert "Sensibilisation         2          |######    :D +1.5" in out
    assert "Sensibilisation  :D +1.5 ---" in out


def test_counts_are_aligned():
    out = shown(EXAMPLE, 80)
    types = out[out.index("Types de communication"):out.index("Manques")].splitlines()[1:-1]
    assert {cell_len(line) for line in types} == {cell_len(types[0])}
    assert types[0].split() == ["Thématique", "1"]


def test_unknown_values_are_marked_and_listed():
    jmap = JourneyMap(title="T", stages=(Stage("a", "A", touchpoints=(Touchpoint(channel="pigeon", support="affiches", type="x"),)),))
    catalogues = load_catalogues(None)
    out = draw(render_map(jmap, catalogues, summarize(jmap, catalogues), Faces(), 80), 80)
    assert "pigeon ? › Affiches · x ?" in out
    assert "Hors catalogue (2) :" in out
    assert "• A #1  Canal « pigeon »" in out and "• A #1  Type « x »" in out
    assert "Qui : —" in out


def test_header_persona_and_its_other_keys_hang():
    jmap = MapDocument.load(EXAMPLE).map
    out = draw(render_header(jmap), 80).splitlines()
    assert out[0] == "Achat de billets de concert"
    assert out[1].startswith("Persona : Camille, 29 ans — Fan de musique")
    assert out[2].startswith("          ")
    objectives = next(i for i, line in enumerate(out) if line.startswith("  objectifs : "))
    assert out[objectives + 1].startswith(" " * len("  objectifs : "))


def test_summary_alone_for_the_preview_pane():
    jmap = MapDocument.load(EXAMPLE).map
    out = draw(render_summary(summarize(jmap, load_catalogues(EXAMPLE)), Faces()), 56)
    assert max(cell_len(line) for line in out.splitlines()) <= 56
    assert "…" not in out


def test_faces():
    faces, ascii = Faces(), Faces(ascii=True)
    assert [faces.face(s) for s in range(-2, 3)] == ["😡", "🙁", "😐", "🙂", "😄"]
    assert len(set(EMOJI.values())) == 5 and all(cell_len(f) == 2 for f in EMOJI.values())
    assert len(set(ASCII.values())) == 5 and all(f.isascii() for f in ASCII.values())
    assert faces.face(None) == "·" and ascii.face(None) == "."
    assert faces.cell(1) == "🙂 +1" and faces.cell(0) == "😐  0" and faces.cell(-2) == "😡 -2"
    assert ascii.cell(2) == ":D +2"
    assert [Faces.word(s) for s in (-2, 0, 2, None)] == ["très mécontent", "neutre", "très content", "sans émotion"]
    use_language("en")
    assert [Faces.word(s) for s in (-2, -1, 1)] == ["very unhappy", "unhappy", "happy"]
