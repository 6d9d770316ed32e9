"""Edits on a whole tomlkit tree: for maps whose shape is not cut into pieces.

Inline arrays (`stages = [{ … }]`, `touchpoints = []`), tables after the stages,
headers spelled otherwise: the text is one WHOLE piece (see `tui.core.pieces`),
parsed with tomlkit on the first edit and edited as a tree. An inverse restores
the very items it removed, and for an inline array, whose commas and spaces
tomlkit rewrites, a copy of the whole array as it was (`held`), so edit + undo
gives the original bytes back. The layout's methods are those of
`tui.core.edits.layout.PieceLayout`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from tui.core.edits import toml
from tui.core.edits.base import Values
from tui.core.pieces import WHOLE, Piece, Pieces, fit_eol

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument


class WholeLayout:
    """Edits on the tomlkit tree of the whole text, rendered again when the text is asked for."""

    def __init__(self, pieces: Pieces) -> None:
        self.pieces = pieces
        self._doc: TOMLDocument | None = None
        self._edited = False
        self._lock = threading.Lock()

    def _tree(self) -> TOMLDocument:
        with self._lock:
            if self._doc is None:
                import tomlkit

                self._doc = tomlkit.parse(self.pieces.head.text)
            return self._doc

    @property
    def doc(self) -> TOMLDocument:
        """The tree, for an edit to change."""
        doc = self._tree()
        self._edited = True
        return doc

    def warm(self) -> None:
        """Parse the tree now (safe from a worker thread), so that the first edit does not wait."""
        self._tree()

    def flush(self) -> None:
        """Write the tree's text into the pieces, when an edit changed it."""
        if self._edited and self._doc is not None:
            self.pieces.head = Piece(WHOLE, fit_eol(self._doc.as_string(), self.pieces.eol))
            self._edited = False

    # -- the map's own keys -------------------------------------------------------------------

    def set_root(self, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        return toml.set_key(self.doc, key, value, _mine(item))

    def set_persona(self, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        doc = self.doc
        if "persona" not in doc:
            import tomlkit

            doc["persona"] = tomlkit.table()
        return toml.change(doc["persona"], key, value, _mine(item), lambda table: doc.__setitem__("persona", table))

    def remove_persona(self, item: Any) -> tuple[Values, Any]:
        doc = self.doc
        found = toml.values(doc["persona"])
        del doc["persona"]
        return found, None

    # -- stages and touchpoints ----------------------------------------------------------------

    def set_stage(self, s: int, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        container = toml.stages(self.doc)
        return toml.change(container[s], key, value, _mine(item), lambda table: toml.swap(container, s, table))

    def set_touchpoint(self, s: int, t: int, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        container = toml.touchpoints(toml.stages(self.doc)[s])
        return toml.change(container[t], key, value, _mine(item), lambda table: toml.swap(container, t, table))

    def touchpoint_values(self, s: int, t: int) -> Values:
        return toml.values(toml.touchpoints(toml.stages(self._tree())[s])[t])

    def insert_touchpoint(self, s: int, index: int, pairs: Values, item: Any, held: Any) -> tuple[dict, Any]:
        doc = self.doc
        stages = toml.stages(doc)
        stage_table = stages[s]
        kept = toml.hold_touchpoints(stage_table)
        container = toml.touchpoints(stage_table, create=True)
        table = _mine(item)
        if table is None:
            table = _new_touchpoint(doc, stages, s, container, index, pairs)
        toml.insert(container, index, table)
        toml.put_touchpoints(stage_table, held)
        return table.unwrap(), kept

    def take_touchpoint(self, s: int, t: int, held: Any) -> tuple[Values, Any, Any]:
        stage_table = toml.stages(self.doc)[s]
        kept = toml.hold_touchpoints(stage_table)
        table = _take(stage_table, t)
        toml.put_touchpoints(stage_table, held)
        return toml.values(table), table, kept

    def move_touchpoint(self, s: int, t: int, to_stage: int, to: int, item: Any, held: Any) -> tuple[Any, Any]:
        stages = toml.stages(self.doc)
        tables = {i: stages[i] for i in (s, to_stage)}
        kept = tuple((i, h) for i, tab in tables.items() if (h := toml.hold_touchpoints(tab)) is not None)
        table = _take(stages[s], t, keep_key=to_stage == s)
        target = toml.touchpoints(stages[to_stage], create=True)
        moved = _mine(item) if _mine(item) is not None else toml.fit(table, target)
        toml.insert(target, to, moved)
        for i, h in held or ():
            toml.put_touchpoints(tables[i], h)
        # Only a table that had to be rewritten (inline ⇄ table) goes back as it was; otherwise
        # the table in the tree is the one to move back, as later edits may have replaced it.
        return (table if moved is not table else None), kept

    def insert_stage(self, index: int, pairs: Values, touchpoints: tuple[tuple[str, Values], ...], item: Any,
                     held: Any) -> Any:
        doc = self.doc
        container = toml.stages(doc)
        kept = toml.hold_stages(doc)
        table = _mine(item)
        if table is None:
            if toml.inline(container):
                table = toml.new_table(pairs, inline=True)
            else:
                ends_file = index >= len(container) and toml.last_in_document(doc, "stages")
                previous = container[index - 1] if index > 0 else None
                table = toml.place(toml.new_table(pairs), previous, ends_file)
            _stage_tables(table, touchpoints)
        toml.insert(container, index, table)
        toml.put_stages(doc, held)
        return kept

    def take_stage(self, s: int, held: Any) -> tuple[Values, list[Values], Any, Any]:
        doc = self.doc
        container = toml.stages(doc)
        kept = toml.hold_stages(doc)
        table = container[s]
        del container[s]
        toml.put_stages(doc, held)
        return toml.values(table), [toml.values(t) for t in toml.touchpoints(table) or ()], table, kept

    def move_stage(self, s: int, to: int, held: Any) -> Any:
        doc = self.doc
        container = toml.stages(doc)
        kept = toml.hold_stages(doc)
        table = container[s]
        del container[s]
        toml.insert(container, to, table)
        toml.put_stages(doc, held)
        return kept


def _mine(item: Any) -> Any:
    """A tomlkit item this layout handed out (not a piece: a history that outlived a change of shape)."""
    from tomlkit.items import Item

    return item if isinstance(item, Item) else None


def _stage_tables(stage: Any, touchpoints: tuple[tuple[str, Values], ...]) -> None:
    """Give a new stage table its touchpoints (a stage deleted, then brought back from a journal)."""
    if not touchpoints:
        return
    container = toml.touchpoints(stage, create=True)
    for index, (_, values) in enumerate(touchpoints):
        table = toml.new_table(values, inline=toml.inline(container))
        if not toml.inline(container):
            table = toml.place(table, None, ends_file=False)
        toml.insert(container, index, table)


def _new_touchpoint(doc: TOMLDocument, stages: Any, s: int, container: Any, index: int, values: Values) -> Any:
    """A new touchpoint table with the blank lines its neighbours have (inline in an inline array)."""
    if toml.inline(container):
        return toml.new_table(values, inline=True)
    ends_file = index >= len(container) and s == len(stages) - 1 and toml.last_in_document(doc, "stages")
    if index > 0:
        previous = container[index - 1]
    else:
        previous = stages[s] if len(container) == 0 else None
    return toml.place(toml.new_table(values), previous, ends_file)


def _take(stage_table: Any, index: int, keep_key: bool = False) -> Any:
    """Remove the touchpoint table at `index`; a stage left with none loses an array of tables."""
    container = toml.touchpoints(stage_table)
    table = container[index]
    del container[index]
    if len(container) == 0 and not toml.inline(container) and not keep_key:
        del stage_table["touchpoints"]
    return table
