"""What changed between two versions of a map, in journey terms rather than TOML lines.

Stages are matched by id (same id, new name: renamed). Touchpoints are matched
first when identical, then by likeness (same channel, support, response…),
within their stage before across stages, so a touchpoint dragged to another
stage reads as moved, and an edited one as its changed fields.

Only what really moved is called moved: of the stages (or of a stage's
touchpoints) that are in both versions, the longest run kept in the same
order stays put, and the others moved. The changes come in the order of the
journey: the map's own fields, the stages that went away, then each stage of
the new version with what happened in it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from tui.core.model import TOUCHPOINT_FIELDS, JourneyMap, Touchpoint

#: How alike two touchpoints must be to count as one that changed.
LIKENESS = 0.6
#: A nudge towards pairing touchpoints of the same stage over look-alikes elsewhere.
SAME_STAGE = 0.05

KINDS = (
    "title", "locale", "persona",
    "stage-added", "stage-removed", "stage-renamed", "stage-moved", "stage-field",
    "touchpoint-added", "touchpoint-removed", "touchpoint-moved", "touchpoint-field",
)


@dataclass(frozen=True)
class Change:
    """One difference: `kind` (one of KINDS) says what, the rest where and from what to what.

    `stage` is the stage's name (the new one when it still exists), `key` the
    stage id for stage changes or the field for field changes, `where` and `to`
    a touchpoint's place as "Stage #n" before and after.
    """

    kind: str
    stage: str = ""
    key: str = ""
    old: object = None
    new: object = None
    where: str = ""
    to: str = ""
    touchpoint: Touchpoint | None = None


@dataclass(frozen=True, eq=False)
class _Place:
    """A touchpoint where it stands; compared by identity, as two places can hold equal touchpoints."""

    stage_id: str
    stage_name: str
    index: int
    tp: Touchpoint

    @property
    def label(self) -> str:
        return f"{self.stage_name} #{self.index + 1}"


def _places(jmap: JourneyMap) -> list[_Place]:
    return [_Place(s.id, s.name, i, tp) for s in jmap.stages for i, tp in enumerate(s.touchpoints)]


def same(a: object, b: object) -> bool:
    """Equal for a person reading the map: a line ending is a line ending, CRLF or LF (a
    spreadsheet round trip turns one into the other, and that changes nothing in the journey)."""
    if isinstance(a, str) and isinstance(b, str):
        return a == b or a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
    return a == b


def _same(a: Touchpoint, b: Touchpoint) -> float:
    return sum(same(a.get(k), b.get(k)) for k in TOUCHPOINT_FIELDS) / len(TOUCHPOINT_FIELDS)


def _best_pairs(left: list[_Place], right: list[_Place], bonus: float) -> list[tuple[_Place, _Place]]:
    """The most alike pairs first, each place used once, none below LIKENESS.

    Cheap upper bounds (equal fields, lengths, letters) rule most pairs out
    before the costly comparison, and each new response is analysed once, so
    a diff of maps of thousands of touchpoints stays quick.
    """
    candidates: list[tuple[float, int, int]] = []
    for j, b in enumerate(right):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(b.tp.response)
        for i, a in enumerate(left):
            equal = _same(a.tp, b.tp)
            if (equal + 1.0) / 2 + bonus < LIKENESS:
                continue
            if not (a.tp.response or b.tp.response):
                candidates.append(((equal + 1.0) / 2 + bonus, -i, -j))
                continue
            matcher.set_seq1(a.tp.response)
            for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
                score = (equal + bound()) / 2 + bonus
                if score < LIKENESS:
                    break
            else:
                candidates.append((score, -i, -j))
    pairs = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _, i, j in sorted(candidates, reverse=True):
        if -i in used_left or -j in used_right:
            continue
        used_left.add(-i)
        used_right.add(-j)
        pairs.append((left[-i], right[-j]))
    return pairs


def _match(old: list[_Place], new: list[_Place]) -> list[tuple[_Place, _Place]]:
    """Pairs of (old, new) places holding the same touchpoint, edited or not."""
    pairs: list[tuple[_Place, _Place]] = []
    left, right = list(old), list(new)

    def exact(key: Callable[[_Place], Hashable]) -> None:
        """Pair equal keys in order (first with first), in linear time."""
        nonlocal left, right
        waiting: dict[Hashable, deque[_Place]] = defaultdict(deque)
        for b in right:
            waiting[key(b)].append(b)
        taken: set[int] = set()
        unpaired = []
        for a in left:
            queue = waiting.get(key(a))
            if queue:
                b = queue.popleft()
                pairs.append((a, b))
                taken.add(id(b))
            else:
                unpaired.append(a)
        left, right = unpaired, [b for b in right if id(b) not in taken]

    def alike(found: list[tuple[_Place, _Place]]) -> None:
        nonlocal left, right
        pairs.extend(found)
        done = {id(p) for pair in found for p in pair}
        left, right = [a for a in left if id(a) not in done], [b for b in right if id(b) not in done]

    exact(lambda p: (p.stage_id, p.tp))
    exact(lambda p: p.tp)
    for stage_id in dict.fromkeys(p.stage_id for p in right):
        alike(_best_pairs([a for a in left if a.stage_id == stage_id], [b for b in right if b.stage_id == stage_id], SAME_STAGE))
    alike(_best_pairs(left, right, 0.0))
    return pairs


def kept_in_order(values: Sequence[int]) -> set[int]:
    """Positions of a longest increasing run of `values`: the items that did not move."""
    if not values:
        return set()
    tails: list[int] = []  # tails[k]: position ending the best run of length k + 1
    before: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if values[tails[middle]] < value:
                low = middle + 1
            else:
                high = middle
        before[position] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(position)
        else:
            tails[low] = position
    kept, position = set(), tails[-1]
    while position >= 0:
        kept.add(position)
        position = before[position]
    return kept


def _persona(jmap: JourneyMap) -> dict[str, str]:
    if jmap.persona is None:
        return {}
    return {"name": jmap.persona.name, "description": jmap.persona.description, **dict(jmap.persona.extra)}


def _field_changes(a: _Place, b: _Place) -> list[Change]:
    return [
        Change("touchpoint-field", stage=b.stage_name, where=b.label, key=key, old=a.tp.get(key), new=b.tp.get(key), touchpoint=b.tp)
        for key in TOUCHPOINT_FIELDS
        if not same(a.tp.get(key), b.tp.get(key))
    ]


def diff_maps(old: JourneyMap, new: JourneyMap) -> list[Change]:
    changes: list[Change] = []
    if not same(old.title, new.title):
        changes.append(Change("title", old=old.title, new=new.title))
    if (old.locale or "") != (new.locale or ""):
        changes.append(Change("locale", old=old.locale or "", new=new.locale or ""))
    old_persona, new_persona = _persona(old), _persona(new)
    for key in dict.fromkeys([*old_persona, *new_persona]):
        if not same(old_persona.get(key, ""), new_persona.get(key, "")):
            changes.append(Change("persona", key=key, old=old_persona.get(key, ""), new=new_persona.get(key, "")))

    old_index = {s.id: i for i, s in enumerate(old.stages)}
    new_ids = {s.id for s in new.stages}
    kept = [s.id for s in new.stages if s.id in old_index]
    staying = kept_in_order([old_index[stage_id] for stage_id in kept])
    moved_stages = {stage_id for k, stage_id in enumerate(kept) if k not in staying}

    old_places, new_places = _places(old), _places(new)
    pairs = _match(old_places, new_places)
    partner = {id(b): a for a, b in pairs}
    matched_old = {id(a) for a, _ in pairs}
    reordered: set[int] = set()
    by_stage: dict[str, list[tuple[_Place, _Place]]] = defaultdict(list)
    for a, b in pairs:
        if a.stage_id == b.stage_id:
            by_stage[b.stage_id].append((a, b))
    for stage_pairs in by_stage.values():
        stage_pairs.sort(key=lambda pair: pair[1].index)
        staying = kept_in_order([a.index for a, _ in stage_pairs])
        reordered.update(id(b) for k, (_, b) in enumerate(stage_pairs) if k not in staying)

    def removed_from(stage_id: str) -> list[Change]:
        return [
            Change("touchpoint-removed", stage=p.stage_name, where=p.label, touchpoint=p.tp)
            for p in old_places
            if p.stage_id == stage_id and id(p) not in matched_old
        ]

    for i, stage in enumerate(old.stages):
        if stage.id not in new_ids:
            changes.append(Change("stage-removed", stage=stage.name, key=stage.id, old=i + 1))
            changes += removed_from(stage.id)
    new_by_stage: dict[str, list[_Place]] = defaultdict(list)
    for place in new_places:
        new_by_stage[place.stage_id].append(place)
    for i, stage in enumerate(new.stages):
        if stage.id not in old_index:
            changes.append(Change("stage-added", stage=stage.name, key=stage.id, new=i + 1))
        else:
            before = old.stages[old_index[stage.id]]
            if not same(before.name, stage.name):
                changes.append(Change("stage-renamed", stage=stage.name, key=stage.id, old=before.name, new=stage.name))
            if stage.id in moved_stages:
                changes.append(Change("stage-moved", stage=stage.name, key=stage.id, old=old_index[stage.id] + 1, new=i + 1))
            if not same(before.situation, stage.situation):
                changes.append(Change("stage-field", stage=stage.name, key="situation", old=before.situation, new=stage.situation))
            changes += removed_from(stage.id)
        for place in new_by_stage[stage.id]:
            a = partner.get(id(place))
            if a is None:
                changes.append(Change("touchpoint-added", stage=place.stage_name, where=place.label, touchpoint=place.tp))
                continue
            if a.stage_id != place.stage_id or id(place) in reordered:
                changes.append(Change("touchpoint-moved", stage=place.stage_name, where=a.label, to=place.label, touchpoint=place.tp))
            changes += _field_changes(a, place)
    return changes
