"""tomlkit helpers for the edits: values that keep their quoting, tables that keep their spacing,
and (for a whole tree, `tui.core.edits.whole`) containers written either way.

Both layouts set keys with `set_key` and `string`, so a value keeps its quoting.
In a whole tree, a map's stages, and a stage's touchpoints, are an array of
tables (`[[stages]]`) or an inline array (`stages = [{ … }]`, `touchpoints = []`).
Both are edited in place: an inline array gets inline tables (an array of tables
in it would be invalid TOML). An edit touches only the TOML items it names, so a
save changes only their lines; an inverse restores the very items it removed,
and for an inline array, whose commas and spaces tomlkit rewrites, a copy of the
whole array as it was (`held`), so edit + undo gives the original bytes back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomlkit.items import AoT, Array, Table
    from tomlkit.toml_document import TOMLDocument

    Container = AoT | Array

from tui.core.edits.base import Values

#: Held in place of an inline array that was not there: putting it back removes the key.
ABSENT = "absent"


def stages(doc: TOMLDocument) -> Container:
    if "stages" not in doc:
        import tomlkit

        doc["stages"] = tomlkit.aot()
    return doc["stages"]


def touchpoints(stage: Any, create: bool = False) -> Container | None:
    """A stage's touchpoints; created (as the stage is written) when asked and missing."""
    if "touchpoints" not in stage:
        if not create:
            return None
        import tomlkit
        from tomlkit.items import InlineTable

        stage["touchpoints"] = tomlkit.array() if isinstance(stage, InlineTable) else tomlkit.aot()
    return stage["touchpoints"]


def inline(container: Any) -> bool:
    from tomlkit.items import Array

    return isinstance(container, Array)


def plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


#: Characters TOML lets a basic string hold raw but that a terminal obeys: C1 controls and the
#: bidi embeddings, overrides and isolates. A reviewer reading `git diff` or `cat` of the map
#: would see text reordered, so a saved value writes them as \uXXXX escapes (tomlkit
#: already escapes C0 and DEL).
UNSEEN = "[\x80-\x9f\u202a-\u202e\u2066-\u2069]"


def string(old: Any, value: str) -> Any:
    """A TOML string for `value` in the quoting the old value used, where it still fits."""
    import re

    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    # A carriage return in a multi-line string reads back as a plain newline: escape it instead.
    multiline = "\n" in value and "\r" not in value
    unseen = re.search(UNSEEN, value) is not None
    if isinstance(old, String) and old.type in (StringType.SLL, StringType.MLL) and not unseen:
        # What a literal string cannot hold is tomlkit's rule (control characters, DEL
        # among them, and quotes); a quote stays out of multi-line ones too.
        kept = StringType.MLL if multiline else StringType.SLL
        literal_ok = "'" not in value and not any(bad in value for bad in kept.invalid_sequences)
        if literal_ok and (multiline or old.type is StringType.SLL):
            return tomlkit.string(value, literal=True, multiline=multiline)
    if not (multiline or unseen):
        return value
    item = tomlkit.string(value, multiline=multiline)
    if not unseen:
        return item
    quotes = 3 if multiline else 1
    raw = re.sub(UNSEEN, lambda m: f"\\u{ord(m.group()):04X}", item.as_string()[quotes:-quotes])
    return String(StringType.MLB if multiline else StringType.SLB, value, raw, Trivia())


def set_key(table: Any, key: str, value: Any, item: Any = None) -> tuple[Any, Any]:
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
        table[key] = string(old, value)
    else:
        table[key] = value
    return plain(old), old


def change(table: Any, key: str, value: Any, item: Any, put: Callable[[Any], Any]) -> tuple[Any, Any]:
    """Set `key` in `table`, or put back what `item` holds; return the old value and
    what the inverse needs to restore it exactly (the old item, or the whole table
    when the key is removed: tomlkit appends a key that comes back, which would
    move its line). `put` puts a whole table in place of `table`."""
    from tomlkit.items import AbstractTable

    if isinstance(item, AbstractTable):
        old = plain(table[key]) if key in table else None
        put(item)
        return old, None
    before = copy.deepcopy(table) if value is None and key in table else None
    old, old_item = set_key(table, key, value, item)
    return old, before if before is not None else old_item


