"""Edits of the touchpoints: a field, and adding, deleting and moving touchpoints.

A touchpoint is named by its key and placed after another touchpoint (None:
first in its stage), so an edit finds it wherever other edits have moved it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.edits.base import (
    NEW_TOUCHPOINT, OPTIONAL_TOUCHPOINT, STAGE, TOUCHPOINT, VALUE, VALUES, Edit, Footprint, Values,
    field_name, journaled, key_used, one_of, runtime, touchpoint_values, touchpoint_words,
)
from tui.core.model import TOUCHPOINT_FIELDS, JourneyMap, Touchpoint
from tui.core.words import _

if TYPE_CHECKING:
    from tui.core.edits.layout import Layout


def _with_touchpoints(jmap: JourneyMap, stage: int, touchpoints: list[Touchpoint]) -> JourneyMap:
    return jmap.with_stage(stage, jmap.stages[stage].with_touchpoints(tuple(touchpoints)))


def _before(jmap: JourneyMap, stage: int, index: int) -> str | None:
    """The key of the touchpoint before position `index` of a stage: where to put one back."""
    return jmap.stages[stage].touchpoints[index - 1].key if index > 0 else None


def _position(jmap: JourneyMap, stage: int, after: str | None) -> int:
    """The index just after the touchpoint `after` (0 for None), which must be in `stage`."""
    if after is None:
        return 0
    s, t = jmap.locate(after)
    if s != stage:
        raise ValueError(f"touchpoint {after} is not in stage '{jmap.stages[stage].id}'")
    return t + 1


@dataclass(frozen=True)
class SetTouchpointField(Edit):
    """Set one field of one touchpoint (None removes the key)."""

    touchpoint: str = journaled(TOUCHPOINT)
    key: str = journaled(one_of(*TOUCHPOINT_FIELDS))
    value: Any = journaled(VALUE)
    #: Set only by an inverse: the old value's item, or the table as it was before a removal.
    item: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s, t = jmap.locate(self.touchpoint)
        touchpoints = list(jmap.stages[s].touchpoints)
        if layout is None:
            old, item = touchpoints[t].get(self.key), None
        else:
            old, item = layout.set_touchpoint(s, t, self.key, self.value, self.item)
        touchpoints[t] = touchpoints[t].with_value(self.key, self.value)
        inverse = SetTouchpointField(self.touchpoint, self.key, old, item)
        return _with_touchpoints(jmap, s, touchpoints), inverse

    def describe(self, jmap: JourneyMap) -> str:
        return _("{where} · {key} → {value}").format(
            where=touchpoint_words(jmap, self.touchpoint), key=field_name(self.key), value=repr(self.value))

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        spot = before.locate(self.touchpoint)
        return Footprint(spot, spot, spot)


@dataclass(frozen=True)
class InsertTouchpoint(Edit):
    """Insert a touchpoint in `stage` after `after` (None: first); `key` None takes the next free key.

    `item` and `held` are set only by undo, to restore the exact table and array.
    """

    stage: str = journaled(STAGE)
    after: str | None = journaled(OPTIONAL_TOUCHPOINT, default=None)
    values: Values = journaled(VALUES, default=())
    key: str | None = journaled(NEW_TOUCHPOINT, default=None)
    item: Any = runtime()
    held: Any = runtime()

    def bind(self, jmap: JourneyMap) -> Edit:
        return self if self.key is not None else dataclasses.replace(self, key=jmap.next_key())

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s = jmap.stage_index(self.stage)
        index = _position(jmap, s, self.after)
        key = self.key or jmap.next_key()
        if key_used(jmap, key):
            raise ValueError(f"touchpoint key {key} is already used")
        data = {k: v for k, v in self.values if v is not None}
        held = None
        if layout is not None:
            data, held = layout.insert_touchpoint(s, index, self.values, self.item, self.held)
        touchpoints = list(jmap.stages[s].touchpoints)
        touchpoints.insert(index, Touchpoint.from_data(data, key))
        return _with_touchpoints(jmap, s, touchpoints), DeleteTouchpoint(key, held=held)

    def describe(self, jmap: JourneyMap) -> str:
        try:
            s = jmap.stage_index(self.stage)
            where = f"{jmap.stages[s].name} #{_position(jmap, s, self.after) + 1}"
        except ValueError:
            where = self.stage
        return _("{where} · point de contact ajouté").format(where=where)

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        s = before.stage_index(self.stage)
        return Footprint((s, None), None, (s, _position(before, s, self.after)))


@dataclass(frozen=True)
class DeleteTouchpoint(Edit):
    """Remove one touchpoint."""

    touchpoint: str = journaled(TOUCHPOINT)
    held: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s, t = jmap.locate(self.touchpoint)
        touchpoints = list(jmap.stages[s].touchpoints)
        table = held = None
        values = touchpoint_values(touchpoints[t])
        if layout is not None:
            values, table, held = layout.take_touchpoint(s, t, self.held)
        after = _before(jmap, s, t)
        del touchpoints[t]
        inverse = InsertTouchpoint(jmap.stages[s].id, after, values, self.touchpoint, item=table, held=held)
        return _with_touchpoints(jmap, s, touchpoints), inverse

    def describe(self, jmap: JourneyMap) -> str:
        return _("{where} · point de contact supprimé").format(where=touchpoint_words(jmap, self.touchpoint))

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        s, t = before.locate(self.touchpoint)
        left = len(after.stages[s].touchpoints)
        return Footprint((s, None), None, (s, min(t, left - 1) if left else None))


@dataclass(frozen=True)
class MoveTouchpoint(Edit):
    """Move a touchpoint after `after` (None: first) in `stage`, the same stage or another, keeping its table.

    Into an inline array the table becomes an inline table (and back); `item`, set
    only by undo, is then the table as it was, and `held` the arrays as they were.
    """

    touchpoint: str = journaled(TOUCHPOINT)
    stage: str = journaled(STAGE)
    after: str | None = journaled(OPTIONAL_TOUCHPOINT, default=None)
    item: Any = runtime()
    held: Any = runtime()

    def _places(self, jmap: JourneyMap) -> tuple[int, int, int, int]:
        """Where it is (stage, index) and where it goes (stage, index once it is taken out)."""
        if self.after == self.touchpoint:
            raise ValueError(f"touchpoint {self.touchpoint} cannot move after itself")
        s, t = jmap.locate(self.touchpoint)
        to_stage = jmap.stage_index(self.stage)
        to = _position(jmap, to_stage, self.after)
        if to_stage == s and to > t:
            to -= 1
        return s, t, to_stage, to

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s, t, to_stage, to = self._places(jmap)
        table = held = None
        if layout is not None:
            table, held = layout.move_touchpoint(s, t, to_stage, to, self.item, self.held)
        back = _before(jmap, s, t)
        touchpoints = list(jmap.stages[s].touchpoints)
        moved = touchpoints.pop(t)
        jmap_after = _with_touchpoints(jmap, s, touchpoints)
        touchpoints = list(jmap_after.stages[to_stage].touchpoints)
        touchpoints.insert(to, moved)
        jmap_after = _with_touchpoints(jmap_after, to_stage, touchpoints)
        inverse = MoveTouchpoint(self.touchpoint, jmap.stages[s].id, back, item=table, held=held)
        return jmap_after, inverse

    def describe(self, jmap: JourneyMap) -> str:
        try:
            _s, _t, to_stage, to = self._places(jmap)
            to_words = f"{jmap.stages[to_stage].name} #{to + 1}"
        except ValueError:
            to_words = self.stage
        return _("{where} · point de contact déplacé vers {to}").format(
            where=touchpoint_words(jmap, self.touchpoint), to=to_words)

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        s, t, to_stage, to = self._places(before)
        if s == to_stage:
            return Footprint((s, min(t, to)), (s, max(t, to)), (s, to))
        return Footprint((min(s, to_stage), None), None, (to_stage, to))


@dataclass(frozen=True)
class DuplicateTouchpoint(Edit):
    """A copy of a touchpoint just below it (ctrl+d); `key` None takes the next free key."""

    touchpoint: str = journaled(TOUCHPOINT)
    key: str | None = journaled(NEW_TOUCHPOINT, default=None)

    def bind(self, jmap: JourneyMap) -> Edit:
        return self if self.key is not None else dataclasses.replace(self, key=jmap.next_key())

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s, t = jmap.locate(self.touchpoint)
        values = touchpoint_values(jmap.stages[s].touchpoints[t])
        if layout is not None:  # the table's own keys, those the model does not know included
            values = layout.touchpoint_values(s, t)
        copy = InsertTouchpoint(jmap.stages[s].id, self.touchpoint, values, self.key or jmap.next_key())
        return copy.apply(layout, jmap)

    def describe(self, jmap: JourneyMap) -> str:
        return _("{where} · point de contact dupliqué").format(where=touchpoint_words(jmap, self.touchpoint))

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        s, t = before.locate(self.touchpoint)
        return Footprint((s, None), None, (s, t + 1))

    @classmethod
    def at(cls, jmap: JourneyMap, stage: int, touchpoint: int | None) -> Edit | None:
        return None if touchpoint is None else cls(jmap.touchpoint(stage, touchpoint).key)
