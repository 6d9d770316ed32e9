"""Undo and redo over a document's edits, and whether there is anything unsaved.

Each entry keeps the edit to redo and the inverse to undo; applying one gives
the other back, so the stacks swap entries without knowing what they do.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.document import MapDocument
from tui.core.edits import Edit


class History:
    """The edits applied to one document since it was opened."""

    def __init__(self, document: MapDocument, on_change: Callable[[Edit], None] | None = None) -> None:
        self.document = document
        self._undo: list[tuple[Edit, Edit]] = []
        self._redo: list[tuple[Edit, Edit]] = []
        self._saved_at: int | None = 0
        #: Told of every edit applied (the recovery journal listens here).
        self.on_change = on_change

    def _applied(self, edit: Edit) -> Edit:
        inverse = self.document.apply(edit)
        if self.on_change is not None:
            self.on_change(edit)
        return inverse

    def do(self, edit: Edit) -> Edit:
        """Apply a new edit; it clears what could be redone."""
        inverse = self._applied(edit)
        if self._saved_at is not None and self._saved_at > len(self._undo):
            self._saved_at = None
        self._undo.append((edit, inverse))
        self._redo.clear()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit; return the edit that was applied to do so."""
        if not self._undo:
            return None
        _, inverse = self._undo.pop()
        again = self._applied(inverse)
        self._redo.append((again, inverse))
        return inverse

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        again, _ = self._redo.pop()
        inverse = self._applied(again)
        self._undo.append((again, inverse))
        return again

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def dirty(self) -> bool:
        """Whether the document differs from its last save (undoing back to it makes it clean)."""
        return self._saved_at != len(self._undo)

    def mark_saved(self) -> None:
        self._saved_at = len(self._undo)
