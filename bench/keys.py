"""Key latency: the main thread's time from a key press to the repainted screen.

Each key goes through Textual's Pilot, which then forces the repaint
(`pilot.pause()` lays out and renders the screen at once rather than at the
next frame tick). Pilot also sleeps while it waits for the app to go idle, so
wall time would measure its sleeps; the figure is the CPU time of the event
loop's thread instead: the handler, the grid update, layout and rendering,
and nothing else. A key that does nothing is measured too, as the floor.

The grid's part of each key is measured alongside: the thread time spent in
the grid's own methods (taking the map, moving the cursor, drawing its lines),
the rest being the session and document (the core), the other widgets, and
Textual's layout and compositing.
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

SIZE = (80, 24)


@dataclass(frozen=True)
class Latency:
    median_ms: float
    worst_ms: float
    count: int

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        return cls(statistics.median(seconds) * 1000, max(seconds) * 1000, len(seconds))


class GridClock:
    """Thread time spent inside the grid's own methods (nested calls counted once)."""

    METHODS = ("render_lines", "update_map", "show_map", "watch_cursor_coordinate", "on_resize", "show_marks")

    def __init__(self) -> None:
        self.spent = 0.0
        self._depth = 0
        self._saved: list[tuple[type, str, Callable]] = []

    def install(self, cls: type) -> None:
        for name in self.METHODS:
            method = getattr(cls, name)
            self._saved.append((cls, name, method))
            setattr(cls, name, self._timing(method))

    def uninstall(self) -> None:
        for cls, name, method in self._saved:
            setattr(cls, name, method)
        self._saved.clear()

    def _timing(self, method: Callable) -> Callable:
        @functools.wraps(method)
        def timed(*args, **kwargs):
            self._depth += 1
            start = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                self._depth -= 1
                if not self._depth:
                    self.spent += time.thread_time() - start

        return timed


async def _timed(pilot: Pilot, key: str, grid: dict[str, list[float]] | None = None, name: str = "",
                 clock: GridClock | None = None) -> float:
    await pilot.pause()  # the repaint owed to earlier keys is not this key's
    if clock is not None:
        clock.spent = 0.0
    start = time.thread_time()
    await pilot.press(key)
    await pilot.pause()
    spent = time.thread_time() - start
    if clock is not None and grid is not None:
        grid[name].append(clock.spent)
    return spent


async def _moves(pilot: Pilot, found: dict[str, list[float]], rounds: int,
                 grid: dict[str, list[float]] | None = None, clock: GridClock | None = None) -> None:
    """A key bound to nothing (the floor) and cursor moves, a few rows down the grid."""
    await pilot.pause()
    for key in ("down", "down", "down"):
        await pilot.press(key)
    for _ in range(rounds):
        found["nothing"].append(await _timed(pilot, "f12", grid, "nothing", clock))
        found["move"].append(await _timed(pilot, "down", grid, "move", clock))
        found["move"].append(await _timed(pilot, "up", grid, "move", clock))


async def parcours_keys(path: Path, state: Path, rounds: int) -> tuple[dict[str, Latency], dict[str, Latency]]:
    """Latencies of the editor's main keys on the map at `path`, and the grid's part of each."""
    from tui.app.app import ParcoursApp
    from tui.app.widgets.grid import JourneyGrid
    from tui.core.catalogue import load_catalogues
    from tui.core.document import MapDocument
    from tui.output.i18n import use_language

    document = MapDocument.load(path)
    use_language("fr")
    app = ParcoursApp(document, load_catalogues(path), journal_folder=state)
    names = ("nothing", "move", "commit", "above", "repeat", "undo", "add", "delete", "filter")
    found: dict[str, list[float]] = {k: [] for k in names}
    grid: dict[str, list[float]] = {k: [] for k in names}
    clock = GridClock()
    clock.install(JourneyGrid)
    try:
        async with app.run_test(size=SIZE) as pilot:
            document.warm()  # the editor does this in a worker after the first paint
            await _moves(pilot, found, rounds, grid, clock)
            for _ in range(6):
                await pilot.press("right")  # the Qui column
            for number in range(rounds):
                await pilot.press("e", "x")
                found["commit"].append(await _timed(pilot, "enter", grid, "commit", clock))
                found["undo"].append(await _timed(pilot, "u", grid, "undo", clock))
            for _ in range(rounds):  # `"` (the cell above's value) and `.` (the commit's "x" again)
                found["above"].append(await _timed(pilot, "quotation_mark", grid, "above", clock))
                found["undo"].append(await _timed(pilot, "u", grid, "undo", clock))
                found["repeat"].append(await _timed(pilot, "full_stop", grid, "repeat", clock))
                found["undo"].append(await _timed(pilot, "u", grid, "undo", clock))
            for _ in range(rounds):
                found["add"].append(await _timed(pilot, "a", grid, "add", clock))
                found["undo"].append(await _timed(pilot, "u", grid, "undo", clock))
                found["delete"].append(await _timed(pilot, "d", grid, "delete", clock))
                found["undo"].append(await _timed(pilot, "u", grid, "undo", clock))
            for _ in range(4):
                await pilot.press("left")  # the Canal column, a catalogue
            for _ in range(max(1, rounds // 3)):
                await pilot.press("e")
                for char in "pla":
                    found["filter"].append(await _timed(pilot, char, grid, "filter", clock))
                for _ in "pla":
                    found["filter"].append(await _timed(pilot, "backspace", grid, "filter", clock))
                await pilot.press("escape")
            assert not app.history.can_undo, "the benchmark's edits were not all undone"
    finally:
        clock.uninstall()
    return {k: Latency.of(v) for k, v in found.items()}, {k: Latency.of(v) for k, v in grid.items()}


async def bare_keys(path: Path, rounds: int) -> dict[str, Latency]:
    """The same cursor moves in the bare DataTable app: Textual's own floor."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bare_app", Path(__file__).with_name("bare_app.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app: App = module.BareApp(path)
    found: dict[str, list[float]] = {"nothing": [], "move": [], "commit": []}
    async with app.run_test(size=SIZE) as pilot:
        await _moves(pilot, found, rounds)
        for _ in range(rounds):
            found["commit"].append(await _timed(pilot, "x"))
    return {k: Latency.of(v) for k, v in found.items()}


def save_times(path: Path, rounds: int, copy_to: Path) -> list[float]:
    """Seconds to save the map after one edit (`bench/core.py`'s measure, on a copy)."""
    from core import save_times as timed
    from tui.core.document import MapDocument

    copy_to.write_bytes(path.read_bytes())
    document = MapDocument.load(copy_to)
    document.warm()
    return timed(document, rounds)


def timed_call(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start
