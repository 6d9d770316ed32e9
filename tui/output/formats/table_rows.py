"""A map as a table of one row per touchpoint, both ways: what CSV and the spreadsheet share.

Writing: its stage repeated on each row, catalogue columns as labels (what
people read), a stage with no touchpoint as one row with the touchpoint
columns empty, so it survives a round trip.

Reading: the export's column names or the grid's French and English
headings, labels or ids in the catalogue columns. Every row is read before
anything is written; a row that cannot be read is reported with where it
starts (a line of a CSV, a row of a sheet). A column whose heading is not
known is refused rather than dropped: silently losing a column someone filled
in a meeting is worse than a clear error. Line ends inside a cell come back
as LF, whatever the spreadsheet wrote (CRLF), so a round trip changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.catalogue import Catalogues, fold, slug
from tui.core.errors import Issue, MapError, Position
from tui.core.model import EMOTION_MAX, EMOTION_MIN, JourneyMap, Stage, Touchpoint
from tui.output.formats.map_toml import plain

COLUMNS = ("stage_id", "stage", "situation", "channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
#: Columns holding text (all but the score), for writers that type their cells.
TEXT_COLUMNS = frozenset(COLUMNS) - {"emotion"}
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


def rows(jmap: JourneyMap, catalogues: Catalogues) -> Iterator[dict[str, Any]]:
    """Each row as column -> value: text for every column (labels in the language in use), the score an int (or None)."""
    for stage in jmap.stages:
        base = {"stage_id": stage.id, "stage": stage.name, "situation": stage.situation}
        if not stage.touchpoints:
            yield {column: base.get(column, "") for column in COLUMNS} | {"emotion": None}
        for tp in stage.touchpoints:
            yield base | {
                "channel": catalogues.label("channel", tp.channel),
                "support": catalogues.label("support", tp.support),
                "response": tp.response,
                "type": catalogues.label("type", tp.type),
                "who": tp.who,
                "emotion": tp.emotion,
                "pain": tp.pain,
                "opportunity": tp.opportunity,
            }


def map_lines(jmap: JourneyMap) -> list[tuple[str, str, str]]:
    """The map's own lines (part, key, value): what a row per touchpoint has no room for."""
    lines = [("map", "title", jmap.title)]
    if jmap.locale:
        lines.append(("map", "locale", jmap.locale))
    if jmap.persona is not None:
        persona = jmap.persona
        lines += [("persona", "name", persona.name), ("persona", "description", persona.description)]
        lines += [("persona", key, value) for key, value in persona.extra]
    return lines


def own_lines(lines: Iterable[list[str]]) -> dict[tuple[str, str], str]:
    """The map's own lines as read back: (part, key) -> value, line ends as LF."""
    return {(line[0], line[1]): line[2].replace("\r\n", "\n") for line in lines if len(line) >= 3}


def with_own(reading: Reading, own: dict[tuple[str, str], str]) -> Reading:
    """`reading` with the locale and persona the map's own lines give back (the title goes in first)."""
    data = dict(reading.data)
    if own.get(("map", "locale")):
        data["locale"] = own[("map", "locale")]
    persona = {key: value for (part, key), value in own.items() if part == "persona"}
    if persona:
        data["persona"] = persona
    return Reading(data, reading.problems)


@dataclass(frozen=True)
class Reading:
    """What was read: the map as TOML data, and the rows that could not be read."""

    data: dict[str, Any]
    problems: tuple[Issue, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.data.get("stages")


@dataclass
class _StageRows:
    """A stage being gathered, and the row that named it, for messages."""

    stage: Stage
    line: int


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


def header_columns(path: Path, header: list[str], where: Callable[[int, str], int]) -> list[str | None]:
    """The column of each header cell; an unknown or repeated heading stops the import.

    `where(n, heading)` gives the column to name in the message for the n-th cell.
    """
    columns: list[str | None] = []
    for number, name in enumerate(header):
        heading = name.strip()
        column = HEADERS.get(fold(heading)) if heading else None
        if heading and column is None:
            raise MapError.at(path, f"unknown column '{heading}' (expected: {', '.join(COLUMNS)})", 1, where(number, heading))
        if column is not None and column in columns:
            raise MapError.at(path, f"column '{heading}' appears twice (both are '{column}')", 1, where(number, heading))
        columns.append(column)
    if "stage" not in columns and "stage_id" not in columns:
        raise MapError.at(path, f"no 'stage' column in the header (expected: {', '.join(COLUMNS)})", 1, 1)
    return columns


def read_rows(path: Path, columns: list[str | None], cells: Iterable[tuple[int, list[str]]],
              catalogues: Catalogues, title: str) -> Reading:
    """The map the rows under the header describe; `cells` gives each row's text with its line."""
    stages: dict[tuple[str, str], _StageRows] = {}
    ids: set[str] = set()
    problems: list[Issue] = []

    def problem(line: int, message: str) -> None:
        problems.append(Issue(path, message, Position(line, 1)))

    for line, row in cells:
        row = [cell.replace("\r\n", "\n") for cell in row]
        if not any(cell.strip() for cell in row):
            continue
        stray = [n + 1 for n, cell in enumerate(row) if cell.strip() and (n >= len(columns) or columns[n] is None)]
        if stray:
            problem(line, f"cell {stray[0]} is under no column heading (the header has {len(columns)} columns)")
            continue
        values = {column: cell for column, cell in zip(columns, row) if column}
        try:
            emotion = _emotion(values.get("emotion", ""))
        except ValueError as error:
            problem(line, str(error))
            continue
        stage_id = values.get("stage_id", "").strip()
        name = values.get("stage", "")
        situation = values.get("situation", "")
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
                channel=_to_id(catalogues, "channel", values.get("channel", "")),
                support=_to_id(catalogues, "support", values.get("support", "")),
                response=values.get("response", ""),
                type=_to_id(catalogues, "type", values.get("type", "")),
                who=values.get("who", ""),
                emotion=emotion,
                pain=values.get("pain", ""),
                opportunity=values.get("opportunity", ""),
            )
            gathered.stage = gathered.stage.with_touchpoints(gathered.stage.touchpoints + (tp,))
    if not stages and not problems:
        raise MapError.at(path, "no data rows under the header", 2, 1)
    jmap = JourneyMap(title=title, stages=tuple(g.stage for g in stages.values()))
    return Reading(plain(jmap), tuple(problems))
