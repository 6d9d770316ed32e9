"""What changed between two versions of a map, in journey terms rather than TOML lines.

Stages are matched by id (same id, new name: renamed). Touchpoints are matched
first when identical, then by likeness (same channel, support, response…),
within their stage before across stages, so a touchpoint dragged to another
stage reads as moved, and an edited one as its changed fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from tui.model import TOUCHPOINT_FIELDS, JourneyMap, Touchpoint

#: How alike two touchpoints must be to count as one that changed.
LIKENESS = 0.6


@dataclass(frozen=True)
class Change:
    """One difference: `kind` says what, the rest where and from what to what."""

    kind: str  # title, persona, stage-added, stage-removed, stage-renamed, stage-moved, stage-field,
    # touchpoint-added, touchpoint-removed, touchpoint-moved, touchpoint-field
    stage: str = ""
    key: str = ""
    old: object = None
    new: object = None
    where: str = ""
    to: str = ""
    touchpoint: Touchpoint | None = None


@dataclass(frozen=True)
class _Place:
    stage_id: str
    stage_name: str
    index: int
    tp: Touchpoint

    @property
    def label(self) -> str:
        return f"{self.stage_name} #{self.index + 1}"


def _places(jmap: JourneyMap) -> list[_Place]:
    return [_Place(s.id, s.name, i, tp) for s in jmap.stages for i, tp in enumerate(s.touchpoints)]


def likeness(a: Touchpoint, b: Touchpoint) -> float:
    same = sum(a.get(k) == b.get(k) for k in TOUCHPOINT_FIELDS)
    text = SequenceMatcher(None, a.response, b.response).ratio() if (a.response or b.response) else 1.0
    return (same / len(TOUCHPOINT_FIELDS) + text) / 2


def _match(old: list[_Place], new: list[_Place]) -> list[tuple[_Place, _Place]]:
    pairs: list[tuple[_Place, _Place]] = []
    left, right = list(old), list(new)

    def take(test) -> None:
        for a in list(left):
            for b in right:
                if test(a, b):
                    pairs.append((a, b))
                    left.remove(a)
                    right.remove(b)
                    break

    take(lambda a, b: a.stage_id == b.stage_id and a.tp == b.tp)
    take(lambda a, b: a.tp == b.tp)
    candidates = sorted(
        ((likeness(a.tp, b.tp) + (0.05 if a.stage_id == b.stage_id else 0), i, j)
         for i, a in enumerate(left) for j, b in enumerate(right)),
        reverse=True,
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    for score, i, j in candidates:
        if score < LIKENESS:
            break
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((left[i], right[j]))
    return pairs


def _reordered(pairs: list[tuple[_Place, _Place]]) -> set[int]:
    """Pairs (by position) whose order changed within a stage: those off the longest kept order."""
    moved: set[int] = set()
    by_stage: dict[str, list[tuple[int, int, int]]] = {}
    for n, (a, b) in enumerate(pairs):
        if a.stage_id == b.stage_id:
            by_stage.setdefault(a.stage_id, []).append((b.index, a.index, n))
    for items in by_stage.values():
        items.sort()
        olds = [o for _, o, _ in items]
        # longest increasing subsequence of old indices, in new order
        best: list[list[int]] = []
        for k, value in enumerate(olds):
            chain = max((c for c in best if olds[c[-1]] < value), key=len, default=[])
            best.append(chain + [k])
        keep = set(max(best, key=len, default=[]))
        moved.update(items[k][2] for k in range(len(items)) if k not in keep)
    return moved


def _persona(jmap: JourneyMap) -> dict[str, str]:
    if jmap.persona is None:
        return {}
    return {"name": jmap.persona.name, "description": jmap.persona.description, **dict(jmap.persona.extra)}


def diff_maps(old: JourneyMap, new: JourneyMap) -> list[Change]:
    changes: list[Change] = []
    if old.title != new.title:
        changes.append(Change("title", old=old.title, new=new.title))
    old_persona, new_persona = _persona(old), _persona(new)
    for key in dict.fromkeys(list(old_persona) + list(new_persona)):
        if old_persona.get(key, "") != new_persona.get(key, ""):
            changes.append(Change("persona", key=key, old=old_persona.get(key, ""), new=new_persona.get(key, "")))

    old_stages = {s.id: (i, s) for i, s in enumerate(old.stages)}
    new_stages = {s.id: (i, s) for i, s in enumerate(new.stages)}
    for stage_id, (i, stage) in old_stages.items():
        if stage_id not in new_stages:
            changes.append(Change("stage-removed", stage=stage.name, key=stage_id, old=i + 1))
    kept_old = [s.id for s in old.stages if s.id in new_stages]
    kept_new = [s.id for s in new.stages if s.id in old_stages]
    for stage_id, (i, stage) in new_stages.items():
        if stage_id not in old_stages:
            changes.append(Change("stage-added", stage=stage.name, key=stage_id, new=i + 1))
            continue
        j, before = old_stages[stage_id]
        if before.name != stage.name:
            changes.append(Change("stage-renamed", stage=stage.name, key=stage_id, old=before.name, new=stage.name))
        if before.situation != stage.situation:
            changes.append(Change("stage-field", stage=stage.name, key="situation", old=before.situation, new=stage.situation))
        if kept_old.index(stage_id) != kept_new.index(stage_id) and j != i:
            changes.append(Change("stage-moved", stage=stage.name, key=stage_id, old=j + 1, new=i + 1))

    old_places, new_places = _places(old), _places(new)
    pairs = _match(old_places, new_places)
    reordered = _reordered(pairs)
    matched_old = {id(a) for a, _ in pairs}
    matched_new = {id(b) for _, b in pairs}
    for place in old_places:
        if id(place) not in matched_old:
            changes.append(Change("touchpoint-removed", stage=place.stage_name, where=place.label, touchpoint=place.tp))
    for n, (a, b) in enumerate(pairs):
        if a.stage_id != b.stage_id or n in reordered:
            changes.append(Change("touchpoint-moved", stage=b.stage_name, where=a.label, to=b.label, touchpoint=b.tp))
        for key in TOUCHPOINT_FIELDS:
            if a.tp.get(key) != b.tp.get(key):
                changes.append(Change("touchpoint-field", stage=b.stage_name, where=b.label, key=key,
                                      old=a.tp.get(key), new=b.tp.get(key), touchpoint=b.tp))
    for place in new_places:
        if id(place) not in matched_new:
            changes.append(Change("touchpoint-added", stage=place.stage_name, where=place.label, touchpoint=place.tp))
    return changes
