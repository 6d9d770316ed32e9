"""Edit operations on a map: each one changes the TOML and the model, and returns its inverse.

Because every `apply` hands back the edit that undoes it, undo and redo are a
pair of stacks (`tui.core.history`) and a journal of edits can be replayed after a
crash. An edit touches only the TOML items it names, so a save changes only
their lines; an inverse restores the very items it removed, so edit + undo
gives the original bytes back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol


if TYPE_CHECKING:  # tomlkit costs ~20 ms to import: it loads with the first edit, not at start
    from tomlkit.items import AoT, Table
    from tomlkit.toml_document import TOMLDocument

from tui.core.model import JourneyMap, Persona, Stage, Touchpoint

Values = tuple[tuple[str, Any], ...]


class Edit(Protocol):
    """What every operation offers: apply to the TOML and the model, get the inverse."""

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]: ...


# -- tomlkit helpers -------------------------------------------------------------


def _stages(doc: TOMLDocument) -> AoT:
    if "stages" not in doc:
        import tomlkit

        doc["stages"] = tomlkit.aot()
    return doc["stages"]


def _touchpoints(stage: Table, create: bool = False) -> AoT | None:
    if "touchpoints" not in stage:
        if not create:
            return None
        import tomlkit

        stage["touchpoints"] = tomlkit.aot()
    return stage["touchpoints"]


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _string(old: Any, value: str) -> Any:
    """A TOML string for `value` in the quoting the old value used, where it still fits."""
    import tomlkit
    from tomlkit.items import String, StringType

    # A carriage return in a multi-line string reads back as a plain newline: escape it instead.
    multiline = "\n" in value and "\r" not in value
    if isinstance(old, String) and old.type in (StringType.SLL, StringType.MLL):
        # What a literal string cannot hold is tomlkit's rule (control characters, DEL
        # among them, and quotes); a quote stays out of multi-line ones too.
        kept = StringType.MLL if multiline else StringType.SLL
        literal_ok = "'" not in value and not any(bad in value for bad in kept.invalid_sequences)
        if literal_ok and (multiline or old.type is StringType.SLL):
            return tomlkit.string(value, literal=True, multiline=multiline)
    if multiline:
        return tomlkit.string(value, multiline=True)
    return value


def _set(table: Any, key: str, value: Any, item: Any = None) -> tuple[Any, Any]:
    """Set or (with None) remove a key; return the old plain value and the old item.

    `item`, when given, is the very item an earlier edit replaced: putting it
    back restores its quoting and comment as well as its value.
    """
    old = table.get(key) if key in table else None
    if item is not None:
        table[key] = item
    elif value is None:
        if key in table:
            del table[key]
    elif isinstance(value, str):
        table[key] = _string(old, value)
    else:
        table[key] = value
    return _plain(old), old


def _before_removal(table: Any, key: str, value: Any) -> Any:
    """A copy of `table` as it is, when this edit removes `key` from it.

    tomlkit appends a key that comes back, so undoing a removal by setting the
    key again would move its line; the inverse puts this copy back instead.
    """
    return copy.deepcopy(table) if value is None and key in table else None


def _change(table: Any, key: str, value: Any, item: Any, swap: Callable[[Table], Any]) -> tuple[Any, Any]:
    """Set `key` in `table`, or put back what `item` holds; return the old value and
    what the inverse needs to restore it exactly (the old item, or the whole table
    when the key is removed). `swap` puts a whole table in place of `table`."""
    from tomlkit.items import Table

    if isinstance(item, Table):
        old = _plain(table[key]) if key in table else None
        swap(item)
        return old, None
    before = _before_removal(table, key, value)
    old, old_item = _set(table, key, value, item)
    return old, before if before is not None else old_item


def _swap(aot: AoT, index: int, table: Table) -> Table:
    """Put `table` in place of the one at `index` (keeping the spacing); return the old one."""
    old = aot[index]
    del aot[index]
    _insert(aot, index, table)
    return old


def _new_table(values: Values) -> Table:
    import tomlkit

    table = tomlkit.table()
    for key, value in values:
        if value is not None:
            table[key] = _string(None, value) if isinstance(value, str) else value
    return table


def _last_in_document(doc: TOMLDocument, key: str) -> bool:
    """Whether `key` is the last item of the document, so a table appended to it ends the file."""
    keys = [k for k, _ in doc.body if k is not None]
    return bool(keys) and keys[-1].key == key


def _place(table: Table, previous: Table | None, ends_file: bool) -> Table:
    """Give a new table the blank lines its neighbours have: one between tables."""
    if ends_file:
        if previous is not None and not previous.as_string().endswith("\n\n"):
            table.trivia.indent = "\n"
    else:
        import tomlkit

        table.add(tomlkit.nl())
    return table


def _insert(aot: AoT, index: int, table: Table) -> None:
    """Insert as is: tomlkit adds blank lines to the neighbours of a table put in a new
    array, which would make undo differ from the original; spacing is `_place`'s job."""
    index = min(index, len(aot))
    tables = [table, *aot.body]
    indents = [t.trivia.indent for t in tables]
    aot.insert(index, table)
    # tomlkit may touch any neighbour, not only the next one: put every indent back.
    for item, indent in zip(tables, indents):
        item.trivia.indent = indent


