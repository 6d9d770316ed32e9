"""What every edit is, and the registry of edit types.

An edit type is one frozen dataclass that says, in one place: how it applies
to the model and, through a layout (`tui.core.edits.layout`), to the text
(returning its inverse), how it is written in
a journal (its fields, each with a kind that checks what a journal may put
there: a journal is hostile input), how it reads in words, and where it leaves
the map changed (for a view to redraw and put the cursor). Defining the class
registers it: the journal, the session and the screens look types up in
`Edit.types`, never in a chain of isinstance checks.

Edits name stages by id and touchpoints by their key (see `Touchpoint.key`), so
an edit still finds its item after others moved; an item that is gone is an
`ItemGone` (a ValueError naming it), raised before anything changes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from tui.core.model import TOUCHPOINT_FIELDS, ItemGone, JourneyMap, Touchpoint
from tui.core.words import N_, _

if TYPE_CHECKING:  # tomlkit costs ~20 ms to import: it loads with the first edit, not at start
    from tui.core.edits.layout import Layout

__all__ = ["Edit", "Footprint", "ItemGone", "Kind", "Values", "journaled", "read_fields", "runtime"]

Values = tuple[tuple[str, Any], ...]
#: A place in the map: a stage index, and a touchpoint's index in it (None: the stage itself).
Spot = tuple[int, "int | None"]

_SCALARS = (str, int, float, bool, type(None))
_TOUCHPOINT_KEY = re.compile(r"t[1-9][0-9]{0,8}")


def _short(value: Any) -> str:
    """A hostile value in an error message: one line, and not a megabyte of it."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Kind:
    """What one field of an edit holds, as a journal writes it and as a journal may not lie about it."""

    what: str
    accepts: Callable[[Any], bool]
    load: Callable[[Any], Any] = lambda value: value
    dump: Callable[[Any], Any] = lambda value: value
    #: The touchpoint keys the value names: existing ones ("touchpoint") or ones it creates ("new").
    role: str = ""
    keys: Callable[[Any], tuple[str, ...]] = lambda value: (value,) if value else ()
    rename: Callable[[Any, Mapping[str, str]], Any] = lambda value, names: names.get(value, value) if value else value

    def read(self, op: str, name: str, value: Any) -> Any:
        if not self.accepts(value):
            raise ValueError(f"{op}.{name} must be {self.what}, not {_short(value)}")
        return self.load(value)


def _is_key(value: Any) -> bool:
    return isinstance(value, str) and _TOUCHPOINT_KEY.fullmatch(value) is not None


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and p[0] and isinstance(p[1], _SCALARS)
        for p in value
    )


def _pairs(value: list) -> Values:
    return tuple((k, v) for k, v in value)


TEXT = Kind("a string", lambda v: isinstance(v, str))
NAME = Kind("a key name", _is_id)
VALUE = Kind("a string, a number, a boolean or null", lambda v: isinstance(v, _SCALARS))
OPTIONAL_TEXT = Kind("a string or null", lambda v: v is None or isinstance(v, str))
STAGE = Kind("a stage id", _is_id)
OPTIONAL_STAGE = Kind("a stage id or null", lambda v: v is None or _is_id(v))
TOUCHPOINT = Kind("a touchpoint key (t1, t2…)", _is_key, role="touchpoint")
OPTIONAL_TOUCHPOINT = Kind("a touchpoint key or null", lambda v: v is None or _is_key(v), role="touchpoint")
#: A new touchpoint's key: null until the edit is applied (a live session's request), then the key chosen.
NEW_TOUCHPOINT = Kind("a touchpoint key (t1, t2…) or null", lambda v: v is None or _is_key(v), role="new")
VALUES = Kind("a list of [key, value] pairs", _is_pairs, load=_pairs, dump=lambda v: [list(p) for p in v],
              keys=lambda v: (), rename=lambda v, names: v)
NEW_TOUCHPOINTS = Kind(
    "a list of [touchpoint key, [[key, value]…]] pairs",
    lambda v: isinstance(v, list) and all(
        isinstance(p, list) and len(p) == 2 and _is_key(p[0]) and _is_pairs(p[1]) for p in v),
    load=lambda v: tuple((k, _pairs(values)) for k, values in v),
    dump=lambda v: [[k, [list(p) for p in values]] for k, values in v],
    role="new",
    keys=lambda v: tuple(k for k, _ in v),
    rename=lambda v, names: tuple((names.get(k, k), values) for k, values in v),
)


def one_of(*choices: str) -> Kind:
    return Kind(" or ".join(repr(c) for c in choices), lambda v: isinstance(v, str) and v in choices)


def read_fields(what: str, kinds: Mapping[str, Kind], data: Mapping[str, Any], besides: str) -> dict[str, Any]:
    """Exactly the fields `kinds` names, each read by its kind, from `data` (whose `besides` key
    says what it is); ValueError, in one line, for a field missing, extra or of the wrong kind."""
    extra = sorted(set(data) - set(kinds) - {besides})
    if extra:
        raise ValueError(f"{what} has no field {_short(extra[0])}")
    values = {}
    for name, kind in kinds.items():
        if name not in data:
            raise ValueError(f"{what} lacks '{name}'")
        values[name] = kind.read(what, name, data[name])
    return values


