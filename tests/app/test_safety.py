"""The editor never loses a map: conflicts on save, reload on external change, recovery."""

from __future__ import annotations

import gc

import pytest

import tomllib

from app_support import make_app
from tui.app.app import ParcoursApp
from tui.app.screens.dialogs import ConfirmScreen, ConflictScreen
from tui.app.screens.recover import RecoverScreen
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.edits import SetMapField
from tui.core.recovery import orphans
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
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **options: (said.append(str(message)), notify(message, **options))[1]
    async with app.run_test(size=SIZE) as pilot:
        other = await into_conflict(app, pilot, concert)
        await pilot.click("#copy")
        await settle(app, pilot)
    assert concert.read_text(encoding="utf-8") == other
    copies = list(concert.parent.glob("concert.copie-*.toml"))
    assert len(copies) == 1
    # The copy says it is a copy, and that it is now the file being edited.
    assert any(m.startswith(f"Copie enregistrée : {copies[0].name}") for m in said), said
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
        assert app.session.journal.flush()
        assert app.session.journal.path.is_file()
        assert orphans(concert) == ([], [])  # alive: not offered to anyone
        app.session.journal.release()  # the session is lost here: no save, no quit
    [recovery], _ = orphans(concert)
    assert len(recovery.edits) == 2
    again = ParcoursApp(MapDocument.load(concert), load_catalogues(concert), recoveries=[recovery])
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, RecoverScreen)
        await pilot.press("y")
        assert len(again.document.map.stages[0].touchpoints) == 1
        assert again.document.map.touchpoint(0, 0).response.endswith("x")
        assert not recovery.path.exists()
        await pilot.press("u", "u")
        assert len(again.document.map.stages[0].touchpoints) == 2


async def test_every_lost_session_is_offered_in_turn(concert):
    for title in ("Perdu un", "Perdu deux"):
        lost = make_app(concert)
        async with lost.run_test(size=SIZE) as pilot:
            await pilot.press("d")
            lost.session.apply(SetMapField("title", title))
            lost.session.journal.release()
    found, _ = orphans(concert)
    assert len(found) == 2
    app = ParcoursApp(MapDocument.load(concert), load_catalogues(concert), recoveries=found)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen) and len(app.screen.others) == 1
        await pilot.press("escape")  # drop the first
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen) and app.screen.others == []
        await pilot.press("y")
        await pilot.pause()
        assert app.document.map.title == "Perdu deux"
    assert orphans(concert) == ([], [])


async def test_a_save_or_a_clean_quit_removes_the_journal(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        journal = app.session.journal
        journal.flush()
        assert journal.path.is_file()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        journal.flush()
        assert not journal.path.exists()
        await pilot.press("d", "ctrl+q", "d")
    assert not journal.path.exists()


async def test_a_read_only_viewer_leaves_an_editors_journal_alone(concert):
    editor = make_app(concert)
    async with editor.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        editor.session.journal.flush()
        viewer = make_app(concert, read_only=True)
        async with viewer.run_test(size=SIZE) as view:
            await view.press("ctrl+q")
        assert editor.session.journal.path.is_file()
        editor.session.journal.release()


async def test_save_as_asks_before_replacing_a_file(concert):
    other = concert.parent / "autre.toml"
    other.write_text("précieux", encoding="utf-8")
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "W", "ctrl+u", *str(other), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert other.read_text(encoding="utf-8") == "précieux" and app.history.dirty
        await pilot.press("W", "ctrl+u", *str(other), "enter", "y")
        await settle(app, pilot)
        assert not app.history.dirty and app.document.path == other
    assert len(tomllib.loads(other.read_text(encoding="utf-8"))["stages"][0]["touchpoints"]) == 1


async def test_the_header_warns_while_the_journal_cannot_protect_the_edits(concert, tmp_path):
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("")
    app = ParcoursApp(MapDocument.load(concert), load_catalogues(concert), journal_folder=blocker / "journal")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert not app.session.journal.flush()
        await settle(app, pilot)
        assert "non protégées" in str(app.screen.query_one("#header").render())
        blocker.unlink()
        app.session.journal.retry()
        assert app.session.journal.flush()
        await settle(app, pilot)
        assert "non protégées" not in str(app.screen.query_one("#header").render())


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
