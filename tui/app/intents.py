"""What the map screen's keys mean as edits, worked out from the grid row under the cursor.

The screen turns a key into one of these and hands it to the session; the
edits name the stage by id and the touchpoint by key, so they still mean the
same item if the map changed in between (a live session).
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.core.catalogue import slug
from tui.core.edits import Edit, InsertStage, InsertTouchpoint, MoveTouchpoint, SetMapField, SetPersonaField
from tui.core.edits import SetStageField, SetTouchpointField
from tui.core.model import EMOTION_MAX, EMOTION_MIN, JourneyMap
from tui.output.cells import Row, raw_value

#: The keys a new touchpoint is written with, so the file shows what to fill in.
NEW_TOUCHPOINT_KEYS = ("channel", "support", "response", "type", "who")


def _ids(jmap: JourneyMap, row: Row) -> tuple[str, str | None]:
    stage = jmap.stages[row.stage]
    return stage.id, None if row.touchpoint is None else stage.touchpoints[row.touchpoint].key


def set_cell(jmap: JourneyMap, row: Row, key: str, value: str | int | None) -> Edit | None:
    """What typing `value` into a cell does; None when it changes nothing."""
    stage, touchpoint = _ids(jmap, row)
    if key == "stage":
        return SetStageField(stage, "name", str(value).strip())
    if key == "situation":
        return SetStageField(stage, "situation", value)  # type: ignore[arg-type]
    if touchpoint is None:
        # Typing into an empty stage's row creates its first touchpoint.
        keys = NEW_TOUCHPOINT_KEYS + ((key,) if key not in NEW_TOUCHPOINT_KEYS else ())
        return InsertTouchpoint(stage, None, tuple((k, value if k == key else "") for k in keys))
    if raw_value(jmap, row, key) == value:
        return None
    return SetTouchpointField(touchpoint, key, value)


def emotion(jmap: JourneyMap, row: Row, step: int) -> Edit | None:
    _, touchpoint = _ids(jmap, row)
    if touchpoint is None:
        return None
    score = raw_value(jmap, row, "emotion")
    new = max(EMOTION_MIN, min(EMOTION_MAX, (score or 0) + step))  # type: ignore[operator]
    return SetTouchpointField(touchpoint, "emotion", new) if new != score else None


def add_touchpoint(jmap: JourneyMap, row: Row) -> Edit:
    """A new empty touchpoint below the cursor's."""
    stage, touchpoint = _ids(jmap, row)
    return InsertTouchpoint(stage, touchpoint, tuple((k, "") for k in NEW_TOUCHPOINT_KEYS))


def add_stage(jmap: JourneyMap, row: Row | None, name: str) -> Edit:
    """A new stage named `name` after the cursor's (after the last without a cursor)."""
    after = jmap.stages[row.stage].id if row is not None else (jmap.stages[-1].id if jmap.stages else None)
    values = (("id", slug(name, {s.id for s in jmap.stages})), ("name", name), ("situation", ""))
    return InsertStage(after, values)


def move(jmap: JourneyMap, row: Row, step: int) -> Edit | None:
    """The touchpoint one place up or down: within its stage, else to the end of the stage
    above or the start of the stage below; None at the very top or bottom."""
    stage, touchpoint = _ids(jmap, row)
    if touchpoint is None or row.touchpoint is None:
        return None
    stages = jmap.stages
    touchpoints = stages[row.stage].touchpoints
    to = row.touchpoint + step
    if 0 <= to < len(touchpoints):
        rest = [t for t in touchpoints if t.key != touchpoint]
        return MoveTouchpoint(touchpoint, stage, rest[to - 1].key if to > 0 else None)
    if step < 0 and row.stage > 0:
        above = stages[row.stage - 1]
        return MoveTouchpoint(touchpoint, above.id, above.touchpoints[-1].key if above.touchpoints else None)
    if step > 0 and row.stage < len(stages) - 1:
        return MoveTouchpoint(touchpoint, stages[row.stage + 1].id, None)
    return None


def details(jmap: JourneyMap, values: Mapping[str, str]) -> list[Edit]:
    """The edits the title and persona dialog's answers make (a blank title is refused)."""
    persona = jmap.persona
    current = {
        "title": jmap.title,
        "persona-name": persona.name if persona else "",
        "persona-description": persona.description if persona else "",
    }
    found: list[Edit] = []
    for key, value in values.items():
        if value == current[key]:
            continue
        if key == "title":
            if value.strip():
                found.append(SetMapField("title", value))
        else:
            found.append(SetPersonaField(key.removeprefix("persona-"), value))
    return found
