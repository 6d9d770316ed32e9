"""Edits of the stages: a stage's fields, and adding, deleting and moving stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.edits.base import (
    NEW_TOUCHPOINTS, OPTIONAL_STAGE, OPTIONAL_TEXT, STAGE, VALUES, Edit, Footprint, Values, field_name,
    journaled, key_used, one_of, runtime, stage_words, touchpoint_values,
)
from tui.core.model import ItemGone, JourneyMap, Stage, Touchpoint
from tui.core.words import _

if TYPE_CHECKING:
    from tui.core.edits.layout import Layout


@dataclass(frozen=True)
class SetStageField(Edit):
    """Set a stage's `id`, `name` or `situation`."""

    stage: str = journaled(STAGE)
    key: str = journaled(one_of("id", "name", "situation"))
    value: str | None = journaled(OPTIONAL_TEXT)
    item: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s = jmap.stage_index(self.stage)
        stage = jmap.stages[s]
        if layout is None:
            old, item = getattr(stage, self.key), None
        else:
            old, item = layout.set_stage(s, self.key, self.value, self.item)
        new_stage = stage.with_value(self.key, self.value)
        inverse = SetStageField(new_stage.id, self.key, old, item)
        return jmap.with_stage(s, new_stage), inverse

    def describe(self, jmap: JourneyMap) -> str:
        return _("{where} · {key} → {value}").format(
            where=stage_words(jmap, self.stage), key=field_name(self.key), value=repr(self.value))

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        spot = (before.stage_index(self.stage), None)
        return Footprint(spot, spot, spot)


@dataclass(frozen=True)
class InsertStage(Edit):
    """Insert a stage after the stage `after` (None: first); `item` is set only by undo, to restore the exact table."""

    after: str | None = journaled(OPTIONAL_STAGE)
    values: Values = journaled(VALUES)
    #: The stage's touchpoints, with their keys: only when undoing a stage's deletion.
    touchpoints: tuple[tuple[str, Values], ...] = journaled(NEW_TOUCHPOINTS, default=())
    item: Any = runtime()
    held: Any = runtime()

    def _index(self, jmap: JourneyMap) -> int:
        return 0 if self.after is None else jmap.stage_index(self.after) + 1

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        index = self._index(jmap)
        for key, _values in self.touchpoints:
            if key_used(jmap, key):
                raise ValueError(f"touchpoint key {key} is already used")
        held = None
        if layout is not None:
            held = layout.insert_stage(index, self.values, self.touchpoints, self.item, self.held)
        data = {k: v for k, v in self.values if v is not None}
        stage = Stage.from_data(data).with_touchpoints(tuple(
            Touchpoint.from_data(dict(values), key) for key, values in self.touchpoints))
        new = list(jmap.stages)
        new.insert(index, stage)
        return jmap.with_stages(tuple(new)), DeleteStage(stage.id, held=held)

    def describe(self, jmap: JourneyMap) -> str:
        return _("étape « {name} » ajoutée").format(name=dict(self.values).get("name", "?"))

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        spot = (min(self._index(before), len(after.stages) - 1), None)
        return Footprint(spot, None, spot)


@dataclass(frozen=True)
class DeleteStage(Edit):
    """Remove a stage and all its touchpoints."""

    stage: str = journaled(STAGE)
    held: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s = jmap.stage_index(self.stage)
        stage = jmap.stages[s]
        after = jmap.stages[s - 1].id if s > 0 else None
        table = held = None
        if layout is None:
            values: Values = (("id", stage.id), ("name", stage.name), ("situation", stage.situation or None))
            kept = tuple((tp.key, touchpoint_values(tp)) for tp in stage.touchpoints)
        else:
            values, tables, table, held = layout.take_stage(s, self.held)
            kept = tuple((tp.key, t) for tp, t in zip(stage.touchpoints, tables))
        new = list(jmap.stages)
        del new[s]
        inverse = InsertStage(after, values, kept, item=table, held=held)
        return jmap.with_stages(tuple(new)), inverse

    def describe(self, jmap: JourneyMap) -> str:
        try:
            number: object = jmap.stage_index(self.stage) + 1
        except ItemGone:
            number = self.stage
        return _("étape n° {n} supprimée").format(n=number)

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        spot = (min(before.stage_index(self.stage), len(after.stages) - 1), None)
        return Footprint(spot, None, spot)


@dataclass(frozen=True)
class MoveStage(Edit):
    """Move a stage, with its touchpoints, after the stage `after` (None: first)."""

    stage: str = journaled(STAGE)
    after: str | None = journaled(OPTIONAL_STAGE)
    held: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        s, to = self._to(jmap)
        held = None
        if layout is not None:
            held = layout.move_stage(s, to, self.held)
        new = list(jmap.stages)
        new.insert(to, new.pop(s))
        before = jmap.stages[s - 1].id if s > 0 else None
        return jmap.with_stages(tuple(new)), MoveStage(self.stage, before, held=held)

    def _to(self, jmap: JourneyMap) -> tuple[int, int]:
        s = jmap.stage_index(self.stage)
        if self.after == self.stage:
            raise ValueError(f"stage '{self.stage}' cannot move after itself")
        if self.after is None:
            return s, 0
        a = jmap.stage_index(self.after)
        return s, a + 1 if a < s else a

    def describe(self, jmap: JourneyMap) -> str:
        try:
            s, to = self._to(jmap)
        except ValueError:
            return _("étape n° {n} déplacée en position {to}").format(n=self.stage, to="?")
        return _("étape n° {n} déplacée en position {to}").format(n=s + 1, to=to + 1)

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        s, to = self._to(before)
        return Footprint((min(s, to), None), None, (to, None))
