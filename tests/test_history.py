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
    history.do(SetTouchpointField("t1", "who", "Ventes"))
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
    history.do(DeleteTouchpoint("t1"))
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


def test_a_save_marks_the_state_it_wrote_not_the_state_when_it_ended():
    """A save takes its snapshot, edits come in while it writes: they stay unsaved."""
    history = _history()
    history.do(SetMapField("title", "Un"))
    written = history.state
    history.do(SetMapField("title", "Deux"))  # while the save is being written
    history.mark_saved(written)
    assert history.dirty
    history.undo()
    assert not history.dirty


def test_an_edit_undone_during_a_save_and_replaced_leaves_the_saved_state_unreachable():
    history = _history()
    history.do(SetMapField("title", "Un"))
    written = history.state
    history.undo()
    history.do(SetMapField("title", "Deux"))
    history.mark_saved(written)
    assert history.dirty
    history.undo()
    assert history.dirty


def test_rewind_forgets_what_came_after_a_checkpoint():
    history = _history()
    history.do(SetMapField("title", "Un"))
    history.undo()
    checkpoint = history.checkpoint()
    history.do(SetTouchpointField("t1", "who", "Ventes"))
    history.do(DeleteTouchpoint("t1"))
    history.rewind(checkpoint)
    assert history.document.text() == SOURCE
    assert not history.can_undo and history.redo() is not None
    assert history.document.map.title == "Un"
