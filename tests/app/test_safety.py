"""The editor never loses a map: conflicts on save, reload on external change, recovery."""

from __future__ import annotations

import gc

import pytest

import tomllib

from app_support import make_app
from tui.app.app import ParcoursApp
from tui.app.screens.dialogs import ConflictScreen
from tui.app.screens.recover import RecoverScreen
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.journal import journal_path, pending
from tui.core import storage

SIZE = (80, 24)


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def into_conflict(app, pilot, path, old: str = "Camille", new: str = "Dominique") -> str:
    """Delete a touchpoint, let someone else change the file, press ctrl+s; returns what they wrote."""
    await pilot.press("d")
    other = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(other, encoding="utf-8")
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    return other


async def test_a_file_changed_on_disk_is_never_overwritten_silently(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        other = await into_conflict(app, pilot, concert, "Achat de billets de concert", "Changé ailleurs")
        assert isinstance(app.screen, ConflictScreen)
        assert concert.read_text(encoding="utf-8") == other
        await pilot.press("escape")
        assert app.history.dirty


async def test_conflict_save_a_copy_keeps_both(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        other = await into_conflict(app, pilot, concert)
        await pilot.click("#copy")
        await settle(app, pilot)
    assert concert.read_text(encoding="utf-8") == other
    copies = list(concert.parent.glob("concert.copie-*.toml"))
    assert len(copies) == 1
    assert len(tomllib.loads(copies[0].read_text(encoding="utf-8"))["stages"][0]["touchpoints"]) == 1


async def test_conflict_overwrite_and_reload(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await into_conflict(app, pilot, concert)
        await pilot.click("#overwrite")
        await settle(app, pilot)
        assert not app.history.dirty
    data = tomllib.loads(concert.read_text(encoding="utf-8"))
    assert data["persona"]["name"] == "Camille, 29 ans" and len(data["stages"][0]["touchpoints"]) == 1


async def test_conflict_reload_drops_the_edits_only_after_confirming(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        changed = await into_conflict(app, pilot, concert)
        await pilot.click("#reload")
        await settle(app, pilot)
        await pilot.press("n")  # not sure after all: the edit stays
        await settle(app, pilot)
        assert app.history.dirty and len(app.document.map.stages[0].touchpoints) == 1
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.click("#reload")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert not app.history.dirty
        assert app.document.map.persona.name.startswith("Dominique")
        assert len(app.document.map.stages[0].touchpoints) == 2
    assert concert.read_text(encoding="utf-8") == changed


@pytest.mark.parametrize("read_only", [False, True], ids=["editor", "read-only viewer"])
async def test_unchanged_editor_follows_changes_on_disk(concert, read_only):
    """A viewer of `parcours serve --read-only` follows the presenter's saves this way."""
    app = make_app(concert, read_only=read_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        concert.write_text(concert.read_text(encoding="utf-8").replace("Achat de billets de concert", "Nouveau titre"), encoding="utf-8")
        app.check_disk()
        await settle(app, pilot)
        assert app.document.map.title == "Nouveau titre"
        assert app.screen.query_one("JourneyGrid").cursor_row == 2


async def test_unsaved_edits_are_kept_when_the_file_changes(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        concert.write_text(concert.read_text(encoding="utf-8").replace("Camille", "Dominique"), encoding="utf-8")
        app.check_disk()
        await settle(app, pilot)
        assert app.history.dirty
        assert app.document.map.persona.name == "Camille, 29 ans"


async def test_unwritable_folder_keeps_the_edits(concert, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, for whom chmod does not stop a write: refuse the temporary file instead.
    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+s")
        await settle(app, pilot)
        assert app.history.dirty
        assert len(app.document.map.stages[0].touchpoints) == 1
        monkeypatch.undo()
        await pilot.press("W")
        await pilot.press("ctrl+u", *str(concert.parent / "ailleurs.toml"), "enter")
        await settle(app, pilot)
        assert not app.history.dirty
        assert app.document.path.name == "ailleurs.toml"
    assert len(tomllib.loads(concert.read_text(encoding="utf-8"))["stages"][0]["touchpoints"]) == 2


async def test_edits_are_journaled_and_offered_back(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "l", "l", "l", "l", "e", "x", "enter")
        app.journal.flush()
        assert journal_path(concert).is_file()
        # the session is lost here: no save, no quit
    recovery = pending(concert)
    assert recovery is not None and len(recovery.edits) == 2
    again = ParcoursApp(MapDocument.load(concert), load_catalogues(concert), recovery=recovery)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, RecoverScreen)
        await pilot.press("y")
        assert len(again.document.map.stages[0].touchpoints) == 1
        assert again.document.map.touchpoint(0, 0).response.endswith("x")
        await pilot.press("u", "u")
        assert len(again.document.map.stages[0].touchpoints) == 2


async def test_a_save_or_a_clean_quit_removes_the_journal(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        app.journal.flush()
        assert journal_path(concert).is_file()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not journal_path(concert).exists()
        await pilot.press("d", "ctrl+q", "d")
    assert not journal_path(concert).exists()


async def test_the_editor_turns_garbage_collection_back_on_after_starting(concert):
    """The command line starts the editor with the collector off; a session must not run without it."""
    gc.disable()
    try:
        app = make_app(concert)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert gc.isenabled()
    finally:
        gc.enable()
