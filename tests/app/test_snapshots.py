"""SVG snapshots of the main screens, at 80×24 and 120×40, in French and English.

Update with `pytest tests/app/test_snapshots.py --snapshot-update`, and only
after looking at the new pictures (snapshot_report.html).
"""

from __future__ import annotations

import pytest

from app_support import ROOT, make_app

EXAMPLE = ROOT / "maps" / "concert.toml"

SCREENS = {
    "main": [],
    "picker": ["l", "l", "l", "enter", "e", "v", "e", "n"],
    "preview": ["j", "p"],
    "help": ["question_mark"],
    "quit": ["d", "ctrl+q"],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path, screen, lang, size):
    target = tmp_path / "concert.toml"
    target.write_bytes(EXAMPLE.read_bytes())
    app = make_app(target, lang=lang)
    assert snap_compare(app, press=SCREENS[screen], terminal_size=size)


async def _conflict(pilot) -> None:
    """Delete a touchpoint, let someone else save the file, then ctrl+s: the conflict dialog."""
    app = pilot.app
    await pilot.press("d")
    path = app.document.path
    path.write_text(path.read_text(encoding="utf-8").replace("Camille", "Dominique"), encoding="utf-8")
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _recovery(pilot) -> None:
    from tui.app.screens.recover import RecoverScreen

    lines = ["Recherche #2 · qui → 'Équipe web'", "Sélection #1 · émotion → 1", "Acquisition · point de contact ajouté"]
    pilot.app.push_screen(RecoverScreen(lines, "2026-11-25 10:00", True, [("2026-11-24 09:30", 2)]))
    await pilot.pause()


async def _search(pilot) -> None:
    await pilot.press("slash", *"chatbot")
    await pilot.pause()


async def _record(pilot) -> None:
    await pilot.press("j", "o")
    await pilot.pause()


#: Screens that need more than keys: a file changed on disk, a lost session, read-only mode.
MOMENTS = {"search": (_search, False), "conflict": (_conflict, False), "recovery": (_recovery, False),
           "read-only": (None, True), "record": (_record, False)}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_moment(snap_compare, tmp_path, moment, lang, size):
    target = tmp_path / "concert.toml"
    target.write_bytes(EXAMPLE.read_bytes())
    run_before, read_only = MOMENTS[moment]
    app = make_app(target, lang=lang, read_only=read_only)
    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_others_cursors_in_a_live_session(snap_compare, tmp_path):
    """Two others' cursors as coloured cells, and the header's live line (the presence is set by hand:
    what the grid draws for it is what matters here, not the socket)."""
    from tui.core.live.events import Presence
    from tui.core.live.protocol import Participant

    target = tmp_path / "concert.toml"
    target.write_bytes(EXAMPLE.read_bytes())
    app = make_app(target)

    async def others(pilot) -> None:
        await pilot.pause()
        link = app.session
        link.presence = Presence((Participant("p1", "moi", "cyan"),
                                  Participant("p2", "Zoé", "magenta", False, "recherche", "t3", "response", 2),
                                  Participant("p3", "Yann", "bright_yellow", False, "selection", None, "stage", 4)),
                                 me="p1")
        link.role = "host"
        app.screen.presence(link.presence)
        await pilot.pause()

    assert snap_compare(app, run_before=others, terminal_size=(100, 20))
