"""The editor's saves where the ground moves: a folder deleted and made again, a fault in the save
worker, a save-as onto a FIFO or onto the map itself, a map that turns into a merge conflict."""

from __future__ import annotations

import os
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from textual.app import App

from app_support import ROOT, make_app
from tui.app.screens.dialogs import ConfirmScreen, ConflictScreen
from tui.core.journal import map_key
from tui.core.session import Session

SIZE = (100, 30)


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def touchpoints(path: Path) -> int:
    return len(tomllib.loads(path.read_text(encoding="utf-8"))["stages"][0]["touchpoints"])


@pytest.fixture
def notices(monkeypatch) -> list[str]:
    received: list[str] = []
    notify = App.notify

    def spy(self, message, **kwargs):
        received.append(message)
        return notify(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", spy)
    return received


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project folder holding concert.toml, and the working folder: the map is opened by a relative name."""
    folder = tmp_path / "projet"
    folder.mkdir()
    shutil.copyfile(ROOT / "maps" / "concert.toml", folder / "concert.toml")
    monkeypatch.chdir(folder)
    return folder


async def test_a_save_lands_in_the_folder_made_again_after_the_old_one_was_deleted(project):
    original = (project / "concert.toml").read_bytes()
    app = make_app(Path("concert.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        shutil.rmtree(project)  # a checkout, a sync: the folder goes and comes back, the working folder with it
        project.mkdir()
        (project / "concert.toml").write_bytes(original)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not app.history.dirty
    assert touchpoints(project / "concert.toml") == 1


async def test_a_map_gone_with_its_folder_is_a_conflict_then_saved_into_the_new_folder(project):
    app = make_app(Path("concert.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        shutil.rmtree(project)
        project.mkdir()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictScreen)  # the file went away: someone did that
        await pilot.click("#overwrite")
        await settle(app, pilot)
        assert not app.history.dirty
    assert touchpoints(project / "concert.toml") == 1


async def test_a_fault_in_the_save_worker_is_a_notice_and_the_edits_stay(concert, monkeypatch, notices):
    def broken(self, path=None, force=False):
        raise RuntimeError("boom")

    monkeypatch.setattr(Session, "save", broken)
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+s")
        await settle(app, pilot)
        assert app.is_running and app.history.dirty
        assert any("RuntimeError: boom" in message for message in notices)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not app.history.dirty
    assert touchpoints(concert) == 1


def test_naming_a_journal_never_raises(tmp_path, monkeypatch):
    gone = tmp_path / "parti"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the working folder of a relative name is gone
    assert map_key(Path("carte.toml"))
    loop = tmp_path / "boucle.toml"
    loop.symlink_to(loop)  # Path.resolve raises on this before Python 3.13
    assert map_key(loop)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
async def test_save_as_never_replaces_a_fifo(concert, notices):
    fifo = concert.parent / "tube.toml"
    os.mkfifo(fifo)
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "W", "ctrl+u", *str(fifo), "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.history.dirty and app.document.path == concert
        assert any("is not a regular file" in message for message in notices)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


async def test_save_as_onto_the_map_itself_is_an_ordinary_save_with_its_conflict_check(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "W", "ctrl+u", *str(concert), "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen) and not app.history.dirty
        assert touchpoints(concert) == 1
        other = concert.read_text(encoding="utf-8").replace("Camille", "Dominique")
        concert.write_text(other, encoding="utf-8")  # someone else saves
        await pilot.press("a", "W", "ctrl+u", *str(concert.parent / "." / concert.name), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictScreen)  # not "replace it?": their save would be lost
        assert concert.read_text(encoding="utf-8") == other


async def test_a_map_that_turns_into_a_merge_conflict_is_told_once_by_name(concert, notices):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        text = concert.read_text(encoding="utf-8")
        concert.write_text("<<<<<<< HEAD\n" + text + "=======\n>>>>>>> autre\n", encoding="utf-8")
        for _ in range(3):
            app.check_disk()
            await settle(app, pilot)
        told = [message for message in notices if "conflit" in message]
        assert len(told) == 1 and "marques de conflit de fusion non résolues à la ligne 1" in told[0]
        assert app.is_running and not app.history.dirty