def journaled(kind: Kind, **kwargs: Any) -> Any:
    """A field that the journal writes, of `kind`."""
    return field(metadata={"kind": kind}, **kwargs)


def runtime() -> Any:
    """A field only an inverse sets (the very tomlkit items to put back): never journaled, never compared."""
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Footprint:
    """Where an edit changed the map: for a view to redraw only that and follow it with the cursor.

    `first`..`last` is the changed span, as spots in the map *before* the edit;
    `last` None means from `first` to the end (rows below shifted); `first` None
    means nothing a row shows changed (the title, the persona). `focus` is the spot
    the edit leaves the eye on, in the map *after* it.
    """

    first: Spot | None = None
    last: Spot | None = None
    focus: Spot | None = None


class Edit:
    """Base of every edit type; a subclass is a frozen dataclass and registers itself by name."""

    #: Every edit type by name: what a journal line's "op" may say.
    types: ClassVar[dict[str, type[Edit]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__name__ in Edit.types:
            raise TypeError(f"two edit types named {cls.__name__}")
        Edit.types[cls.__name__] = cls

    # -- what a subclass says ----------------------------------------------------------

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        """Change the text through `layout` (unless None: the model alone) and the model; return the inverse."""
        raise NotImplementedError

    def describe(self, jmap: JourneyMap) -> str:
        """One line for a person, naming items as they are in `jmap` (the map before the edit)."""
        raise NotImplementedError

    def footprint(self, before: JourneyMap, after: JourneyMap) -> Footprint:
        return Footprint()

    def bind(self, jmap: JourneyMap) -> Edit:
        """This edit with whatever it leaves to the map chosen (a new touchpoint's key), to journal it as applied."""
        return self

    @classmethod
    def at(cls, jmap: JourneyMap, stage: int, touchpoint: int | None) -> Edit | None:
        """The edit this type's key makes at the cursor, or None where it means nothing."""
        return None

    # -- the journal's view ---------------------------------------------------------------

    @classmethod
    def _kinds(cls) -> Iterator[tuple[str, Kind]]:
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if "kind" in f.metadata:
                yield f.name, f.metadata["kind"]

    def encode(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": type(self).__name__}
        for name, kind in self._kinds():
            data[name] = kind.dump(getattr(self, name))
        return data

    @staticmethod
    def decode(data: Any) -> Edit:
        """An edit from a journal's JSON, checking every field; ValueError (one line) if anything is off."""
        if not isinstance(data, dict):
            raise ValueError(f"an edit must be a JSON object, not {_short(data)}")
        op = data.get("op")
        cls = Edit.types.get(op) if isinstance(op, str) else None
        if cls is None:
            raise ValueError(f"unknown operation {_short(op)}")
        return cls(**read_fields(op, dict(cls._kinds()), data, "op"))

    def _keys(self, role: str) -> tuple[str, ...]:
        return tuple(k for name, kind in self._kinds() if kind.role == role for k in kind.keys(getattr(self, name)))

    def refers(self) -> tuple[str, ...]:
        """The keys of existing touchpoints this edit names (the journal says where each stood)."""
        return self._keys("touchpoint")

    def creates(self) -> tuple[str, ...]:
        """The keys of the touchpoints this edit brings into the map."""
        return self._keys("new")

    def renamed(self, names: Mapping[str, str]) -> Edit:
        """The same edit with touchpoint keys replaced (a journal replayed onto another reading of the map)."""
        changes = {name: kind.rename(getattr(self, name), names) for name, kind in self._kinds() if kind.role}
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


# -- words shared by the edit types ------------------------------------------------------

#: What each key is called on screen, so an edit reads like the grid.
FIELD_NAMES = {
    "stage": N_("étape"), "situation": N_("situation"), "channel": N_("canal"), "support": N_("support"),
    "response": N_("réponse"), "type": N_("type"), "who": N_("qui"), "emotion": N_("émotion"),
    "name": N_("nom"), "pain": N_("point de douleur"), "opportunity": N_("opportunité"),
    "description": N_("description"),
}


def field_name(key: str) -> str:
    return _(FIELD_NAMES[key]) if key in FIELD_NAMES else key


def touchpoint_values(touchpoint: Touchpoint) -> Values:
    """A touchpoint's fields that hold something, as a new table would be written from them."""
    return tuple((k, v) for k, v in zip(TOUCHPOINT_FIELDS, touchpoint.content()) if v not in ("", None))


def key_used(jmap: JourneyMap, key: str) -> bool:
    try:
        jmap.locate(key)
    except ItemGone:
        return False
    return True


def stage_words(jmap: JourneyMap, stage_id: str) -> str:
    """A stage as a person knows it: its name (its id when the map has no such stage)."""
    try:
        return jmap.stages[jmap.stage_index(stage_id)].name
    except ItemGone:
        return stage_id


def touchpoint_words(jmap: JourneyMap, key: str) -> str:
    """A touchpoint as the grid shows it: « Recherche #2 » (its key when it is not in the map)."""
    try:
        s, t = jmap.locate(key)
    except ItemGone:
        return key
    return f"{jmap.stages[s].name} #{t + 1}"
