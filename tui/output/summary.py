"""What a map says at a glance: counts, channels by group, the feeling curve, the gaps.

Pure data, computed once, then drawn by `show`, the editor's preview pane and
every export alike, so all of them always agree: the counts are the model's,
and a feeling is written by its `Feeling` (`😐 0.0` everywhere, never `+0.0`
in one place and ` 0.0` in another).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.faces import Faces, Feeling
from tui.output.i18n import _, ngettext


@dataclass(frozen=True)
class StageLine:
    """One stage in the summary: its size and mean feeling."""

    id: str
    name: str
    touchpoints: int
    emotion: float | None

    @property
    def feeling(self) -> Feeling:
        return Feeling(self.emotion, mean=True)


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class GroupCount:
    """A channel group and the channels of it the map uses."""

    label: str
    channels: tuple[Count, ...]

    @property
    def count(self) -> int:
        return sum(c.count for c in self.channels)


@dataclass(frozen=True)
class Spot:
    """A place in the map: the stage's name and the touchpoint's row in it (1-based)."""

    stage: str
    row: int | None = None
    key: str = ""
    value: str = ""


@dataclass(frozen=True)
class Summary:
    stages: tuple[StageLine, ...]
    groups: tuple[GroupCount, ...]
    types: tuple[Count, ...]
    empty_stages: tuple[str, ...]
    without_who: tuple[Spot, ...]
    unknown: tuple[Spot, ...]
    pains: tuple[Spot, ...]
    opportunities: tuple[Spot, ...]

    @property
    def curve(self) -> tuple[float | None, ...]:
        """The mean feeling of each stage in map order (None for a stage with no score)."""
        return tuple(s.emotion for s in self.stages)

    @property
    def touchpoints(self) -> int:
        return sum(s.touchpoints for s in self.stages)

    @property
    def stage_count(self) -> int:
        return len(self.stages)

    @property
    def emotion(self) -> float | None:
        """The mean of the stages' means: each stage weighs the same, however many touchpoints it has."""
        scores = [s.emotion for s in self.stages if s.emotion is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def feeling(self) -> Feeling:
        return Feeling(self.emotion, mean=True)

    def totals(self, faces: Faces) -> str:
        """The one-line total every face prints under "Summary": "21 points de contact sur 10 étapes · émotion moyenne 🙂 +0.6"."""
        touchpoints = ngettext("{count} point de contact", "{count} points de contact", self.touchpoints)
        stages = ngettext("{count} étape", "{count} étapes", self.stage_count)
        return _("{touchpoints} sur {stages} · émotion moyenne {face}").format(
            touchpoints=touchpoints.format(count=self.touchpoints),
            stages=stages.format(count=self.stage_count),
            face=self.feeling.label(faces),
        )

    @property
    def gaps(self) -> int:
        return len(self.empty_stages) + len(self.without_who) + len(self.unknown)


def _groups(jmap: JourneyMap, catalogues: Catalogues) -> tuple[GroupCount, ...]:
    used = Counter(t.channel for s in jmap.stages for t in s.touchpoints if t.channel)
    groups = []
    for group in catalogues.groups:
        channels = tuple(
            Count(c.shown_label, used.pop(c.id))
            for c in catalogues.channels
            if c.group == group.id and c.id in used
        )
        if channels:
            groups.append(GroupCount(group.shown_label, channels))
    # A project catalogue may give a channel a group that does not exist: known, but in no group.
    for label, known in ((_("Sans groupe"), True), (_("Hors catalogue"), False)):
        channels = tuple(
            Count(catalogues.label("channel", c), n) for c, n in used.items() if catalogues.knows("channel", c) == known
        )
        if channels:
            groups.append(GroupCount(label, channels))
    return tuple(groups)


def _types(jmap: JourneyMap, catalogues: Catalogues) -> tuple[Count, ...]:
    used = Counter(t.type for s in jmap.stages for t in s.touchpoints if t.type)
    known = [Count(e.shown_label, used.pop(e.id)) for e in catalogues.types if e.id in used]
    return tuple(known + [Count(value, n) for value, n in used.items()])


def summarize(jmap: JourneyMap, catalogues: Catalogues) -> Summary:
    """The summary in the interface language (catalogue labels are chosen now)."""
    stages, empty, without_who, unknown, pains, opportunities = [], [], [], [], [], []
    for stage in jmap.stages:
        name = stage.name or stage.id
        stages.append(StageLine(stage.id, name, len(stage.touchpoints), stage.emotion))
        if not stage.touchpoints:
            empty.append(name)
        for row, tp in enumerate(stage.touchpoints, 1):
            if not tp.who.strip():
                without_who.append(Spot(name, row))
            for key in ("channel", "support", "type"):
                value = tp.get(key)
                if not catalogues.knows(key, value):
                    unknown.append(Spot(name, row, key, value))
            if tp.pain.strip():
                pains.append(Spot(name, row, "pain", tp.pain))
            if tp.opportunity.strip():
                opportunities.append(Spot(name, row, "opportunity", tp.opportunity))
    return Summary(
        stages=tuple(stages),
        groups=_groups(jmap, catalogues),
        types=_types(jmap, catalogues),
        empty_stages=tuple(empty),
        without_who=tuple(without_who),
        unknown=tuple(unknown),
        pains=tuple(pains),
        opportunities=tuple(opportunities),
    )
