"""Reading a CSV written by `export --to csv` (or by Excel from it) back into a map.

Accepts commas or semicolons (French Excel), the BOM, the export's column
names or the grid's French and English headings, and labels or ids in the
catalogue columns. Every row is read before anything is written; a row that
cannot be read is reported with its line in the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.catalogue import Catalogues, fold
from tui.errors import Issue, MapError, Position
from tui.model import EMOTION_MAX, EMOTION_MIN, JourneyMap, Stage, Touchpoint
from tui.template import quote

#: Accepted header names (folded) -> column.
HEADERS = {
    "stage_id": "stage_id", "id": "stage_id",
    "stage": "stage", "etape": "stage",
    "situation": "situation",
    "channel": "channel", "canal": "channel",
    "support": "support",
    "response": "response", "reponse": "response",
    "type": "type",
    "who": "who", "qui": "who",
    "emotion": "emotion", "feeling": "emotion",
    "pain": "pain", "douleur": "pain", "point de douleur": "pain", "pain point": "pain",
    "opportunity": "opportunity", "opportunite": "opportunity", "idee": "opportunity",
}
REQUIRED = ("stage",)
TOUCHPOINT_COLUMNS = ("channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")


@dataclass
class Reading:
    """What was read: the map, and the rows that could not be."""

    jmap: JourneyMap
    problems: list[Issue] = field(default_factory=list)


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _to_id(catalogues: Catalogues, key: str, value: str) -> str:
    """A label (any case or accents) or an id back to the id; anything else kept as written."""
    value = value.strip()
    catalogue = catalogues.for_field(key)
    if not value or catalogue is None or value in catalogue:
        return value
    wanted = fold(value)
    for entry in catalogue:
        if wanted in (fold(entry.label), fold(entry.label_en), fold(entry.id)):
            return entry.id
    return value


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "etape"


def read_csv(path: Path, text: str, catalogues: Catalogues, title: str) -> Reading:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise MapError.at(path, "empty file: no header row", 1, 1)
    first_line = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    header = next(reader)
    columns = [HEADERS.get(fold(name.strip())) for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        known = ", ".join(sorted(set(HEADERS.values())))
        raise MapError.at(path, f"no '{missing[0]}' column in the header (expected columns: {known})", 1, 1)
    stages: list[Stage] = []
    problems: list[Issue] = []
    by_id: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            problems.append(Issue(path, f"row has {len(row)} cells, the header {len(columns)}", Position(line, 1)))
            continue
        values = {column: cell for column, cell in zip(columns, row) if column}
        name = values.get("stage", "").strip()
        if not name:
            problems.append(Issue(path, "row has no stage name", Position(line, 1)))
            continue
        emotion_text = values.get("emotion", "").strip()
        emotion = None
        if emotion_text:
            try:
                emotion = int(emotion_text.replace("+", ""))
            except ValueError:
                problems.append(Issue(path, f"emotion '{emotion_text}' is not a whole number", Position(line, 1)))
                continue
            if not EMOTION_MIN <= emotion <= EMOTION_MAX:
                problems.append(Issue(path, f"emotion {emotion} is outside {EMOTION_MIN}..{EMOTION_MAX}", Position(line, 1)))
                continue
        stage_id = values.get("stage_id", "").strip() or _slug(name)
        if stage_id not in by_id:
            by_id[stage_id] = len(stages)
            stages.append(Stage(stage_id, name, values.get("situation", "")))
        index = by_id[stage_id]
        if any(values.get(k, "").strip() for k in TOUCHPOINT_COLUMNS):
            tp = Touchpoint(
                channel=_to_id(catalogues, "channel", values.get("channel", "")),
                support=_to_id(catalogues, "support", values.get("support", "")),
                response=values.get("response", ""),
                type=_to_id(catalogues, "type", values.get("type", "")),
                who=values.get("who", ""),
                emotion=emotion,
                pain=values.get("pain", ""),
                opportunity=values.get("opportunity", ""),
            )
            stages[index] = stages[index].with_touchpoints(stages[index].touchpoints + (tp,))
    if not stages and not problems:
        raise MapError.at(path, "no data rows under the header", 2, 1)
    return Reading(JourneyMap(title=title, stages=tuple(stages)), problems)


def map_text(jmap: JourneyMap, source: str) -> str:
    """The TOML of an imported map, in the layout `parcours new` writes."""
    lines = [f"# Imported from {source} by parcours import.", "schema = 1", f"title = {quote(jmap.title)}"]
    if jmap.locale:
        lines.append(f"locale = {quote(jmap.locale)}")
    for stage in jmap.stages:
        lines += ["", "[[stages]]", f"id = {quote(stage.id)}", f"name = {quote(stage.name)}",
                  f"situation = {quote(stage.situation)}"]
        for tp in stage.touchpoints:
            lines += ["", "[[stages.touchpoints]]"]
            for key in ("channel", "support", "response", "type", "who"):
                lines.append(f"{key} = {quote(tp.get(key))}")
            if tp.emotion is not None:
                lines.append(f"emotion = {tp.emotion}")
            for key in ("pain", "opportunity"):
                if tp.get(key):
                    lines.append(f"{key} = {quote(tp.get(key))}")
    return "\n".join(lines) + "\n"
