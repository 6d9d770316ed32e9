"""Entry at the speed of speech: where Tab, `]` and `[` go, and what `"` and `.` set.

Worked out from the grid's rows and the model alone (no Textual), so the
rules are tested without an app; the screen moves the cursor and applies the
edit. The columns are whatever the grid shows (`keys`): a column added to the
grid is reached by Tab and by `]` as soon as it is there.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from tui.app import intents
from tui.core.catalogue import Catalogues
from tui.core.edits import Edit
from tui.core.model import EMOTION_MAX, EMOTION_MIN, TOUCHPOINT_FIELDS, JourneyMap
from tui.output.cells import CATALOGUE_KEYS, STAGE_KEYS, Row, raw_value

Cell = tuple[int, int]


def editable(row: Row, key: str) -> bool:
    """Whether Tab stops on a cell: the feeling has its own keys (+ -), a stage's cells are on its first row."""
    return key != "emotion" and (key not in STAGE_KEYS or row.first)


def next_editable(rows: Sequence[Row], keys: Sequence[str], here: Cell, step: int) -> Cell | None:
    """The next (step 1) or previous (-1) editable cell, row after row; None past either end of the grid."""
    width = len(keys)
    index = here[0] * width + here[1] + step
    while 0 <= index < len(rows) * width:
        r, c = divmod(index, width)
        if editable(rows[r], keys[c]):
            return r, c
        index += step
    return None


def empty(jmap: JourneyMap, row: Row, key: str) -> bool:
    return raw_value(jmap, row, key) in ("", None)


def next_empty(jmap: JourneyMap, rows: Sequence[Row], keys: Sequence[str], here: Cell, step: int) -> Cell | None:
    """The next (1) or previous (-1) empty cell among the touchpoint columns (Canal…Opportunité),
    going round the grid; None when every one is filled."""
    columns = [c for c, key in enumerate(keys) if key in TOUCHPOINT_FIELDS]
    if not columns or not rows:
        return None
    width, total = len(columns), len(rows) * len(columns)
    exact = here[1] in columns
    at = here[0] * width + bisect.bisect_left(columns, here[1])  # `here`, or where it would be
    start = at + (1 if exact else 0) if step > 0 else at - 1
    for k in range(total):  # walked lazily: at 30,000 rows the nearest empty cell is found at once
        index = (start + k * step) % total
        if exact and index == at:
            continue
        r, c = divmod(index, width)
        if empty(jmap, rows[r], keys[columns[c]]):
            return r, columns[c]
    return None


def above(jmap: JourneyMap, rows: Sequence[Row], index: int, key: str) -> str | int | None:
    """The value of the cell above; a stage's cell: the stage before's. None on the first row."""
    row = rows[index]
    if key in STAGE_KEYS:
        return raw_value(jmap, Row(row.stage - 1, None), key) if row.stage > 0 else None
    return raw_value(jmap, rows[index - 1], key) if index > 0 else None


def typed(catalogues: Catalogues, key: str, text: str) -> str | int | None:
    """What text typed or pasted into a cell means: a catalogue column takes the entry it names
    (else the text, kept as free text); the feeling a score; None when the cell cannot take it."""
    if key == "emotion":
        try:
            score = int(text.strip())
        except ValueError:
            return None
        return score if EMOTION_MIN <= score <= EMOTION_MAX else None
    if key == "stage":
        text = " ".join(text.split())
        return text or None
    text = text.rstrip("\r\n")
    catalogue = catalogues.for_field(key) if key in CATALOGUE_KEYS else None
    entry = catalogue.find(text) if catalogue is not None else None
    return entry.id if entry is not None else text


@dataclass(frozen=True)
class Change:
    """A change of one cell that `.` repeats on another: set a value, copy the cell above, or step the feeling."""

    kind: str  # "set", "above" or "step"
    value: str | int | None = None

    def edit(self, jmap: JourneyMap, rows: Sequence[Row], index: int, key: str) -> Edit | None:
        row = rows[index]
        if self.kind == "step":
            return intents.emotion(jmap, row, int(self.value or 0))
        value = above(jmap, rows, index, key) if self.kind == "above" else self.value
        if value is None and (self.kind == "set" or index == 0):
            return None
        if (key == "emotion") != (value is None or isinstance(value, int)):
            return None  # a text into the feeling, or a score into a text cell
        if key == "stage" and not str(value).strip():
            return None
        return intents.set_cell(jmap, row, key, value)
