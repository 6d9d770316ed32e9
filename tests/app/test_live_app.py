"""The editor in a live session, through Pilot: the header, others' cursors, following, edits both ways.

The other participants are plain `Link`s on the same map (each with its own
live thread, over the map's real socket), as another editor would be.
"""

from __future__ import annotations

import asyncio

from rich.style import Style

from app_support import typed_at_once
from live_editor import SIZE, editor, header, joined, until
from tui.app.app import ParcoursApp
from tui.app.widgets.grid import JourneyGrid
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.edits import InsertTouchpoint, SetTouchpointField
from tui.output.cells import KEYS, Row


async def test_a_participant_sees_who_is_here_and_the_others_edits(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, _ = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        assert app.session.role == "participant"
        alice.apply(SetTouchpointField("t1", "who", "Alice était là"))
        grid = app.screen.query_one(JourneyGrid)
        await until(pilot, lambda: grid.get_cell_at((0, KEYS.index("who"))).plain.startswith("Alice était"))
        await pilot.press("right", "right", "right", "right", "right", "right", "enter")  # Qui, row 1
        await pilot.press("ctrl+a", "ctrl+k", *"Bob", "enter")
        await until(pilot, lambda: alice.map.touchpoint(0, 0).who == "Bob")
        assert "modifié" in header(app)


async def test_undo_in_the_editor_undoes_only_your_own_edit(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.session.version == 0 and "2 participants" in header(app))
        await pilot.press("-")
        await until(pilot, lambda: alice.version == 1)
        alice.apply(SetTouchpointField("t2", "who", "Alice"))
        await until(pilot, lambda: app.session.version == 2)
        await pilot.press("u")
        await until(pilot, lambda: alice.version == 3)
        assert alice.map.touchpoint(0, 1).who == "Alice"
        assert alice.map.touchpoint(0, 0).emotion == MapDocument.load(path).map.touchpoint(0, 0).emotion
        await pilot.press("u")
        await until(pilot, lambda: any("Rien à annuler" in s for s in said))


async def test_others_cursors_are_marked_and_f_follows_until_you_move(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        grid = app.screen.query_one(JourneyGrid)
        await joined(pilot, app)
        alice.cursor("recherche", "t4", "who", 3)
        await until(pilot, lambda: grid._marks == {3: {KEYS.index("who"): Style(color="cyan")}})
        await pilot.pause()
        line = grid.render_line(3 + grid.header_height)  # the mark: a bar in alice's colour, left of the cell
        start = grid._columns.starts[KEYS.index("who")]
        assert line.text[start] == "▌"
        assert any(segment.text == "▌" and segment.style.color.name == "cyan" for segment in line)
        await pilot.press("F")
        await until(pilot, lambda: (grid.cursor_row, grid.cursor_column) == (3, KEYS.index("who")))
        assert any("alice" in s for s in said)
        alice.cursor("selection", "t6", "channel", 2)
        await until(pilot, lambda: (grid.cursor_row, grid.cursor_column) == (5, KEYS.index("channel")))
        await pilot.press("j")  # a movement of one's own: no longer following
        assert grid.cursor_row == 6
        alice.cursor("sensibilisation", "t1", "stage", 0)
        await until(pilot, lambda: 0 in grid._marks)
        await pilot.pause(0.1)
        assert grid.cursor_row == 6


async def test_f_outside_a_live_session_says_so(concert):
    app = ParcoursApp(MapDocument.load(concert), load_catalogues(concert))
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(message), notify(message, **kwargs))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        assert any("Personne à suivre" in s for s in said)


async def test_when_the_host_leaves_the_editor_takes_over_and_keeps_editing(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        alice.apply(SetTouchpointField("t1", "who", "Alice"))
        await until(pilot, lambda: app.session.version == 1)
        await pilot.press("j", "l", "l")
        await asyncio.to_thread(alice.leave)
        await until(pilot, lambda: app.session.role == "host")
        grid = app.screen.query_one(JourneyGrid)
        assert (grid.cursor_row, grid.cursor_column) == (1, 2)  # the map came anew; the cursor stayed
        await until(pilot, lambda: any("vous hébergez" in s for s in said))
        assert app.session.map.touchpoint(0, 0).who == "Alice" and app.session.dirty
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.session.dirty)
    assert 'who = "Alice"' in path.read_text(encoding="utf-8")


async def test_others_edits_leave_your_cursor_on_your_item_and_your_own_take_it_along(shared):
    """Alice adds a touchpoint above Bob's cursor and edits a cell elsewhere: Bob's cursor stays on
    the touchpoint it was on (one row down), so what he types next lands there; his own `a` moves it."""
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        grid = app.screen.query_one(JourneyGrid)
        await pilot.press("j", "j", "j", "l")  # Recherche #2 (t4), Situation
        assert grid.current_row == Row(1, 1) and grid.cursor_column == 1
        alice.apply(InsertTouchpoint("sensibilisation", "t1", (("who", "Alice"),)))
        await until(pilot, lambda: app.session.version == 1)
        assert (grid.cursor_row, grid.cursor_column) == (4, 1) and grid.current_row == Row(1, 1)
        alice.apply(SetTouchpointField("t1", "who", "Alice encore"))
        await until(pilot, lambda: app.session.version == 2)
        assert grid.cursor_row == 4
        await pilot.press("a")  # Bob's own edit: the cursor goes to the new touchpoint
        await until(pilot, lambda: app.session.version == 3)
        assert grid.current_row == Row(1, 2)


async def test_someone_joining_before_the_hosts_screen_is_built_is_shown_once_it_is(shared):
    """Presence and changes heard before the map screen is mounted raised NoMatches (no grid yet):
    they are drawn when it is, from the session as it is then."""
    path, open_link = shared
    host = open_link("host")
    alice = open_link("alice")
    alice.apply(SetTouchpointField("t1", "who", "Alice, avant"))
    app, _said = editor(path, host)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "2 participants" in header(app))
        await until(pilot, lambda: app.session.map.touchpoint(0, 0).who == "Alice, avant")
        await pilot.pause()
        assert app.screen.jmap.touchpoint(0, 0).who == "Alice, avant"
        assert app.return_code is None


async def test_keys_typed_right_after_enter_move_the_cursor_though_the_edit_comes_back_later(shared):
    """A host's own edit comes back from its hub's thread, after the keys typed next: « j j »
    typed with the enter that keeps a value move the cursor, and the edit does not take it back."""
    path, open_link = shared
    app, _said = editor(path, open_link("bob"))  # the host: its hub runs on its own thread
    open_link("alice")
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        grid = app.screen.query_one(JourneyGrid)
        await pilot.press(*"l" * KEYS.index("who"), "e", "ctrl+u")
        typed_at_once(app, *"Bob", "enter", "j", "j")
        await until(pilot, lambda: app.session.map.touchpoint(0, 0).who == "Bob")
        for _ in range(6):
            await pilot.pause()
        assert (grid.cursor_row, grid.current_key) == (2, "who")
