"""What speed on large maps rests on, checked as structure (timings belong to bench/)."""

from __future__ import annotations

from pathlib import Path

from app_support import make_app
from tui.cells import KEYS

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
