"""Recovered edits are listed in the words of the grid, in the map's language."""

from __future__ import annotations

import pytest

from tui.core.document import MapDocument
from tui.output.edit_words import describe
from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint,
    SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)

from tests_support import EXAMPLE


@pytest.mark.parametrize(
    ("edit", "fr", "en"),
    [
        (SetTouchpointField(1, 0, "emotion", 1), "Recherche #1 · émotion → 1", "Recherche #1 · emotion → 1"),
        (SetTouchpointField(0, 1, "pain", "Lent"), "Sensibilisation #2 · point de douleur → 'Lent'",
         "Sensibilisation #2 · pain point → 'Lent'"),
        (SetStageField(0, "name", "Éveil"), "Sensibilisation · nom → 'Éveil'", "Sensibilisation · name → 'Éveil'"),
        (SetPersonaField("name", "Zoé"), "persona · nom → 'Zoé'", "persona · name → 'Zoé'"),
        (SetMapField("title", "T"), "titre → 'T'", "title → 'T'"),
        (InsertTouchpoint(2, 0), "Sélection #1 · point de contact ajouté", "Sélection #1 · touchpoint added"),
        (DeleteTouchpoint(1, 0), "Recherche #1 · point de contact supprimé", "Recherche #1 · touchpoint deleted"),
        (MoveTouchpoint(0, 0, 1, 0), "Sensibilisation #1 · point de contact déplacé vers Recherche #1",
         "Sensibilisation #1 · touchpoint moved to Recherche #1"),
        (InsertStage(0, (("id", "x"), ("name", "X"))), "étape « X » ajoutée", "stage “X” added"),
        (DeleteStage(2), "étape n° 3 supprimée", "stage #3 deleted"),
        (MoveStage(0, 2), "étape n° 1 déplacée en position 3", "stage #1 moved to position 3"),
        (DeleteTouchpoint(99, 0), "#100 #1 · point de contact supprimé", "#100 #1 · touchpoint deleted"),
    ],
    ids=repr,
)
def test_each_edit_in_both_languages(edit, fr, en):
    jmap = MapDocument.load(EXAMPLE).map
    assert describe(edit, jmap, "fr") == fr
    assert describe(edit, jmap, "en") == en
