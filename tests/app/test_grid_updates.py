"""What speed on large maps rests on, checked as structure (timings belong to bench/)."""

from __future__ import annotations

from pathlib import Path

from app_support import make_app
from textual.widgets import DataTable
from tui.output.cells import KEYS

SIZE = (80, 24)


def _big_map(path: Path, count: int = 120) -> Path:
    lines = ['schema = 1', 'title = "Grande carte"', "", "[[stages]]", 'id = "a"', 'name = "A"']
    for number in range(count):
        lines += ["", "[[stages.touchpoints]]", f'who = "Personne {number}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _who_column() -> int:
    return KEYS.index("who")


def _shown(grid, row: int) -> str:
    return str(grid.get_cell_at((row, _who_column())))


async def test_an_edit_never_clears_the_table(tmp_path):
    app = make_app(_big_map(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        grid = app.map_screen.query_one("#grid")
        cleared = []
        grid.clear = lambda *a, **k: cleared.append(a)  # type: ignore[method-assign]
        await pilot.press("a", "d", "y", "u", "u", "+", "u", "J", "u")
        await pilot.pause()
        assert cleared == []


async def test_rows_shifted_by_an_insert_are_right_when_they_scroll_into_view(tmp_path):
    app = make_app(_big_map(tmp_path / "carte.toml"))
    async with app.run_test(size=SIZE) as pilot:
        grid = app.map_screen.query_one("#grid")
        await pilot.press("a")  # a new empty touchpoint at row 1: every row below moves down
        await pilot.pause()
        assert _shown(grid, 1) == "" and _shown(grid, 2).startswith("Personne 1")
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        top = int(grid.scroll_y)
        for row in range(top, min(top + 15, grid.row_count)):
            assert _shown(grid, row).startswith(f"Personne {row - 1}"), row
        await pilot.press("u")  # the delete shifts them back up
        await pilot.pause()
        top = int(grid.scroll_y)
        for row in range(top, min(top + 15, grid.row_count)):
            assert _shown(grid, row).startswith(f"Personne {row}"), row
        assert grid.row_count == 120


def _painted(grid) -> list[str]:
    return [grid.render_line(y).text for y in range(grid.size.height)]


async def test_what_is_painted_after_edits_is_what_a_fresh_grid_paints(tmp_path):
    """The grid caches painted lines per row version: no edit, undo or scroll may leave a stale line."""
    lines = ['schema = 1', 'title = "Carte"']
    for stage in range(6):
        lines += ["", "[[stages]]", f'id = "s{stage}"', f'name = "Étape {stage}"']
        for number in range(10):
            lines += ["", "[[stages.touchpoints]]", f'response = "Réponse {stage}.{number}"', f'who = "Qui {number}"']
    path = tmp_path / "carte.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    keys = ["down", "down", "a", "e", *"neuf", "enter", "down", "d", "y", "J", "+", "+", "right", "right", "right", "right",
            "pagedown", "pagedown", "a", "pageup", "u", "pageup", "pageup", "down", "e", "x", "enter"]
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = app.map_screen.query_one("#grid")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            uncached = [DataTable.render_line(grid, y).text for y in range(grid.size.height)]
            assert _painted(grid) == uncached, key
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        edited, where = _painted(grid), (grid.cursor_coordinate, grid.scroll_offset)
    fresh = make_app(path)
    async with fresh.run_test(size=SIZE) as pilot:
        grid = fresh.map_screen.query_one("#grid")
        grid.move_cursor(row=where[0].row, column=where[0].column, animate=False)
        grid.scroll_to(*where[1], animate=False)
        await pilot.pause()
        assert (grid.cursor_coordinate, grid.scroll_offset) == where
        assert _painted(grid) == edited


async def test_the_editor_opens_over_the_grid_without_hiding_the_cursor(tmp_path):
    """The editor is laid over the grid (no relayout of the grid), so the grid scrolls the cursor above it."""
    app = make_app(_big_map(tmp_path / "carte.toml", count=60))
    async with app.run_test(size=SIZE) as pilot:
        grid = app.map_screen.query_one("#grid")
        height = grid.size
        await pilot.press(*["down"] * 16, *["right"] * _who_column(), "e")
        await pilot.pause()
        editor = app.map_screen.query_one("#editor")
        assert grid.size == height
        cursor_y = grid.region.y + grid.header_height + grid.cursor_row - int(grid.scroll_y)
        assert cursor_y < editor.region.y
        assert "Qui" in str(editor.border_title)
