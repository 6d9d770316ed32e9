"""Undo and redo over a document's edits, and whether there is anything unsaved.

Each entry keeps the edit to redo and the inverse to undo; applying one gives
the other back, so the stacks swap entries without knowing what they do.

Every entry has its own number, and `state` is the number of the entry on top
of the undo stack: a save remembers the state it wrote, so an edit made while
the save was being written (or undone meanwhile) still counts as unsaved.
"""

from __future__ import annotations

import itertools

from tui.core.document import MapDocument
from tui.core.edits import Edit

_Entry = tuple[int, Edit, Edit]


class History:
    """The edits applied to one document since it was opened."""

    def __init__(self, document: MapDocument) -> None:
        self.document = document
        self._undo: list[_Entry] = []
        self._redo: list[_Entry] = []
        self._numbers = itertools.count(1)
        self._saved: int | None = 0

    def do(self, edit: Edit) -> Edit:
        """Apply a new edit; it clears what could be redone. Returns the edit as applied (see `Edit.bind`)."""
        edit = edit.bind(self.document.map)
        inverse = self.document.apply(edit)
        self._undo.append((next(self._numbers), edit, inverse))
        self._redo.clear()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit; return the edit that was applied to do so."""
        if not self._undo:
            return None
        number, _, inverse = self._undo[-1]
        again = self.document.apply(inverse)
        self._undo.pop()
        self._redo.append((number, again, inverse))
        return inverse

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        number, again, _ = self._redo[-1]
        inverse = self.document.apply(again)
        self._redo.pop()
        self._undo.append((number, again, inverse))
        return again

    def checkpoint(self) -> tuple[int, list[_Entry]]:
        """Where the history stands, to `rewind` to if what follows must not count."""
        return len(self._undo), list(self._redo)

    def rewind(self, checkpoint: tuple[int, list[_Entry]]) -> None:
        """Undo the edits done since `checkpoint` and forget them, as if they had never been."""
        depth, redo = checkpoint
        try:
            while len(self._undo) > depth:
                self.undo()
        finally:
            del self._undo[depth:]
            self._redo = redo

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def last(self) -> _Entry | None:
        """The entry on top of the undo stack: its number, the edit as applied, and its inverse."""
        return self._undo[-1] if self._undo else None

    @property
    def redo_state(self) -> int | None:
        """The number of the entry `redo` would bring back (None: nothing to redo)."""
        return self._redo[-1][0] if self._redo else None

    @property
    def state(self) -> int:
        """Which state the document is in: equal numbers, equal documents."""
        return self._undo[-1][0] if self._undo else 0

    @property
    def dirty(self) -> bool:
        """Whether the document differs from its last save (undoing back to it makes it clean)."""
        return self._saved != self.state

    def mark_saved(self, state: int | None = None) -> None:
        """The document as it was in `state` (default: now) is what the file holds."""
        self._saved = self.state if state is None else state
