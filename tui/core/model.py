"""The journey map as plain, immutable data.

The model is what every layer reads: `show`, the exports and the editor's grid.
It never holds formatting; `MapDocument` keeps the TOML text and updates this
model alongside each edit, so reading the map never has to walk tomlkit's tree.
Values are kept exactly as written (an unknown catalogue id stays as it is).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

SCHEMA = 1
EMOTION_MIN = -2
EMOTION_MAX = 2

#: Touchpoint keys that hold free or catalogue text, in file order.
TEXT_FIELDS = ("channel", "support", "response", "type", "who", "pain", "opportunity")
#: Every touchpoint key the program knows, in the order `new` and `a` write them.
TOUCHPOINT_FIELDS = ("channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")


class ItemGone(ValueError):
    """An edit names a stage or touchpoint the map no longer has (deleted, or never there)."""


@dataclass(frozen=True)
class Touchpoint:
    """One moment where the customer meets the organisation."""

    channel: str = ""
    support: str = ""
    response: str = ""
    type: str = ""
    who: str = ""
    emotion: int | None = None
    pain: str = ""
    opportunity: str = ""
    #: Who this touchpoint is while the map is open, whatever its position: `t1`, `t2`… in
    #: file order when the map is read, the next free one for a new touchpoint. Edits name
    #: touchpoints by it; it is never written to the file and never part of equality.
    key: str = field(default="", compare=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], key: str = "") -> Touchpoint:
        return cls(**{k: v for k, v in data.items() if k in TOUCHPOINT_FIELDS}, key=key)

    def content(self) -> tuple[Any, ...]:
        """What the touchpoint says, without its key: to recognise it in another reading of the map."""
        return tuple(getattr(self, name) for name in TOUCHPOINT_FIELDS)

    def get(self, key: str) -> Any:
        return getattr(self, key)

    def with_value(self, key: str, value: Any) -> Touchpoint:
        """A copy with `key` set; None clears it to its default."""
        if value is None:
            value = None if key == "emotion" else ""
        return replace(self, **{key: value})

    def texts(self) -> Iterator[str]:
        """Every piece of text, for search."""
        for key in TEXT_FIELDS:
            yield getattr(self, key)


@dataclass(frozen=True)
class Stage:
    """A phase of the journey, with its touchpoints in order."""

    id: str
    name: str
    situation: str = ""
    touchpoints: tuple[Touchpoint, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], keys: Iterator[str] | None = None) -> Stage:
        """A stage; its touchpoints take their keys from `keys` (default: t1, t2… within it)."""
        keys = keys if keys is not None else (f"t{n}" for n in itertools.count(1))
        return cls(
            id=data.get("id", ""),
            name=data.get("name", ""),
            situation=data.get("situation", ""),
            touchpoints=tuple(Touchpoint.from_data(t, next(keys)) for t in data.get("touchpoints", ())),
        )

    def with_value(self, key: str, value: str | None) -> Stage:
        return replace(self, **{key: value or ""})

    def with_touchpoints(self, touchpoints: tuple[Touchpoint, ...]) -> Stage:
        return replace(self, touchpoints=touchpoints)

    @cached_property
    def positions(self) -> dict[str, int]:
        """Where each touchpoint is, by key: looked up per stage, built once per stage version
        (an edit makes a new version of one stage; the others keep theirs)."""
        return {tp.key: index for index, tp in enumerate(self.touchpoints)}

    @cached_property
    def top_key(self) -> int:
        """The highest touchpoint key number in the stage (0: none)."""
        return max((int(t.key[1:]) for t in self.touchpoints if t.key[1:].isdigit()), default=0)

    @property
    def emotion(self) -> float | None:
        """The mean feeling over the stage's scored touchpoints, for the curve."""
        scores = [t.emotion for t in self.touchpoints if t.emotion is not None]
        return sum(scores) / len(scores) if scores else None


def _as_words(value: Any) -> str:
    """A persona value as people read it: `true`, `29`, `2024-05-01`, `main = voir le concert`,
    never Python's `True` or `{'main': …}` (the map file keeps the value itself, and JSON its type)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {_as_words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_as_words(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Persona:
    """Who travels the journey; keys beyond name and description are kept in `extra`."""

    name: str = ""
    description: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Persona:
        extra = tuple(
            (k, _as_words(v)) for k, v in data.items() if k not in ("name", "description")
        )
        return cls(
            name=str(data.get("name", "")),
            description=str(data.get("description", "")),
            extra=extra,
        )

    def with_value(self, key: str, value: str | None) -> Persona:
        if key in ("name", "description"):
            return replace(self, **{key: value or ""})
        extra = dict(self.extra)
        if value is None:
            extra.pop(key, None)
        else:
            extra[key] = value
        return replace(self, extra=tuple(extra.items()))


@dataclass(frozen=True)
class JourneyMap:
    """A whole map: title, persona and the ordered stages."""

    title: str
    stages: tuple[Stage, ...] = ()
    schema: int = SCHEMA
    locale: str | None = None
    persona: Persona | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> JourneyMap:
        """Build the model from parsed TOML that has passed validation."""
        persona = data.get("persona")
        keys = (f"t{n}" for n in itertools.count(1))  # one sequence over the whole map, in file order
        return cls(
            title=data.get("title", ""),
            stages=tuple(Stage.from_data(s, keys) for s in data.get("stages", ())),
            schema=data.get("schema", SCHEMA),
            locale=data.get("locale"),
            persona=Persona.from_data(persona) if isinstance(persona, Mapping) else None,
        )

    @property
    def touchpoint_count(self) -> int:
        return sum(len(s.touchpoints) for s in self.stages)

    def touchpoint(self, stage: int, index: int) -> Touchpoint:
        return self.stages[stage].touchpoints[index]

    def stage_index(self, stage_id: str) -> int:
        """Where the stage `stage_id` is now; ItemGone when the map has no such stage."""
        for index, stage in enumerate(self.stages):
            if stage.id == stage_id:
                return index
        raise ItemGone(f"no stage '{stage_id}'")

    def locate(self, key: str) -> tuple[int, int]:
        """The stage index and position of the touchpoint `key`; ItemGone when it is not there."""
        for s, stage in enumerate(self.stages):
            t = stage.positions.get(key)
            if t is not None:
                return s, t
        raise ItemGone(f"no touchpoint {key}")

    def next_key(self) -> str:
        """The key a new touchpoint gets: one past the highest, so replicas applying the same edits agree."""
        return f"t{max((s.top_key for s in self.stages), default=0) + 1}"

    def with_stage(self, index: int, stage: Stage) -> JourneyMap:
        stages = list(self.stages)
        stages[index] = stage
        return replace(self, stages=tuple(stages))

    def with_stages(self, stages: tuple[Stage, ...]) -> JourneyMap:
        return replace(self, stages=stages)

    def with_value(self, key: str, value: Any) -> JourneyMap:
        return replace(self, **{key: value})
