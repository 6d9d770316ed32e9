"""The whole map as JSON, both ways: ids and labels side by side, keys in a stable order.

The JSON carries every key of the map file, the ones parcours does not know
included: under `extra` at each level (map, stage, touchpoint), and in the
persona itself, whose keys are all free. So `parcours import MAP.json` builds
the same map back. Derived values (labels, a stage's mean feeling) are there
for readers and ignored on the way back. `map.schema.json`, beside this
module, describes it; `format_version` says which version of it a file
follows.

TOML has values JSON has not (dates, times, `inf`, `nan`): they travel as
`{"$toml": "1979-05-27T07:32:00"}`, the value written as TOML. A table whose
only key is `$toml` travels that way too, so the two never mix up.

Text escapes the control and bidi characters as `\\uXXXX` (json.dumps does it
for C0 but not for DEL, C1 or the bidi controls), so the file shows nothing
hidden in a terminal.
"""

from __future__ import annotations

import datetime
import json
import math
import tomllib
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from tui.core.catalogue import Catalogues
from tui.core.errors import MapError
from tui.core.model import EMOTION_MAX, EMOTION_MIN, TEXT_FIELDS, TOUCHPOINT_FIELDS, Touchpoint
from tui.output.formats import Source
from tui.output.formats.map_toml import MAP_KEYS, STAGE_KEYS, value
from tui.output.formats.table_rows import Reading
from tui.output.visible import escape_forbidden

FORMAT = "parcours-map"
VERSION = 1
SCHEMA_FILE = "map.schema.json"
TOML = "$toml"
CATALOGUE_FIELDS = ("channel", "support", "type")


def schema_text() -> str:
    """The JSON Schema of this format, as shipped in the package."""
    return files("tui.output.formats").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


# --- writing -----------------------------------------------------------------------------------


def to_json(item: Any) -> Any:
    """A TOML value as JSON: as itself where JSON has it, else as `{"$toml": literal}`."""
    if isinstance(item, Mapping):
        if set(item) == {TOML}:
            return {TOML: value(item)}
        return {k: to_json(v) for k, v in item.items()}
    if isinstance(item, (list, tuple)):
        return [to_json(v) for v in item]
    if isinstance(item, float) and not math.isfinite(item):
        return {TOML: value(item)}
    if isinstance(item, (datetime.datetime, datetime.date, datetime.time)):
        return {TOML: value(item)}
    return item


