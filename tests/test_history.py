"""Undo, redo and the unsaved mark."""

from __future__ import annotations

from pathlib import Path

from tui.core.document import MapDocument
from tui.core.edits import DeleteTouchpoint, SetMapField, SetTouchpointField
from tui.core.history import History

SOURCE = """schema = 1
title = "Carte"  # titre

[[stages]]
id = "a"
name = "A"

[[stages.touchpoints]]
channel = "radio"
who = 'Marketing'
"""


def _history() -> History:
    return History(MapDocument.from_text(Path("carte.toml"), SOURCE))


def test_undo_and_redo_walk_the_stacks():
    history = _history()
    history.do(SetTouchpointField(0, 0, "who", "Ventes"))
    history.do(SetMapField("title", "Nouvelle"))
    assert history.document.map.title == "Nouvelle"
    history.undo()
    assert history.document.map.title == "Carte"
    history.undo()
    assert history.document.text() == SOURCE
    assert history.undo() is None
    history.redo()
    history.redo()
    assert history.document.map.touchpoint(0, 0).who == "Ventes"
    assert history.redo() is None


def test_dirty_follows_the_saved_point():
    history = _history()
    assert not history.dirty
    history.do(DeleteTouchpoint(0, 0))
    assert history.dirty
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty
    history.redo()
    assert not history.dirty


def test_a_new_edit_after_undo_makes_the_saved_point_unreachable():
    history = _history()
    history.do(SetMapField("title", "Un"))
    history.mark_saved()
    history.undo()
    history.do(SetMapField("title", "Deux"))
    assert history.dirty
    history.undo()
    assert history.dirty


def test_on_change_sees_every_applied_edit():
    seen = []
    history = History(MapDocument.from_text(Path("carte.toml"), SOURCE), on_change=seen.append)
    history.do(SetMapField("title", "Un"))
    history.undo()
    history.redo()
    assert [type(e).__name__ for e in seen] == ["SetMapField"] * 3
    assert [e.value for e in seen] == ["Un", "Carte", "Un"]
