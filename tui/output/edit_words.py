"""Edits told in words, for the recovery prompt: what a person would say they did."""

from __future__ import annotations

from tui.core.edits import (
    DeleteStage, DeleteTouchpoint, Edit, InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint,
    RemovePersona, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.output.i18n import COLUMNS, Label
from tui.core.model import JourneyMap

SET = Label("{where} · {key} → {value}", "{where} · {key} → {value}")
ADD_TP = Label("{where} · point de contact ajouté", "{where} · touchpoint added")
DEL_TP = Label("{where} · point de contact supprimé", "{where} · touchpoint deleted")
MOVE_TP = Label("{where} · point de contact déplacé vers {to}", "{where} · touchpoint moved to {to}")
ADD_STAGE = Label("étape « {name} » ajoutée", "stage “{name}” added")
DEL_STAGE = Label("étape n° {n} supprimée", "stage #{n} deleted")
MOVE_STAGE = Label("étape n° {n} déplacée en position {to}", "stage #{n} moved to position {to}")
TITLE = Label("titre → {value}", "title → {value}")
PERSONA = Label("persona · {key} → {value}", "persona · {key} → {value}")
NO_PERSONA = Label("persona retiré", "persona removed")


#: What each key is called on screen, so a recovered edit reads like the grid.
KEYS = {
    **{c.key: c.label for c in COLUMNS},
    "name": Label("nom", "name"),
    "pain": Label("point de douleur", "pain point"),
    "opportunity": Label("opportunité", "opportunity"),
    "description": Label("description", "description"),
}


def _key(key: str, lang: str) -> str:
    label = KEYS.get(key)
    return label(lang).lower() if label else key


def _stage(jmap: JourneyMap, index: int) -> str:
    return jmap.stages[index].name if 0 <= index < len(jmap.stages) else f"#{index + 1}"


def describe(edit: Edit, jmap: JourneyMap, lang: str) -> str:
    """One line for an edit, naming stages as they are in `jmap` before it applies."""
    if isinstance(edit, SetTouchpointField):
        where = f"{_stage(jmap, edit.stage)} #{edit.index + 1}"
        return SET(lang, where=where, key=_key(edit.key, lang), value=repr(edit.value))
    if isinstance(edit, SetStageField):
        return SET(lang, where=_stage(jmap, edit.stage), key=_key(edit.key, lang), value=repr(edit.value))
    if isinstance(edit, InsertTouchpoint):
        return ADD_TP(lang, where=f"{_stage(jmap, edit.stage)} #{edit.index + 1}")
    if isinstance(edit, DeleteTouchpoint):
        return DEL_TP(lang, where=f"{_stage(jmap, edit.stage)} #{edit.index + 1}")
    if isinstance(edit, MoveTouchpoint):
        return MOVE_TP(lang, where=f"{_stage(jmap, edit.stage)} #{edit.index + 1}",
                       to=f"{_stage(jmap, edit.to_stage)} #{edit.to_index + 1}")
    if isinstance(edit, InsertStage):
        return ADD_STAGE(lang, name=dict(edit.values).get("name", "?"))
    if isinstance(edit, DeleteStage):
        return DEL_STAGE(lang, n=edit.index + 1)
    if isinstance(edit, MoveStage):
        return MOVE_STAGE(lang, n=edit.index + 1, to=edit.to + 1)
    if isinstance(edit, SetMapField):
        return TITLE(lang, value=repr(edit.value)) if edit.key == "title" else f"{edit.key} → {edit.value!r}"
    if isinstance(edit, SetPersonaField):
        return PERSONA(lang, key=_key(edit.key, lang), value=repr(edit.value))
    if isinstance(edit, RemovePersona):
        return NO_PERSONA(lang)
    return type(edit).__name__
