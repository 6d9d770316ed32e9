"""A live session with a hostile participant: its name, and what its host says, reach the screen
shown and never obeyed, and nothing it sends can stop the editor.

A participant's name is whatever its `--name` or its hello says (64 characters
of anything: an OSC title, a bidi override, `[/]`). It shows when someone
follows it (F); nowhere else does a name reach the screen (the header counts
participants, refusals and takeovers say fixed words). A host chooses each
participant's colour: one no terminal knows must not take the editor down.
"""

from __future__ import annotations

from live_editor import SIZE, editor, joined, until
from test_hostile_text import assert_shown
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import KEYS

#: The longest name a hello may carry, every character of it hostile.
NAME = "\x1b]0;pwned\x07 \x1b]52;c;eA==\x07 \u202eabc [/] [beta] \x9b\r\n"


async def test_following_a_participant_with_a_hostile_name_shows_the_name_as_typed(shared):
    path, open_link = shared
    app, said = editor(path, open_link("bob"))  # Bob hosts this time: the name comes from Alice's hello
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        alice = open_link(NAME)
        await joined(pilot, app)
        alice.cursor("recherche", "t4", "who", 3)
        await until(pilot, lambda: 3 in app.screen.query_one(JourneyGrid)._marks)
        await pilot.press("F")
        await until(pilot, lambda: any("Vous suivez" in s for s in said))
        # The toast wraps: two pieces, each as typed.
        assert_shown(app, "Vous suivez ␛]0;pwned␇ ␛]52;c;eA==␇ \\u202eabc [/] [beta]", "\\x9b␍␊ (F : le suivant")


async def test_a_colour_no_terminal_knows_marks_the_cursor_and_stops_nothing(shared):
    """The host picks the colours; one that is not a colour (StyleSyntaxError) crashed every participant."""
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        [host] = [m for m in alice.hub.members.values() if m.name == "alice"]
        host.colour = "pwned"  # a hostile host's choice: a token, as the protocol allows
        alice.cursor("recherche", "t4", "who", 3)
        grid = app.screen.query_one(JourneyGrid)
        await until(pilot, lambda: 3 in grid._marks)
        await pilot.pause()
        assert app.is_running
        line = grid.render_line(3 + grid.header_height)
        assert line.text[grid._columns.starts[KEYS.index("who")]] == "▌"
        assert_shown(app)


async def test_a_refusal_quoting_hostile_text_is_one_plain_line(shared, monkeypatch):
    """The host's refusal says why in words of its own choosing (an error quoting a value, an id):
    the notice shows them as typed, on one line."""
    from tui.core.live import hub

    def refuse(edit, jmap):
        raise hub.NotAdmitted("\x1b]0;pwned\x07 \u202e [/] [beta]\nsecond line")

    path, open_link = shared
    open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await joined(pilot, app)
        monkeypatch.setattr(hub, "admit", refuse)
        await pilot.press("minus")  # an edit, which the host refuses
        await until(pilot, lambda: any("Refusé" in s for s in said))
        assert_shown(app, "Refusé : ␛]0;pwned␇ \\u202e [/] [beta]␊second line")
