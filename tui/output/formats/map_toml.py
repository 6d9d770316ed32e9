"""The TOML text of a map read back from another format (CSV, xlsx, JSON).

Every import writes its map in one shape, the one `parcours new` writes and
the format documents: the map's keys, `[persona]`, then each `[[stages]]`
with its `[[stages.touchpoints]]`, the known keys first in their usual order
and the keys parcours does not know after them. A value that is not text
(a number, a date, a table of someone's own) is written inline, so it stays
under the table it belongs to.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from typing import Any

from tui.core.model import SCHEMA, TOUCHPOINT_FIELDS, JourneyMap
from tui.output.template import quote
from tui.output.visible import visible_line

MAP_KEYS = ("schema", "title", "locale", "persona", "stages")
PERSONA_KEYS = ("name", "description")
STAGE_KEYS = ("id", "name", "situation", "touchpoints")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Literal(str):
    """A TOML value already written as TOML (a date, `inf`), kept as it was rather than re-typed."""


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else quote(name)


def value(item: Any) -> str:
    """One TOML value, on one line: tables inline, strings with every control character escaped."""
    if isinstance(item, Literal):
        return str(item)
    if isinstance(item, str):
        return quote(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            return "nan"
        return ("inf" if item > 0 else "-inf") if math.isinf(item) else repr(item)
    if isinstance(item, (datetime.datetime, datetime.date, datetime.time)):
        return item.isoformat()
    if isinstance(item, Mapping):
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }" if item else "{}"
    if isinstance(item, (list, tuple)):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"no TOML value for {type(item).__name__}")


def _pairs(table: Mapping[str, Any], first: tuple[str, ...], skip: tuple[str, ...] = ()) -> list[str]:
    """`key = value` lines: the keys of `first` that are there, in that order, then every other key."""
    keys = [k for k in first if k in table] + [k for k in table if k not in first and k not in skip]
    return [f"{key(k)} = {value(table[k])}" for k in keys]


def plain(jmap: JourneyMap) -> dict[str, Any]:
    """A model as TOML data: what a CSV or a spreadsheet carries (no persona, no keys of one's own)."""
    stages = []
    for stage in jmap.stages:
        touchpoints = []
        for tp in stage.touchpoints:
            data: dict[str, Any] = {k: tp.get(k) for k in ("channel", "support", "response", "type", "who")}
            if tp.emotion is not None:
                data["emotion"] = tp.emotion
            data.update({k: tp.get(k) for k in ("pain", "opportunity") if tp.get(k)})
            touchpoints.append(data)
        stages.append({"id": stage.id, "name": stage.name, "situation": stage.situation, "touchpoints": touchpoints})
    data = {"schema": jmap.schema, "title": jmap.title, "stages": stages}
    if jmap.locale:
        data["locale"] = jmap.locale
    return data


def map_text(data: Mapping[str, Any], source: str) -> str:
    """The map's TOML, with a first comment naming the file it came from."""
    lines = [f"# Imported from {visible_line(source)} by parcours import."]
    lines += _pairs({"schema": SCHEMA, **data}, MAP_KEYS[:3], skip=MAP_KEYS[3:])
    persona = data.get("persona")
    if persona is not None:
        lines += ["", "[persona]", *_pairs(persona, PERSONA_KEYS)]
    for stage in data.get("stages", ()):
        lines += ["", "[[stages]]", *_pairs(stage, STAGE_KEYS[:3], skip=STAGE_KEYS[3:])]
        for tp in stage.get("touchpoints", ()):
            lines += ["", "[[stages.touchpoints]]", *_pairs(tp, TOUCHPOINT_FIELDS)]
    return "\n".join(lines) + "\n"


def where(text: str, line: int) -> str:
    """Where a line of `map_text`'s TOML stands in the map, named as the JSON reader names a place
    (`stages[1].touchpoints[0].emotion`): for a problem in a map that is not written, whose lines
    nobody can see. Empty when the line is before any key."""
    lines = text.splitlines()
    table = ""
    stage = touchpoint = -1
    for row in lines[:line]:
        if row == "[persona]":
            table = "persona"
        elif row == "[[stages]]":
            stage, touchpoint = stage + 1, -1
            table = f"stages[{stage}]"
        elif row == "[[stages.touchpoints]]":
            touchpoint += 1
            table = f"stages[{stage}].touchpoints[{touchpoint}]"
    name = _BARE_KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
    name = name.group() if name and lines[line - 1][name.end():].startswith(" = ") else ""
    return ".".join(part for part in (table, name) if part)
