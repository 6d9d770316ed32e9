"""In a browser session (`parcours serve`), save-as writes only new maps inside the map's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.app import ParcoursApp
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def elsewhere(tmp_path, monkeypatch):
    """Run from a scratch folder: a save-as that escaped would land there, not in the worktree."""
    scratch = tmp_path / "cwd"
    scratch.mkdir()
    monkeypatch.chdir(scratch)


def served_app(path: Path) -> tuple[ParcoursApp, list[str]]:
    app = ParcoursApp(MapDocument.load(path), load_catalogues(path), save_folder=path.parent)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(message), notify(message, **kwargs))[1]  # type: ignore[method-assign]
    return app, said


async def save_as(app, pilot, answer: str) -> None:
    await pilot.press("d", "W")
    await pilot.press("ctrl+u", *answer, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("where", ["../dehors.toml", "outside-absolute"])
async def test_served_save_as_refuses_a_path_outside_the_folder(concert, where):
    outside = concert.parent.parent / "dehors.toml"
    app, said = served_app(concert)
    before = concert.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await save_as(app, pilot, str(outside) if where == "outside-absolute" else where)
        assert app.history.dirty
        assert app.document.path == concert
    assert not outside.exists()
    assert concert.read_bytes() == before
    assert any("dossier de la carte" in message for message in said)


async def test_served_save_as_refuses_an_existing_file(concert):
    other = concert.parent / "autre.toml"
    other.write_text("schema = 1\n", encoding="utf-8")
    app, said = served_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(app, pilot, "autre.toml")
        assert app.history.dirty
    assert other.read_text(encoding="utf-8") == "schema = 1\n"
    assert any("existe déjà" in message for message in said)


async def test_served_save_as_writes_a_new_map_beside_the_old(concert):
    app, said = served_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await save_as(app, pilot, "copie.toml")
        assert not app.history.dirty
        assert app.document.path == concert.parent.resolve() / "copie.toml"
    assert (concert.parent / "copie.toml").is_file()