def _extra(table: Mapping[str, Any] | None, known: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(table, Mapping):
        return {}
    extra = {k: to_json(v) for k, v in table.items() if k not in known}
    return {"extra": extra} if extra else {}


def _value(catalogues: Catalogues, key: str, value: str) -> dict[str, Any]:
    catalogue = catalogues.for_field(key)
    entry = catalogue.get(value) if catalogue else None
    return {
        "id": value,
        "label": entry.label if entry else value,
        "label_en": entry.label_en if entry else value,
        "known": entry is not None or not value,
    }


def _in_file(raw: Mapping[str, Any] | None, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys the map file holds, of `keys`: one it leaves out is left out here too, or the map
    built back would gain a `pain = ""` line the file never had (all of them without the file)."""
    return keys if not isinstance(raw, Mapping) else tuple(k for k in keys if k in raw)


def _touchpoint(catalogues: Catalogues, tp: Touchpoint, raw: Mapping[str, Any] | None) -> dict[str, Any]:
    data = {k: _value(catalogues, k, tp.get(k)) if k in CATALOGUE_FIELDS else tp.get(k)
            for k in _in_file(raw, TOUCHPOINT_FIELDS)}
    return data | _extra(raw, TOUCHPOINT_FIELDS)


def _persona(source: Source) -> dict[str, Any] | None:
    if source.raw is not None:
        persona = source.raw.get("persona")
        return None if not isinstance(persona, Mapping) else {k: to_json(v) for k, v in persona.items()}
    persona = source.jmap.persona
    return None if persona is None else {"name": persona.name, "description": persona.description, **dict(persona.extra)}


def _at(items: Any, index: int) -> Any:
    return items[index] if isinstance(items, list) and index < len(items) else None


def data(source: Source) -> dict[str, Any]:
    jmap, raw = source.jmap, source.raw
    raw_stages = (raw or {}).get("stages")
    stages = []
    for number, stage in enumerate(jmap.stages):
        raw_stage = _at(raw_stages, number)
        raw_tps = raw_stage.get("touchpoints") if isinstance(raw_stage, Mapping) else None
        stages.append({
            "id": stage.id,
            "name": stage.name,
        } | ({"situation": stage.situation} if _in_file(raw_stage, ("situation",)) else {}) | {
            "emotion": stage.emotion,
            "touchpoints": [_touchpoint(source.catalogues, tp, _at(raw_tps, i)) for i, tp in enumerate(stage.touchpoints)],
        } | _extra(raw_stage, STAGE_KEYS))
    return {
        "format": FORMAT,
        "format_version": VERSION,
        "schema": jmap.schema,
        "title": jmap.title,
        "locale": jmap.locale,
        "persona": _persona(source),
        "stages": stages,
    } | _extra(raw, MAP_KEYS)


def render(source: Source) -> str:
    return escape_forbidden(json.dumps(data(source), ensure_ascii=False, indent=2)) + "\n"


# --- reading -----------------------------------------------------------------------------------


class _Bad(Exception):
    """A value that does not fit the format, with where it stands (`stages[2].name`)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)


def _kind(item: Any) -> str:
    names = {dict: "an object", list: "an array", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(item), "a number")


def from_json(item: Any, where: str) -> Any:
    """A JSON value back to TOML data; `{"$toml": literal}` read as the TOML it holds."""
    if isinstance(item, dict):
        if set(item) == {TOML}:
            literal = item[TOML]
            if not isinstance(literal, str) or "\n" in literal or "\r" in literal:
                raise _Bad(where, f"'{TOML}' must hold one TOML value on one line")
            try:
                parsed = tomllib.loads(f"v = {literal}")
            except tomllib.TOMLDecodeError:
                parsed = {}
            if list(parsed) != ["v"]:
                raise _Bad(where, f"'{TOML}' does not hold a TOML value: {literal!r}")
            return parsed["v"]
        return {k: from_json(v, f"{where}.{k}" if where else k) for k, v in item.items()}
    if isinstance(item, list):
        return [from_json(v, f"{where}[{n}]") for n, v in enumerate(item)]
    if item is None:
        raise _Bad(where, "null has no TOML value; leave the key out instead")
    return item


def _object(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _Bad(where, f"must be an object, not {_kind(item)}")
    return item


def _text(table: dict[str, Any], key: str, where: str, required: bool = False) -> None:
    if key not in table:
        if required:
            raise _Bad(where, f"missing '{key}'")
        return
    if not isinstance(table[key], str):
        raise _Bad(f"{where}.{key}" if where else key, f"must be text, not {_kind(table[key])}")


def _table_back(item: Any, where: str) -> dict[str, Any]:
    """An object of free keys (the persona, an `extra`): each value back to TOML, whatever the key is called."""
    return {k: from_json(v, f"{where}.{k}") for k, v in _object(item, where).items()}


def _extra_back(table: dict[str, Any], where: str) -> dict[str, Any]:
    return _table_back(table.get("extra", {}), f"{where}.extra" if where else "extra")


def _touchpoint_back(item: Any, where: str) -> dict[str, Any]:
    tp = _object(item, where)
    out: dict[str, Any] = {}
    for key in TOUCHPOINT_FIELDS:
        if key not in tp:
            continue
        found = tp[key]
        if key in CATALOGUE_FIELDS and isinstance(found, dict):
            found = found.get("id")
            if not isinstance(found, str):
                raise _Bad(f"{where}.{key}.id", f"must be text, not {_kind(found)}")
        if key == "emotion":
            if found is None:
                continue
            if isinstance(found, bool) or not isinstance(found, int) or not EMOTION_MIN <= found <= EMOTION_MAX:
                raise _Bad(f"{where}.emotion", f"must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}, or null")
        elif key in TEXT_FIELDS and not isinstance(found, str):
            raise _Bad(f"{where}.{key}", f"must be text, not {_kind(found)}")
        out[key] = found
    return out | _extra_back(tp, where)


def _stage_back(item: Any, where: str) -> dict[str, Any]:
    stage = _object(item, where)
    for key in ("id", "name"):
        _text(stage, key, where, required=True)
    _text(stage, "situation", where)
    touchpoints = stage.get("touchpoints", [])
    if not isinstance(touchpoints, list):
        raise _Bad(f"{where}.touchpoints", f"must be an array, not {_kind(touchpoints)}")
    out = {k: stage[k] for k in ("id", "name", "situation") if k in stage}
    out["touchpoints"] = [_touchpoint_back(tp, f"{where}.touchpoints[{n}]") for n, tp in enumerate(touchpoints)]
    return out | _extra_back(stage, where)


def _whole_characters(item: Any, where: str) -> None:
    """JSON's `\\ud800` escapes can leave half a character, which no UTF-8 file can hold."""
    if isinstance(item, str):
        if any("\ud800" <= char <= "\udfff" for char in item):
            raise _Bad(where, "text holds half of a character (a lone surrogate escape)")
    elif isinstance(item, dict):
        for key, found in item.items():
            _whole_characters(key, where)
            _whole_characters(found, f"{where}.{key}" if where else key)
    elif isinstance(item, list):
        for number, found in enumerate(item):
            _whole_characters(found, f"{where}[{number}]")


def map_data(document: Any) -> dict[str, Any]:
    """The TOML data of a map from its JSON; `_Bad` names the first value that does not fit."""
    top = _object(document, "")
    if "format" in top and top["format"] != FORMAT:
        raise _Bad("format", f"this is not a parcours map (format {top['format']!r}, expected {FORMAT!r})")
    version = top.get("format_version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version > VERSION:
        raise _Bad("format_version", f"{version!r} is not a version this parcours reads (it reads up to {VERSION})")
    _text(top, "title", "", required=True)
    out: dict[str, Any] = {"schema": top.get("schema", 1), "title": top["title"]}
    if top.get("locale") is not None:
        _text(top, "locale", "")
        out["locale"] = top["locale"]
    if top.get("persona") is not None:
        out["persona"] = _table_back(top["persona"], "persona")
    stages = top.get("stages", [])
    if not isinstance(stages, list):
        raise _Bad("stages", f"must be an array, not {_kind(stages)}")
    out["stages"] = [_stage_back(stage, f"stages[{n}]") for n, stage in enumerate(stages)]
    return out | _extra_back(top, "")


def read(path: Path, raw: bytes, catalogues: Catalogues, title: str | None = None) -> Reading:
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise MapError.at(path, "not valid UTF-8 text", line, error.start - raw.rfind(b"\n", 0, error.start)) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise MapError.at(path, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise MapError.at(path, "nested too deeply to be a map") from None
    try:
        _whole_characters(document, "")
        result = map_data(document)
    except _Bad as error:
        raise MapError.at(path, str(error)) from None
    except RecursionError:
        raise MapError.at(path, "nested too deeply to be a map") from None
    if title:
        result["title"] = title
    return Reading(result)
