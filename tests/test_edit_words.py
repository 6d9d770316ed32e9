"""Recovered edits are listed in the words of the grid: each edit type says itself (`Edit.describe`).

The words are the core's gettext messages with French source text; the English
column is what the English catalogue must say (installed here as a stand-in).
"""

from __future__ import annotations

import gettext

import pytest

from tui.core import words
from tui.core.document import MapDocument
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint,
    RemovePersona, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)

from tui.core.edits.touchpoint_edits import DuplicateTouchpoint

from tests_support import EXAMPLE

#: The English of every message an edit's words use (the .po file must say the same).
ENGLISH = {
    "{where} · {key} → {value}": "{where} · {key} → {value}",
    "{where} · point de contact ajouté": "{where} · touchpoint added",
    "{where} · point de contact supprimé": "{where} · touchpoint deleted",
    "{where} · point de contact déplacé vers {to}": "{where} · touchpoint moved to {to}",
    "{where} · point de contact dupliqué": "{where} · touchpoint duplicated",
    "étape « {name} » ajoutée": "stage “{name}” added",
    "étape n° {n} supprimée": "stage #{n} deleted",
    "étape n° {n} déplacée en position {to}": "stage #{n} moved to position {to}",
    "titre → {value}": "title → {value}",
    "persona · {key} → {value}": "persona · {key} → {value}",
    "persona retiré": "persona removed",
    "étape": "stage", "situation": "situation", "canal": "channel", "support": "support", "réponse": "response",
    "type": "type", "qui": "who", "émotion": "emotion", "nom": "name", "point de douleur": "pain point",
    "opportunité": "opportunity", "description": "description",
}


class English(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return ENGLISH.get(message, message)


@pytest.fixture
def english():
    words.use(English(), "en")
    yield
    words.use(gettext.NullTranslations(), "fr")


CASES = [
    (SetTouchpointField("t3", "emotion", 1), "Recherche #1 · émotion → 1", "Recherche #1 · emotion → 1"),
    (SetTouchpointField("t2", "pain", "Lent"), "Sensibilisation #2 · point de douleur → 'Lent'",
     "Sensibilisation #2 · pain point → 'Lent'"),
    (SetStageField("sensibilisation", "name", "Éveil"), "Sensibilisation · nom → 'Éveil'",
     "Sensibilisation · name → 'Éveil'"),
    (SetPersonaField("name", "Zoé"), "persona · nom → 'Zoé'", "persona · name → 'Zoé'"),
    (SetMapField("title", "T"), "titre → 'T'", "title → 'T'"),
    (RemovePersona(), "persona retiré", "persona removed"),
    (InsertTouchpoint("selection"), "Sélection #1 · point de contact ajouté", "Sélection #1 · touchpoint added"),
    (InsertTouchpoint("selection", "t5"), "Sélection #2 · point de contact ajouté", "Sélection #2 · touchpoint added"),
    (DeleteTouchpoint("t3"), "Recherche #1 · point de contact supprimé", "Recherche #1 · touchpoint deleted"),
    (MoveTouchpoint("t1", "recherche", None), "Sensibilisation #1 · point de contact déplacé vers Recherche #1",
     "Sensibilisation #1 · touchpoint moved to Recherche #1"),
    (InsertStage(None, (("id", "x"), ("name", "X"))), "étape « X » ajoutée", "stage “X” added"),
    (DeleteStage("selection"), "étape n° 3 supprimée", "stage #3 deleted"),
    (MoveStage("sensibilisation", "selection"), "étape n° 1 déplacée en position 3", "stage #1 moved to position 3"),
    (DuplicateTouchpoint("t4"), "Recherche #2 · point de contact dupliqué", "Recherche #2 · touchpoint duplicated"),
    (DeleteTouchpoint("t99"), "t99 · point de contact supprimé", "t99 · touchpoint deleted"),
]


@pytest.mark.parametrize(("edit", "fr", "en"), CASES, ids=repr)
def test_each_edit_in_french(edit, fr, en):
    assert edit.describe(MapDocument.load(EXAMPLE).map) == fr


@pytest.mark.parametrize(("edit", "fr", "en"), CASES, ids=repr)
def test_each_edit_in_english(edit, fr, en, english):
    assert edit.describe(MapDocument.load(EXAMPLE).map) == en
