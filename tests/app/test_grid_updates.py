"""The grid draws only what changed, and never shows a stale line; what speed rests on, checked as structure.

"Painted" here is what the grid hands the screen: `render_lines` goes through
Textual's own line cache, so a line the grid forgot to refresh shows as it
was. "Fresh" is the same grid with every cache emptied and every line drawn
again from the map.
"""

from __future__ import annotations

from pathlib import Path

from app_support import make_app
from textual.cache import LRUCache
from textual.geometry import Region

import tui.app.widgets.grid as grid_module
from tui.app.widgets.cell_editor import CellEditor
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import KEYS

SIZE = (80, 24)


def _big_map(path: Path, count: int = 120) -> Path:
    lines = ['schema = 1', 'title = "Grande carte"', "", "[[stages]]", 'id = "a"', 'name = "A"']
    for number in range(count):
        lines += ["", "[[stages.touchpoints]]", f'who = "Personne {number}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _six_stages(path: Path) -> Path:
    lines = ['schema = 1', 'title = "Carte"']
    for stage in range(6):
        lines += ["", "[[stages]]", f'id = "s{stage}"', f'name = "Étape {stage}"']
        for number in range(10):
            lines += ["", "[[stages.touchpoints]]", f'response = "Réponse {stage}.{number}"', f'who = "Qui {number}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _grid(app) -> JourneyGrid:
    return app.map_screen.query_one(JourneyGrid)


def _lines(grid: JourneyGrid) -> list[tuple]:
    """Each line as the screen gets it: its text and styles, cell by cell."""
    strips = grid.render_lines(Region(0, 0, *grid.scrollable_content_region.size))
    return [tuple((segment.text, segment.style) for segment in strip) for strip in strips]


def _stale_lines(grid: JourneyGrid) -> list[int]:
    """The lines painted differently from a fresh drawing of the same map, cursor and scroll.

    The fresh drawing uses an empty cache of its own; the grid's is kept for the next key.
    """
    painted = _lines(grid)
    kept, grid._strips, grid._look = grid._strips, LRUCache(grid_module.CACHED_LINES), None
    grid.refresh()
    fresh = _lines(grid)
    grid._strips = kept
    return [y for y, (old, new) in enumerate(zip(painted, fresh)) if old != new]


KEYS_PRESSED = ["down", "down", "a", "e", *"neuf", "enter", "down", "d", "y", "J", "+", "+", "right", "right", "right",
                "right", "pagedown", "pagedown", "a", "pageup", "u", "pageup", "pageup", "down", "e", "x", "enter",
                "end", "e", "w", "enter", "left", "e", "z", "enter", "u", "ctrl+r", "home", "D", "enter", "u", "ctrl+end",
                "a", "u"]


async def test_what_is_painted_after_each_key_is_what_a_fresh_grid_paints(tmp_path):
    """Strips are cached by what a row shows: no edit, undo, move or scroll may leave a stale line."""
    path = _six_stages(tmp_path / "carte.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = _grid(app)
        for key in KEYS_PRESSED:
            await pilot.press(key)
            await pilot.pause()
            assert _stale_lines(grid) == [], key
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        edited, where = _lines(grid), (grid.cursor_coordinate, grid.scroll_offset)
    fresh = make_app(path)
    async with fresh.run_test(size=SIZE) as pilot:
        grid = _grid(fresh)
        grid.move_cursor(row=where[0].row, column=where[0].column)
        grid.scroll_to(*where[1], animate=False)
        await pilot.pause()
        assert (grid.cursor_coordinate, grid.scroll_offset) == where
        assert _lines(grid) == edited


async def test_the_check_sees_a_stale_line_when_the_cache_key_forgets_the_content(tmp_path, monkeypatch):
    """The test above can fail: with a key that leaves out the touchpoint, an edited row shows its old text."""
    real = JourneyGrid._row_key
    monkeypatch.setattr(JourneyGrid, "_row_key", lambda self, index: tuple(
        part for number, part in enumerate(real(self, index)) if number != 1))
    app = make_app(_six_stages(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        grid = _grid(app)
        await pilot.press("down", *["right"] * KEYS.index("who"), "e", "x", "enter")
        await pilot.pause()
        assert 2 in _stale_lines(grid)  # the header, then rows 0 and 1: row 1 is the edited one


async def test_a_commit_draws_one_row_afresh_and_takes_the_others_from_the_cache(tmp_path, monkeypatch):
    app = make_app(_six_stages(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", *["right"] * KEYS.index("who"), "e", "x")
        await pilot.pause()
        drawn = []
        real = grid_module.paint_row
        monkeypatch.setattr(grid_module, "paint_row", lambda *a, **k: drawn.append(a[4]) or real(*a, **k))
        await pilot.press("enter")
        await pilot.pause()
        assert drawn == [2]


async def test_rows_shifted_by_an_insert_are_right_when_they_scroll_into_view(tmp_path):
    app = make_app(_big_map(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        grid = _grid(app)
        await pilot.press(*["right"] * KEYS.index("who"), "a")  # a new empty touchpoint at row 1
        await pilot.pause()
        for _ in range(4):  # rows under 100: a wider « Personne 100 » is cut in its column
            await pilot.press("pagedown")
        await pilot.pause()
        top = int(grid.scroll_y)
        assert top > 40
        painted = [strip.text for strip in grid.render_lines(Region(0, 1, grid.size.width, 10))]
        assert all(f"Personne {top + y - 1}" in line for y, line in enumerate(painted)), painted
        await pilot.press("u")  # the delete shifts them back up
        await pilot.pause()
        top = int(grid.scroll_y)
        painted = [strip.text for strip in grid.render_lines(Region(0, 1, grid.size.width, 10))]
        assert all(f"Personne {top + y}" in line for y, line in enumerate(painted)), painted
        assert grid.row_count == 120


async def test_the_cell_bar_follows_the_cursor_in_the_same_handler(tmp_path):
    """Moving the cursor changes the cell bar before anything else runs: one frame, not two."""
    app = make_app(_six_stages(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid, bar = _grid(app), app.map_screen.query_one(CellEditor)
        grid.move_cursor(row=3, column=KEYS.index("response"))
        assert bar.text == "Réponse 0.3" and str(bar.border_title).startswith("Réponse · ")
        grid.action_cursor_down()
        assert bar.text == "Réponse 0.4"


async def test_marks_show_on_their_cells_and_repaint_only_their_rows(tmp_path, monkeypatch):
    app = make_app(_six_stages(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        grid = _grid(app)
        await pilot.pause()
        refreshed = []
        real = grid.refresh
        monkeypatch.setattr(grid, "refresh", lambda *regions, **k: refreshed.extend(regions) or real(*regions, **k))
        grid.show_marks({(3, 1): "magenta", (5, 0): "green"})
        assert sorted(region.y for region in refreshed) == [4, 6] and all(r.height == 1 for r in refreshed)
        await pilot.pause()
        lines = [strip.text for strip in grid.render_lines(Region(0, 0, grid.size.width, 8))]
        situation = grid._columns.starts[1]
        assert lines[4][situation] == "▌" and lines[6][0] == "▌"
        assert "▌" not in lines[1] + lines[2] + lines[3]
        refreshed.clear()
        grid.show_marks({(5, 0): "green"})
        assert [region.y for region in refreshed] == [4]
        await pilot.pause()
        assert "▌" not in grid.render_lines(Region(0, 4, grid.size.width, 1))[0].text


async def test_the_editor_opens_over_the_grid_without_hiding_the_cursor(tmp_path):
    """The editor is laid over the grid (no relayout of the grid), so the grid scrolls the cursor above it."""
    app = make_app(_big_map(tmp_path / "carte.toml", count=60))
    async with app.run_test(size=SIZE) as pilot:
        grid = _grid(app)
        height = grid.size
        await pilot.press(*["down"] * 16, *["right"] * KEYS.index("who"), "e")
        await pilot.pause()
        editor = app.map_screen.query_one("#editor")
        assert grid.size == height
        cursor_y = grid.region.y + grid.header_height + grid.cursor_row - int(grid.scroll_y)
        assert cursor_y < editor.region.y
        assert "Qui" in str(editor.border_title)
