"""Key latency: the main thread's time from a key press to the repainted screen.

Each key goes through Textual's Pilot, which then forces the repaint
(`pilot.pause()` lays out and renders the screen at once rather than at the
next frame tick). Pilot also sleeps while it waits for the app to go idle, so
wall time would measure its sleeps; the figure is the CPU time of the event
loop's thread instead: the handler, the grid update, layout and rendering,
and nothing else. A key that does nothing is measured too, as the floor.
"""

from __future__ import annotations

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


async def _timed(pilot: Pilot, key: str) -> float:
    await pilot.pause()  # the repaint owed to earlier keys is not this key's
    start = time.thread_time()
    await pilot.press(key)
    await pilot.pause()
    return time.thread_time() - start


async def _moves(pilot: Pilot, found: dict[str, list[float]], rounds: int) -> None:
    """A key bound to nothing (the floor) and cursor moves, a few rows down the grid."""
    await pilot.pause()
    for key in ("down", "down", "down"):
        await pilot.press(key)
    for _ in range(rounds):
        found["nothing"].append(await _timed(pilot, "f12"))
        found["move"].append(await _timed(pilot, "down"))
        found["move"].append(await _timed(pilot, "up"))


async def parcours_keys(path: Path, state: Path, rounds: int) -> dict[str, Latency]:
    """Latencies of the editor's main keys on the map at `path`."""
    from tui.app.app import ParcoursApp
    from tui.core.catalogue import load_catalogues
    from tui.core.document import MapDocument
    from tui.output.i18n import use_language

    document = MapDocument.load(path)
    use_language("fr")
    app = ParcoursApp(document, load_catalogues(path), journal_folder=state)
    found: dict[str, list[float]] = {k: [] for k in ("nothing", "move", "commit", "undo", "add", "filter")}
    async with app.run_test(size=SIZE) as pilot:
        document.warm()  # the editor does this in a worker after the first paint
        await _moves(pilot, found, rounds)
        for _ in range(6):
            await pilot.press("right")  # the Qui column
        for number in range(rounds):
            await pilot.press("e", "x")
            found["commit"].append(await _timed(pilot, "enter"))
            found["undo"].append(await _timed(pilot, "u"))
        for _ in range(rounds):
            found["add"].append(await _timed(pilot, "a"))
            found["undo"].append(await _timed(pilot, "u"))
        for _ in range(4):
            await pilot.press("left")  # the Canal column, a catalogue
        for _ in range(max(1, rounds // 3)):
            await pilot.press("e")
            for char in "pla":
                found["filter"].append(await _timed(pilot, char))
            for _ in "pla":
                found["filter"].append(await _timed(pilot, "backspace"))
            await pilot.press("escape")
        assert not app.history.can_undo, "the benchmark's edits were not all undone"
    return {k: Latency.of(v) for k, v in found.items()}


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


def timed_call(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start