def _values(table: Table) -> Values:
    from tomlkit.items import AoT, Table

    return tuple((k, _plain(v)) for k, v in table.items() if not isinstance(v, (AoT, Table)))


# -- the model side ---------------------------------------------------------------


def _with_touchpoints(jmap: JourneyMap, stage: int, touchpoints: list[Touchpoint]) -> JourneyMap:
    return jmap.with_stage(stage, jmap.stages[stage].with_touchpoints(tuple(touchpoints)))


# -- map-level fields --------------------------------------------------------------


@dataclass(frozen=True)
class SetMapField:
    """Set `title` or `locale` (None removes an optional key)."""

    key: str
    value: Any
    item: Any = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        old, item = _set(doc, self.key, self.value, self.item)
        return jmap.with_value(self.key, self.value), SetMapField(self.key, old, item)


@dataclass(frozen=True)
class SetPersonaField:
    """Set one key of `[persona]`, creating the table if the map has none."""

    key: str
    value: str | None
    item: Any = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        if "persona" not in doc:
            if self.value is None:
                return jmap, self
            import tomlkit

            doc["persona"] = tomlkit.table()
            created = True
        else:
            created = False
        old, item = _change(doc["persona"], self.key, self.value, self.item,
                            lambda table: doc.__setitem__("persona", table))
        persona = (jmap.persona or Persona()).with_value(self.key, self.value)
        new_map = jmap.with_value("persona", persona)
        if created:
            return new_map, RemovePersona()
        return new_map, SetPersonaField(self.key, old, item)


@dataclass(frozen=True)
class RemovePersona:
    """Drop a `[persona]` table that an edit created; its inverse recreates it."""

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        table = doc["persona"]
        values = _values(table)
        del doc["persona"]
        inverse: Edit = SetPersonaField(*values[0]) if values else self
        return jmap.with_value("persona", None), inverse


# -- stages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SetStageField:
    """Set a stage's `id`, `name` or `situation`."""

    stage: int
    key: str
    value: str | None
    item: Any = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        old, item = _change(stages[self.stage], self.key, self.value, self.item,
                            lambda table: _swap(stages, self.stage, table))
        new_stage = jmap.stages[self.stage].with_value(self.key, self.value)
        inverse = SetStageField(self.stage, self.key, old, item)
        return jmap.with_stage(self.stage, new_stage), inverse


@dataclass(frozen=True)
class InsertStage:
    """Insert a stage at `index`; `item` is set only by undo, to restore the exact table."""

    index: int
    values: Values
    item: Table | None = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        table = self.item
        if table is None:
            ends_file = self.index >= len(stages) and _last_in_document(doc, "stages")
            previous = stages[self.index - 1] if self.index > 0 else None
            table = _place(_new_table(self.values), previous, ends_file)
        _insert(stages, self.index, table)
        stage = Stage.from_data(table.unwrap())
        new = list(jmap.stages)
        new.insert(self.index, stage)
        return jmap.with_stages(tuple(new)), DeleteStage(self.index)