def swap(container: Container, index: int, table: Any) -> Any:
    """Put `table` in place of the one at `index` (keeping the spacing); return the old one."""
    old = container[index]
    if inline(container):
        container[index] = fit(table, container)
    else:
        del container[index]
        insert(container, index, table)
    return old


def insert(container: Container, index: int, table: Any) -> None:
    """Insert as is. In an array of tables, tomlkit adds blank lines to the neighbours of a
    table put in a new array, which would make undo differ from the original; spacing is
    `place`'s job."""
    index = min(index, len(container))
    table = fit(table, container)
    if inline(container):
        container.insert(index, table)
        return
    tables = [table, *container.body]
    indents = [t.trivia.indent for t in tables]
    container.insert(index, table)
    # tomlkit may touch any neighbour, not only the next one: put every indent back.
    for item, indent in zip(tables, indents):
        item.trivia.indent = indent


def fit(table: Any, container: Container) -> Any:
    """`table` as the container holds its tables: inline in an inline array, a table in an array of tables."""
    import tomlkit
    from tomlkit.items import InlineTable

    if inline(container) and not isinstance(table, InlineTable):
        converted = tomlkit.inline_table()
        converted.update(table.unwrap())  # a multi-line string becomes an escaped one-line string
        return converted
    if not inline(container) and isinstance(table, InlineTable):
        return new_table(values(table), inline=False)
    return table


def new_table(pairs: Values, inline: bool = False) -> Any:
    import tomlkit

    table = tomlkit.inline_table() if inline else tomlkit.table()
    for key, value in pairs:
        if value is not None:
            table[key] = value if inline or not isinstance(value, str) else string(None, value)
    return table


def last_in_document(doc: TOMLDocument, key: str) -> bool:
    """Whether `key` is the last item of the document, so a table appended to it ends the file."""
    keys = [k for k, _ in doc.body if k is not None]
    return bool(keys) and keys[-1].key == key


def place(table: Table, previous: Table | None, ends_file: bool) -> Table:
    """Give a new table the blank lines its neighbours have: one between tables."""
    if ends_file:
        if previous is not None and not previous.as_string().endswith("\n\n"):
            table.trivia.indent = "\n"
    else:
        import tomlkit

        table.add(tomlkit.nl())
    return table


def values(table: Any) -> Values:
    """A table's own keys and plain values (not its sub-tables)."""
    from tomlkit.items import AbstractTable, AoT, Array

    def nested(v: Any) -> bool:
        return isinstance(v, (AoT, AbstractTable)) or (isinstance(v, Array) and any(isinstance(i, AbstractTable) for i in v))

    return tuple((k, plain(v)) for k, v in table.items() if not nested(v) and k != "touchpoints")


# -- holding inline arrays for an exact undo --------------------------------------------


def hold_touchpoints(stage: Any) -> Any:
    """A copy of the stage's touchpoints when they are an inline array (ABSENT when one would be
    created); None when they are an array of tables, which the table moves restore by themselves."""
    from tomlkit.items import InlineTable

    container = stage.get("touchpoints")
    if container is None:
        return ABSENT if isinstance(stage, InlineTable) else None
    return copy.deepcopy(container) if inline(container) else None


def put_touchpoints(stage: Any, held: Any) -> None:
    if isinstance(held, str):  # ABSENT
        if "touchpoints" in stage:
            del stage["touchpoints"]
    elif held is not None:
        stage["touchpoints"] = held


def hold_stages(doc: TOMLDocument) -> Any:
    container = doc.get("stages")
    return copy.deepcopy(container) if container is not None and inline(container) else None


def put_stages(doc: TOMLDocument, held: Any) -> None:
    if held is not None:
        doc["stages"] = held
