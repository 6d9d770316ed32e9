"""What a participant's edit may say, checked before the host applies it.

The editor's own keys only ever make edits a valid map survives; a request
from a socket may say anything the edit registry can decode: an emotion of
"abc", a stage id already taken, an empty title. Applied, it would leave a
map that no longer saves (every save is proven first) or draws. So a request
is held to the rules `tui.core.validate` holds a file to, on the values it
brings in; whether the items it names still exist is the edit's own check
(`ItemGone`, when it is applied).

And an undo or redo that comes late must not undo someone else's later work:
`still_holds` says whether an edit's effect is still what the map shows.
"""

from __future__ import annotations

from typing import Any

from tui.core.edits import (
    DeleteStage, Edit, InsertStage, InsertTouchpoint, SetMapField, SetPersonaField, SetStageField, SetTouchpointField,
)
from tui.core.model import EMOTION_MAX, EMOTION_MIN, TOUCHPOINT_FIELDS, ItemGone, JourneyMap
from tui.core.validate import LOCALES, SLUG

#: Longest text a participant may put in one value (a long cell is a few thousand characters).
MAX_TEXT = 100_000


class NotAdmitted(ValueError):
    """The request would leave the map invalid: it is refused, and only its author is told."""


def _text(key: str, value: Any, required: bool = False) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise NotAdmitted(f"'{key}' must be text")
    if len(value) > MAX_TEXT:
        raise NotAdmitted(f"'{key}' is longer than {MAX_TEXT} characters")
    if required and not value.strip():
        raise NotAdmitted(f"'{key}' must not be empty")


def _touchpoint_value(key: str, value: Any) -> None:
    if key == "emotion":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not EMOTION_MIN <= value <= EMOTION_MAX):
            raise NotAdmitted(f"'emotion' must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}")
    elif key in TOUCHPOINT_FIELDS:
        _text(key, value)
    elif isinstance(value, str) and len(value) > MAX_TEXT:
        raise NotAdmitted(f"'{key}' is longer than {MAX_TEXT} characters")


def _new_stage_id(jmap: JourneyMap, value: Any, leaving: str | None = None) -> None:
    _text("id", value, required=True)
    if not SLUG.match(value):
        raise NotAdmitted(f"stage id {value[:40]!r} is not a slug (lower-case letters, digits, hyphens)")
    if value != leaving and any(stage.id == value for stage in jmap.stages):
        raise NotAdmitted(f"stage id {value!r} is already used")


def admit(edit: Edit, jmap: JourneyMap) -> None:
    """NotAdmitted unless `edit`, applied to `jmap`, leaves a map that still validates."""
    match edit:
        case SetTouchpointField(key=key, value=value):
            _touchpoint_value(key, value)
        case InsertTouchpoint(values=values):
            for key, value in values:
                _touchpoint_value(key, value)
        case SetStageField(stage=stage, key="id", value=value):
            _new_stage_id(jmap, value, leaving=stage)
        case SetStageField(key="name", value=value):
            _text("name", value, required=True)
        case SetStageField(key=key, value=value):
            _text(key, value)
        case InsertStage(values=values, touchpoints=touchpoints):
            given = dict(values)
            _new_stage_id(jmap, given.get("id"))
            _text("name", given.get("name"), required=True)
            for key, value in values:
                if key not in ("id", "name"):
                    _text(key, value) if key == "situation" else _touchpoint_value(key, value)
            for _key, pairs in touchpoints:
                for key, value in pairs:
                    _touchpoint_value(key, value)
        case SetMapField(key="title", value=value):
            _text("title", value, required=True)
        case SetMapField(key="locale", value=value):
            if value is not None and value not in LOCALES:
                raise NotAdmitted("'locale' must be \"fr\" or \"en\"")
        case SetPersonaField(key=key, value=value):
            _text(key, value)
        case DeleteStage() if len(jmap.stages) <= 1:
            raise NotAdmitted("the last stage cannot be deleted")


def _same(current: Any, value: Any, empty: Any = "") -> bool:
    return current == (empty if value is None else value)


def still_holds(edit: Edit, jmap: JourneyMap) -> bool:
    """Whether the value `edit` set is still the map's: if not, someone changed it since, and
    undoing (or redoing) it would undo their work. Edits that add, remove or move items say so
    themselves when they no longer apply (`ItemGone`)."""
    try:
        match edit:
            case SetTouchpointField(touchpoint=key, key=field_key, value=value):
                s, t = jmap.locate(key)
                return _same(jmap.stages[s].touchpoints[t].get(field_key), value, None if field_key == "emotion" else "")
            case SetStageField(key="id", value=value):
                return any(stage.id == value for stage in jmap.stages)
            case SetStageField(stage=stage, key=key, value=value):
                return _same(getattr(jmap.stages[jmap.stage_index(stage)], key), value)
            case SetMapField(key=key, value=value):
                return _same(getattr(jmap, key), value, None if key == "locale" else "")
            case SetPersonaField(key=key, value=value):
                persona = jmap.persona
                if persona is None:
                    return value is None
                current = getattr(persona, key) if key in ("name", "description") else dict(persona.extra).get(key)
                return _same(current, value, "" if key in ("name", "description") else None)
    except ItemGone:
        return False
    return True
