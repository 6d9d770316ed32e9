"""The cell bar: the current cell's value between edits, its editor during one, and the focus
never moving between the two (a focus change restyled and repainted the whole screen)."""

from __future__ import annotations

from textual.widgets import Input

from tui.app.widgets.cell_editor import CellEditor
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import KEYS

from app_support import changed_lines, make_app, save, typed_at_once

SIZE = (80, 24)


def _bar(app) -> CellEditor:
    return app.screen.query_one(CellEditor)


async def test_between_edits_the_bar_shows_the_cell_and_letters_are_the_screens_keys(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar, grid = _bar(app), app.screen.query_one(JourneyGrid)
        assert app.focused is bar and not bar.editing and bar.read_only
        assert (bar.text, str(bar.border_title), bar.border_subtitle) == (
            "Sensibilisation", "Étape · Sensibilisation #1", "1/21")
        await pilot.press("j", "j", "j", *"l" * KEYS.index("who"), "x", "tab", "backspace")
        # j and l moved the grid's cursor; x, tab and backspace did nothing: nothing was typed.
        assert (grid.cursor_row, grid.current_key) == (3, "who")
        assert (bar.text, str(bar.border_title), bar.border_subtitle) == (
            "Service client du distributeur", "Qui · Recherche #2", "4/21")
        assert app.focused is bar and not app.history.can_undo


async def test_an_edit_and_its_commit_keep_the_focus_on_the_bar_and_save_the_value(concert):
    before = concert.read_text(encoding="utf-8")
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = _bar(app)
        focus_moves = []
        app.screen.watch(app.screen, "focused", lambda widget: focus_moves.append(widget), init=False)
        await pilot.press("j", "j", "j", *"l" * KEYS.index("who"), "e")
        assert bar.editing and not bar.read_only and bar.has_class("-editing")
        await pilot.press("ctrl+u", *"Agence", "enter")
        await pilot.pause()
        assert not bar.editing and bar.read_only and bar.text == "Agence"
        assert focus_moves == []  # opened and closed without the focus moving
        await save(app, pilot)
    assert changed_lines(before, concert.read_text(encoding="utf-8")) == [
        '-who = "Service client du distributeur"', '+who = "Agence"']


async def test_the_bar_grows_over_the_grid_only_for_a_long_text(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar, grid = _bar(app), app.screen.query_one(JourneyGrid)
        height, grid_size = bar.size.height, grid.size
        await pilot.press(*"l" * KEYS.index("who"), "e")
        await pilot.pause()
        assert not bar.has_class("-tall") and bar.size.height == height
        await pilot.press(*"un texte assez long pour tenir sur plus de deux lignes de la barre " * 2)
        await pilot.pause()
        assert bar.has_class("-tall") and bar.size.height > height and grid.size == grid_size
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.has_class("-tall") and bar.size.height == height


async def test_the_picker_and_the_search_give_the_focus_back_to_the_bar(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = _bar(app)
        await pilot.press(*"l" * KEYS.index("channel"), "e")
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "slash")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        assert app.focused is bar and not bar.editing


# --- keys read in one go (a fast typist, keys bunched over SSH): each lands where it was typed for


async def _settle(pilot) -> None:
    """Until the held keys have gone round again (each commit lets them go once it is done)."""
    for _ in range(12):
        await pilot.pause()


async def test_an_editing_key_runs_where_it_was_typed_among_letters(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"l" * KEYS.index("who"), "e")
        typed_at_once(app, "ctrl+u", *"Chat", "left", "left", "x", "backspace", *"ez", "enter")
        await _settle(pilot)
        assert app.document.map.touchpoint(0, 0).who == "Chezat"  # "Chat", "Ch|at", "Chx|at", "Ch|at", "Chez|at"


async def test_keys_typed_after_tab_go_to_the_next_cell_and_after_enter_to_the_grid(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"l" * KEYS.index("who"), "e")
        typed_at_once(app, "ctrl+u", *"Alice", "tab", *"Trop cher", "enter", "j", "j")
        await _settle(pilot)
        touchpoint = app.document.map.touchpoint(0, 0)
        assert (touchpoint.who, touchpoint.pain) == ("Alice", "Trop cher")
        grid = app.screen.query_one(JourneyGrid)
        assert (grid.cursor_row, grid.current_key) == (2, "pain") and not _bar(app).editing


async def test_a_fields_keys_run_in_typing_order_in_the_picker_filter_too(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"l" * KEYS.index("channel"), "e")
        typed_at_once(app, *"synchx", "backspace", "home", "a", "end", "e")
        await _settle(pilot)
        assert app.focused.value == "asynche"


async def test_keys_typed_after_tab_in_the_picker_go_to_the_next_picker(concert):
    """« synch », tab, « chat », tab, « tech »… in one read: each picker chooses among what its
    letters found, and the letters after a tab filter the picker that tab opened."""
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"l" * KEYS.index("channel"), "e")
        typed_at_once(app, *"synch", "tab", *"chat", "tab", "ctrl+u", *"Bot", "tab", *"tech", "down", "up",
                      "enter", "j")  # Canal, Support, Réponse (the editor), Type, then the grid
        await _settle(pilot)
        touchpoint = app.document.map.touchpoint(0, 0)
        assert (touchpoint.channel, touchpoint.support, touchpoint.response, touchpoint.type) == (
            "communication-synchrone", "chatbot", "Bot", "technique")
        grid = app.screen.query_one(JourneyGrid)
        assert (grid.cursor_row, grid.current_key) == (1, "type") and app.focused is _bar(app)