@dataclass(frozen=True)
class DeleteStage:
    """Remove a stage and all its touchpoints."""

    index: int

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        table = stages[self.index]
        del stages[self.index]
        new = list(jmap.stages)
        del new[self.index]
        inverse = InsertStage(self.index, _values(table), item=table)
        return jmap.with_stages(tuple(new)), inverse


@dataclass(frozen=True)
class MoveStage:
    """Move a stage, with its touchpoints, to another position."""

    index: int
    to: int

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        table = stages[self.index]
        del stages[self.index]
        _insert(stages, self.to, table)
        new = list(jmap.stages)
        new.insert(self.to, new.pop(self.index))
        return jmap.with_stages(tuple(new)), MoveStage(self.to, self.index)


# -- touchpoints -------------------------------------------------------------------------


@dataclass(frozen=True)
class SetTouchpointField:
    """Set one field of one touchpoint (None removes the key)."""

    stage: int
    index: int
    key: str
    value: Any
    #: Set only by an inverse: the old value's item, or the table as it was before a removal.
    item: Any = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        aot = _touchpoints(_stages(doc)[self.stage])
        old, item = _change(aot[self.index], self.key, self.value, self.item,
                            lambda table: _swap(aot, self.index, table))
        stage = jmap.stages[self.stage]
        touchpoints = list(stage.touchpoints)
        touchpoints[self.index] = touchpoints[self.index].with_value(self.key, self.value)
        inverse = SetTouchpointField(self.stage, self.index, self.key, old, item)
        return _with_touchpoints(jmap, self.stage, touchpoints), inverse


@dataclass(frozen=True)
class InsertTouchpoint:
    """Insert a touchpoint; `item` is set only by undo, to restore the exact table."""

    stage: int
    index: int
    values: Values = ()
    item: Table | None = field(default=None, compare=False, repr=False)

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        stage_table = stages[self.stage]
        aot = _touchpoints(stage_table, create=True)
        table = self.item
        if table is None:
            ends_file = (
                self.index >= len(aot)
                and self.stage == len(stages) - 1
                and _last_in_document(doc, "stages")
            )
            if self.index > 0:
                previous = aot[self.index - 1]
            else:
                previous = stage_table if len(aot) == 0 else None
            table = _place(_new_table(self.values), previous, ends_file)
        _insert(aot, self.index, table)
        touchpoints = list(jmap.stages[self.stage].touchpoints)
        touchpoints.insert(self.index, Touchpoint.from_data(table.unwrap()))
        inverse = DeleteTouchpoint(self.stage, self.index)
        return _with_touchpoints(jmap, self.stage, touchpoints), inverse


@dataclass(frozen=True)
class DeleteTouchpoint:
    """Remove one touchpoint; a stage left with none loses its `touchpoints` key."""

    stage: int
    index: int

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stage_table = _stages(doc)[self.stage]
        aot = _touchpoints(stage_table)
        table = aot[self.index]
        del aot[self.index]
        if len(aot) == 0:
            del stage_table["touchpoints"]
        touchpoints = list(jmap.stages[self.stage].touchpoints)
        del touchpoints[self.index]
        inverse = InsertTouchpoint(self.stage, self.index, _values(table), item=table)
        return _with_touchpoints(jmap, self.stage, touchpoints), inverse


@dataclass(frozen=True)
class MoveTouchpoint:
    """Move a touchpoint to a position in the same or another stage, keeping its table as is."""

    stage: int
    index: int
    to_stage: int
    to_index: int

    def apply(self, doc: TOMLDocument, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        stages = _stages(doc)
        source = stages[self.stage]
        aot = _touchpoints(source)
        table = aot[self.index]
        del aot[self.index]
        if len(aot) == 0:
            del source["touchpoints"]
        target = _touchpoints(stages[self.to_stage], create=True)
        _insert(target, self.to_index, table)

        touchpoints = list(jmap.stages[self.stage].touchpoints)
        moved = touchpoints.pop(self.index)
        jmap = _with_touchpoints(jmap, self.stage, touchpoints)
        touchpoints = list(jmap.stages[self.to_stage].touchpoints)
        touchpoints.insert(self.to_index, moved)
        jmap = _with_touchpoints(jmap, self.to_stage, touchpoints)
        return jmap, MoveTouchpoint(self.to_stage, self.to_index, self.stage, self.index)
