"""The grid at 80×24: six columns whole, the Étape column frozen, sideways scrolling by whole columns,
every field a column (pain points and opportunities edited inline), the mouse."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from app_support import changed_lines, make_app
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import KEYS

SIZE = (80, 24)
HEADINGS = {
    "fr": ["Étape", "Situation", "Canal", "Support", "Réponse", "Type", "Qui", "Émotion", "Irritant", "Opportunité"],
    "en": ["Stage", "Situation", "Channel", "Support", "Response", "Type", "Who", "Feeling", "Pain point", "Opportunity"],
}


def _grid(app) -> JourneyGrid:
    return app.map_screen.query_one(JourneyGrid)


def _painted(grid: JourneyGrid) -> list[str]:
    return [strip.text for strip in grid.render_lines(Region(0, 0, *grid.scrollable_content_region.size))]


def _whole_columns(grid: JourneyGrid) -> list[str]:
    """The headings shown whole, each at the start of its column, left to right."""
    header, columns = _painted(grid)[0], grid._columns
    scroll, width = int(grid.scroll_x), grid.scrollable_content_region.width
    shown = []
    for column, heading in enumerate(grid.headings):
        start = columns.starts[column] - (scroll if column else 0)
        end = start + columns.spans[column]
        if column and start < columns.fixed:
            continue  # scrolled away under the frozen column
        if end <= width:
            assert header[start:start + len(heading) + 1] == f" {heading}", (heading, header)
            shown.append(heading)
    return shown


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_ten_columns_and_six_of_them_whole_at_80_columns(concert, lang):
    app = make_app(concert, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = _grid(app)
        assert grid.headings == HEADINGS[lang]
        assert _whole_columns(grid) == HEADINGS[lang][:6]


async def test_the_stage_column_stays_and_columns_scroll_in_whole(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = _grid(app)
        columns, fixed = grid._columns, grid._columns.fixed
        frozen = [line[:fixed] for line in _painted(grid)]
        assert frozen[1].strip() == "Sensibilisation"
        width = grid.scrollable_content_region.width
        for column in range(1, len(KEYS)):
            await pilot.press("right")
            await pilot.pause()
            scroll = int(grid.scroll_x)
            assert scroll + fixed in columns.starts  # the left edge is a column's start
            start = columns.starts[column] - scroll
            assert fixed <= start and start + columns.spans[column] <= width  # the cursor's column is whole
            shown = _whole_columns(grid)
            assert shown[0] == "Étape" and grid.headings[column] in shown and len(shown) >= 4
            # The Étape column itself never moves (the cursor's row aside, highlighted on the first key only).
            assert [line[:fixed] for line in _painted(grid)][2:] == frozen[2:]
        assert int(grid.scroll_x) > 0 and "Opportunité" in _whole_columns(grid)
        for _ in range(len(KEYS) - 2):
            await pilot.press("left")
        await pilot.pause()
        assert grid.cursor_column == 1 and int(grid.scroll_x) == 0
        await pilot.press("end", "home")
        await pilot.pause()
        assert grid.cursor_column == 0 and int(grid.scroll_x) == 0


async def test_scrolling_sideways_by_wheel_or_scrollbar_stops_at_whole_columns(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = _grid(app)
        stops = [start - grid._columns.fixed for start in grid._columns.starts[1:]]
        grid.scroll_to(x=3, animate=False)
        assert int(grid.scroll_x) == stops[1]
        grid.scroll_to(x=stops[3] - 2, animate=False)  # rightwards: on to the next column's start
        assert int(grid.scroll_x) == stops[3]
        grid.scroll_to(x=stops[3] - 2, animate=False)  # leftwards: back to the previous one
        assert int(grid.scroll_x) == stops[2]
        grid.scroll_to(x=10_000, animate=False)
        assert int(grid.scroll_x) == grid.max_scroll_x and grid.max_scroll_x in stops


@pytest.mark.parametrize("key, typed, expected", [
    ("pain", "Trop de publicités", ['-pain = ""', '+pain = "Trop de publicités"']),
    ("opportunity", " ensemble", ["-opportunity = \"Montrer quels amis ont déjà aimé l'artiste\"",
                                  "+opportunity = \"Montrer quels amis ont déjà aimé l'artiste ensemble\""]),
])
async def test_pain_points_and_opportunities_are_edited_inline(concert, key, typed, expected):
    before = concert.read_text(encoding="utf-8")
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * KEYS.index(key), "e")
        await pilot.pause()
        assert app.map_screen.query_one("#editor").editing
        await pilot.press(*typed, "enter", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert changed_lines(before, concert.read_text(encoding="utf-8")) == expected


async def test_a_click_puts_the_cursor_on_a_cell_and_a_second_click_edits_it(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = _grid(app)
        x = grid._columns.starts[KEYS.index("response")] + 2
        await pilot.click(JourneyGrid, offset=(x, 3))  # the header, then rows 0, 1: row 2
        assert (grid.cursor_row, grid.current_key) == (2, "response")
        assert not app.map_screen.query_one("#editor").editing
        await pilot.click(JourneyGrid, offset=(x, 3))
        await pilot.pause()
        assert app.map_screen.query_one("#editor").editing


async def test_a_resize_keeps_whole_columns_and_the_cursor_in_view(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "left")
        for size in ((120, 40), (80, 24), (200, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            grid = _grid(app)
            columns, scroll = grid._columns, int(grid.scroll_x)
            assert scroll + columns.fixed in columns.starts, size
            start = columns.starts[grid.cursor_column] - scroll
            assert columns.fixed <= start and start + columns.spans[grid.cursor_column] <= grid.scrollable_content_region.width
            assert "Irritant" in _whole_columns(grid)


@pytest.mark.parametrize("read_only", [False, True], ids=["editing", "read-only"])
async def test_page_keys_move_by_a_screenful_and_ctrl_home_end_to_the_ends(tmp_path, read_only):
    """The screen's keys (the grid is never focused), in read-only mode too; the cell bar says
    the row, as the scrollbar did."""
    lines = ['schema = 1', 'title = "Carte"', "", "[[stages]]", 'id = "a"', 'name = "A"']
    for number in range(100):
        lines += ["", "[[stages.touchpoints]]", f'who = "Personne {number}"']
    path = tmp_path / "carte.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(path, read_only=read_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the cell bar comes after the first paint
        grid = _grid(app)
        bar = app.screen.query_one("#editor")
        assert app.focused is bar and grid.scrollable_content_region.width == grid.region.width  # no scrollbar
        assert bar.border_subtitle == "1/100"
        page = grid.scrollable_content_region.height - grid.header_height
        await pilot.press(*["right"] * KEYS.index("who"), "pagedown", "pagedown")
        await pilot.pause()
        assert grid.cursor_row == 2 * page and int(grid.scroll_y) <= grid.cursor_row < int(grid.scroll_y) + page
        await pilot.press("pageup")
        assert grid.cursor_row == page
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert grid.cursor_row == 99 and int(grid.scroll_y) == 100 - page
        assert "Personne 99" in _painted(grid)[-1]
        assert bar.border_subtitle == "100/100"
        await pilot.press("home")
        assert grid.cursor_column == 0
        await pilot.press("end")
        assert grid.cursor_column == len(KEYS) - 1
        await pilot.press("ctrl+home")
        assert (grid.cursor_row, int(grid.scroll_y)) == (0, 0)
