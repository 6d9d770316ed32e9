"""Reading a CSV written by `export --to csv` (or by Excel from it) back into a map.

Accepts commas or semicolons (French Excel), the BOM, the export's column
names or the grid's French and English headings, and labels or ids in the
catalogue columns. Every row is read before anything is written; a row that
cannot be read is reported with the line it starts on in the file, so a
person can find it in a text editor as well as in a spreadsheet.

A column whose heading is not known is refused rather than dropped: silently
losing a column someone filled in a meeting is worse than a clear error.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from tui.core.catalogue import Catalogues, fold, slug
from tui.core.errors import Issue, MapError, Position
from tui.output.formats.table_csv import COLUMNS, from_text
from tui.core.model import EMOTION_MAX, EMOTION_MIN, JourneyMap, Stage, Touchpoint
from tui.output.template import quote

#: Accepted header names (folded) -> column.
HEADERS = {
    "stage_id": "stage_id", "stage id": "stage_id", "id": "stage_id", "id etape": "stage_id",
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
TOUCHPOINT_COLUMNS = ("channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Reading:
    """What was read: the map, and the rows that could not be."""

    jmap: JourneyMap
    problems: tuple[Issue, ...] = ()


@dataclass
class _StageRows:
    """A stage being gathered, and the line that named it, for messages."""

    stage: Stage
    line: int


def _delimiter(header_line: str) -> str:
    """The separator the header uses most: `,`, or `;` as French Excel writes, or a tab."""
    return max(DELIMITERS, key=header_line.count) if any(d in header_line for d in DELIMITERS) else ","


def _to_id(catalogues: Catalogues, key: str, value: str) -> str:
    """A label (any case or accents) or an id back to the id; anything else kept as written."""
    catalogue = catalogues.for_field(key)
    wanted = value.strip()
    if not wanted or catalogue is None or value in catalogue:
        return value
    if wanted in catalogue:
        return wanted
    folded = fold(wanted)
    for entry in catalogue:
        if folded in (fold(entry.label), fold(entry.label_en), fold(entry.id)):
            return entry.id
    return value


def _emotion(cell: str) -> int | None:
    """The score, read leniently (`+1`, `−2` with a true minus sign, `2.0`); ValueError says why not."""
    text = cell.strip()
    if not text:
        return None
    try:
        number = float(text.replace("\u2212", "-").replace(",", "."))
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise ValueError(f"emotion '{text}' is not a whole number")
    if not EMOTION_MIN <= number <= EMOTION_MAX:
        raise ValueError(f"emotion {int(number)} is outside {EMOTION_MIN}..{EMOTION_MAX}")
    return int(number)


def _header(path: Path, header: list[str], header_line: str) -> list[str | None]:
    """The column of each header cell; an unknown or repeated heading stops the import."""
    columns: list[str | None] = []
    for name in header:
        heading = from_text(name).strip()
        column = HEADERS.get(fold(heading)) if heading else None
        where = max(header_line.find(heading), 0) + 1 if heading else 1
        if heading and column is None:
            raise MapError.at(path, f"unknown column '{heading}' (expected: {', '.join(COLUMNS)})", 1, where)
        if column is not None and column in columns:
            raise MapError.at(path, f"column '{heading}' appears twice (both are '{column}')", 1, where)
        columns.append(column)
    if "stage" not in columns and "stage_id" not in columns:
        raise MapError.at(path, f"no 'stage' column in the header (expected: {', '.join(COLUMNS)})", 1, 1)
    return columns


def _rows(path: Path, reader: csv.reader):  # type: ignore[valid-type]
    """Each row with the line it starts on; a broken quote stops everything (nothing after it reads)."""
    end = reader.line_num  # type: ignore[attr-defined]
    while True:
        try:
            row = next(reader)  # type: ignore[call-overload]
        except StopIteration:
            return
        except csv.Error as error:
            raise MapError.at(path, f"cannot read this row: {error} (a quote not closed?)", end + 1, 1) from None
        yield end + 1, row
        end = reader.line_num  # type: ignore[attr-defined]


def read_csv(path: Path, text: str, catalogues: Catalogues, title: str) -> Reading:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise MapError.at(path, "empty file: no header row", 1, 1)
    header_line = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header_line), strict=True)
    rows = _rows(path, reader)
    _, header = next(rows)
    columns = _header(path, header, header_line)
    stages: dict[tuple[str, str], _StageRows] = {}
    ids: set[str] = set()
    problems: list[Issue] = []

    def problem(line: int, message: str) -> None:
        problems.append(Issue(path, message, Position(line, 1)))

    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        stray = [n + 1 for n, cell in enumerate(row) if cell.strip() and (n >= len(columns) or columns[n] is None)]
        if stray:
            problem(line, f"cell {stray[0]} is under no column heading (the header has {len(columns)} columns)")
            continue
        values = {column: cell for column, cell in zip(columns, row) if column}
        texts = {k: from_text(v) for k, v in values.items() if k not in ("stage_id", "emotion")}
        try:
            emotion = _emotion(values.get("emotion", ""))
        except ValueError as error:
            problem(line, str(error))
            continue
        stage_id = from_text(values.get("stage_id", "")).strip()
        name = texts.get("stage", "")
        situation = texts.get("situation", "")
        key = ("id", stage_id) if stage_id else ("name", name)
        gathered = stages.get(key)
        if gathered is None:
            if not name.strip():
                problem(line, "row has no stage name")
                continue
            if not stage_id:
                stage_id = slug(name, ids)
            ids.add(stage_id)
            gathered = stages[key] = _StageRows(Stage(stage_id, name, situation), line)
        else:
            before = gathered.stage
            if name.strip() and name != before.name:
                problem(line, f"stage '{before.id}' is named '{name}' here but '{before.name}' on line {gathered.line}")
                continue
            if situation.strip() and situation != before.situation:
                if before.situation:
                    problem(line, f"stage '{before.id}' has another situation here than on line {gathered.line}")
                    continue
                gathered.stage = before.with_value("situation", situation)
        if any(values.get(k, "") for k in TOUCHPOINT_COLUMNS):  # exact: a lone space is content
            tp = Touchpoint(
                channel=_to_id(catalogues, "channel", texts.get("channel", "")),
                support=_to_id(catalogues, "support", texts.get("support", "")),
                response=texts.get("response", ""),
                type=_to_id(catalogues, "type", texts.get("type", "")),
                who=texts.get("who", ""),
                emotion=emotion,
                pain=texts.get("pain", ""),
                opportunity=texts.get("opportunity", ""),
            )
            gathered.stage = gathered.stage.with_touchpoints(gathered.stage.touchpoints + (tp,))
    if not stages and not problems:
        raise MapError.at(path, "no data rows under the header", 2, 1)
    jmap = JourneyMap(title=title, stages=tuple(g.stage for g in stages.values()))
    return Reading(jmap, tuple(problems))


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
