"""The whole map as JSON, with ids and labels side by side, keys in a stable order."""

from __future__ import annotations

import json
from typing import Any

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap, Touchpoint


def _value(catalogues: Catalogues, key: str, value: str) -> dict[str, Any]:
    catalogue = catalogues.for_field(key)
    entry = catalogue.get(value) if catalogue else None
    return {
        "id": value,
        "label": entry.label if entry else value,
        "label_en": entry.label_en if entry else value,
        "known": entry is not None or not value,
    }


def _touchpoint(catalogues: Catalogues, tp: Touchpoint) -> dict[str, Any]:
    return {
        "channel": _value(catalogues, "channel", tp.channel),
        "support": _value(catalogues, "support", tp.support),
        "response": tp.response,
        "type": _value(catalogues, "type", tp.type),
        "who": tp.who,
        "emotion": tp.emotion,
        "pain": tp.pain,
        "opportunity": tp.opportunity,
    }


def data(jmap: JourneyMap, catalogues: Catalogues) -> dict[str, Any]:
    persona = jmap.persona
    return {
        "schema": jmap.schema,
        "title": jmap.title,
        "locale": jmap.locale,
        "persona": None if persona is None else {
            "name": persona.name, "description": persona.description, **dict(persona.extra),
        },
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "situation": stage.situation,
                "emotion": stage.emotion,
                "touchpoints": [_touchpoint(catalogues, tp) for tp in stage.touchpoints],
            }
            for stage in jmap.stages
        ],
    }


def render(jmap: JourneyMap, catalogues: Catalogues) -> str:
    return json.dumps(data(jmap, catalogues), ensure_ascii=False, indent=2) + "\n"
