"""The text `parcours new` writes: the template's ten stages, valid, commented, any title escaped."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.catalogue import load_catalogues
from tui.core.validate import check
from tui.output.template import template_text
from tui.output.i18n import use_language

CATALOGUES = load_catalogues(None)
IDS = [
    "sensibilisation", "recherche", "selection", "acquisition", "decouverte",
    "utilisation", "maintenance", "fidelisation", "recommandation", "engagement",
]


@pytest.mark.parametrize(
    ("lang", "title", "names"),
    [
        ("fr", "Parcours client", ["Sensibilisation", "Recherche", "Sélection", "Acquisition", "Découverte",
                                   "Utilisation", "Maintenance", "Fidélisation", "Recommandation", "Engagement"]),
        ("en", "Customer journey", ["Awareness", "Research", "Selection", "Acquisition", "Discovery",
                                    "Use", "Maintenance", "Loyalty", "Advocacy", "Engagement"]),
    ],
)
def test_a_new_map_holds_the_ten_template_stages(lang, title, names):
    use_language(lang)
    text = template_text(CATALOGUES)
    data = tomllib.loads(text)
    assert check(data, CATALOGUES) == []
    assert data["schema"] == 1 and data["title"] == title and data["locale"] == lang
    assert data["persona"] == {"name": "", "description": ""}
    assert [s["id"] for s in data["stages"]] == IDS
    assert [s["name"] for s in data["stages"]] == names
    assert all(s["situation"] == "" and "touchpoints" not in s for s in data["stages"])


def test_the_file_explains_itself():
    lines = template_text(CATALOGUES).splitlines()
    assert lines[0].startswith("# Parcours client — une étape par [[stages]]")
    assert any("parcours catalog" in line for line in lines[:6])
    assert any("-2 (très mécontent) à 2 (très content)" in line for line in lines[:6])
    headers = [i for i, line in enumerate(lines) if line == "[[stages]]"]
    assert len(headers) == 10
    for index, stage in zip(headers, CATALOGUES.stages):
        assert lines[index - 1] == f"# {stage.shown_description}"
        assert lines[index - 2] == ""
    assert "# Prise de conscience du besoin et de l'existence de solutions potentielles, établissement de priorités." in lines


def test_title_and_persona():
    data = tomllib.loads(template_text(CATALOGUES, "Achat d'un vélo", "Léa, 41 ans"))
    assert data["title"] == "Achat d'un vélo" and data["persona"]["name"] == "Léa, 41 ans"


# Any text a person can type, control characters included; lone surrogates cannot be written (new refuses them).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, persona=TEXT)
def test_any_title_and_persona_survive_the_round_trip(title, persona):
    data = tomllib.loads(template_text(CATALOGUES, title or None, persona or None))
    assert data["title"] == (title or "Parcours client")
    assert data["persona"]["name"] == persona
