"""Keystrokes to enter a meeting: the example map's first eight touchpoints, every field, from `parcours new`.

    python bench/keystrokes.py            # plans the keys, replays them on a fresh map, prints the count
    python bench/keystrokes.py --script   # also prints the keys

The target is the first eight touchpoints of `maps/concert.toml` (Sensibilisation,
Recherche, Sélection, and the first two of Acquisition), every field: channel,
support, response, type, who, feeling, pain point and opportunity. The keys are
planned against the running editor, the way a quick typist would go: `]` or
hjkl to the next stage's empty row, `a` for the next touchpoint (the cursor
lands on its Canal), `e` then a few letters in each picker and the whole text
in each text cell, `tab` from one cell to the next, `+`/`-` for the feeling, and
`o` for the fields the grid does not show. Then the keys are replayed, alone,
on a fresh map through Textual's Pilot, and the result is checked against the
target. The count includes every character of text typed; the text itself is
printed apart, since no editor can type it for you.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import io
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from textual import events  # noqa: E402

from tui.app import entry  # noqa: E402
from tui.core.catalogue import Catalogues, fold, load_catalogues  # noqa: E402
from tui.core.document import MapDocument  # noqa: E402
from tui.core.model import JourneyMap, Touchpoint  # noqa: E402
from tui.output.cells import CATALOGUE_KEYS, KEYS, row_index  # noqa: E402

TARGET = ROOT / "maps" / "concert.toml"
COUNT = 8
SIZE = (120, 40)
BUDGET = 700
#: The record's fields in order (`tui.app.screens.record.FIELDS`).
RECORD = ("stage", "situation", "channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
TEXT_KEYS = ("response", "who", "pain", "opportunity")


def targets(path: Path, count: int) -> list[tuple[int, Touchpoint]]:
    """The first `count` touchpoints of the map at `path`, with their stage's index."""
    jmap = MapDocument.load(path).map
    found = [(s, tp) for s, stage in enumerate(jmap.stages) for tp in stage.touchpoints]
    return found[:count]


def shortest_filter(catalogues: Catalogues, key: str, wanted: str) -> str:
    """The fewest letters that put the entry `wanted` first in the picker (accents need not be typed)."""
    catalogue = catalogues.for_field(key)
    entry_ = catalogue.get(wanted)
    names = [fold(entry_.label), wanted]
    for length in range(1, max(len(n) for n in names) + 1):
        candidates = sorted({n[i:i + length] for n in names for i in range(len(n) - length + 1)})
        for candidate in candidates:
            if candidate.strip() == candidate and (found := catalogue.filter(candidate)) and found[0].id == wanted:
                return candidate
    return wanted


@dataclass
class Driver:
    """Presses keys on the running editor and keeps them, to replay and count."""

    app: object
    pilot: object
    keys: list[str] = field(default_factory=list)
    typed: int = 0

    async def press(self, *keys: str) -> None:
        self.keys.extend(keys)
        for key in keys:
            if _pilot_loses(key):  # a terminal sends « and » like any letter; Pilot cannot name them
                self.app.post_message(events.Key(_key_name(key), key))
                await self.pilot.pause()
            else:
                await self.pilot.press(key)

    async def type(self, text: str) -> None:
        self.typed += len(text)
        await self.press(*text)

    @property
    def grid(self):
        from tui.app.widgets.grid import JourneyGrid

        return self.app.map_screen.query_one(JourneyGrid)

    async def goto(self, row: int, column: int) -> None:
        """The cheapest of hjkl, or `]` pressed a few times then hjkl."""
        grid = self.grid
        here = (grid.cursor_row, grid.cursor_column)
        best = _steps(here, (row, column))
        jumps: list[str] = []
        spot = here
        for count in range(1, 6):
            spot = entry.next_empty(self.app.document.map, grid.rows_model, KEYS, spot, 1) or spot
            plan = ["right_square_bracket"] * count + _steps(spot, (row, column))
            if len(plan) < len(best):
                best, jumps = plan, plan
        await self.press(*(jumps or best))


def _key_name(character: str) -> str:
    return unicodedata.name(character, character).lower().replace(" ", "_").replace("-", "_")


def _pilot_loses(key: str) -> bool:
    """Whether Pilot's `press` would send this character without its character (« has a hyphened name)."""
    if len(key) != 1 or key.isalnum():
        return False
    try:
        return unicodedata.lookup(_key_name(key).replace("_", " ").upper()) != key
    except KeyError:
        return True


def _steps(here: tuple[int, int], there: tuple[int, int]) -> list[str]:
    rows, columns = there[0] - here[0], there[1] - here[1]
    return ["j" if rows > 0 else "k"] * abs(rows) + ["l" if columns > 0 else "h"] * abs(columns)


async def enter_touchpoint(driver: Driver, catalogues: Catalogues, stage: int, wanted: Touchpoint) -> None:
    """One touchpoint, the cursor on the row above it in its stage, or on its stage's empty row."""
    app = driver.app
    jmap: JourneyMap = app.document.map
    grid = driver.grid
    if jmap.stages[stage].touchpoints:  # below the one just entered
        await driver.press("a")
    else:
        await driver.goto(row_index(grid.rows_model, stage, None), KEYS.index("channel"))
    chain = [k for k in KEYS if k not in ("stage", "situation", "emotion") and KEYS.index(k) >= KEYS.index("channel")]
    filled = [k for k in chain if wanted.get(k)]
    if filled:
        await driver.press("e")
        for key in chain[: chain.index(filled[-1]) + 1]:
            value = wanted.get(key)
            if value and key in CATALOGUE_KEYS:
                await driver.press(*shortest_filter(catalogues, key, value))
            elif value:
                await driver.type(value)
            await driver.press("enter" if key == filled[-1] else "tab")
    if wanted.emotion is not None:
        steps = wanted.emotion
        await driver.press(*(["plus"] * steps if steps > 0 else ["minus"] * -steps if steps < 0 else ["plus", "minus"]))
    elsewhere = [k for k in RECORD if k in TEXT_KEYS and k not in KEYS and wanted.get(k)]
    if elsewhere:  # fields the grid does not show: the record, from the cursor's field
        await driver.press("o")
        at = RECORD.index(driver.grid.current_key)
        for key in elsewhere:
            await driver.press(*["tab"] * (RECORD.index(key) - at))
            at = RECORD.index(key)
            await driver.type(wanted.get(key))
        await driver.press("escape")


def entered(jmap: JourneyMap, wanted: list[tuple[int, Touchpoint]]) -> list[tuple[int, Touchpoint]]:
    return [(s, tp) for s, stage in enumerate(jmap.stages) for tp in stage.touchpoints]


async def run(path: Path, wanted: list[tuple[int, Touchpoint]], script: list[str] | None) -> tuple[list[str], int, bool]:
    """Plan the keys on the editor (script None), or replay `script`; the keys, the text typed, and
    whether the map then holds exactly the target's touchpoints."""
    from tui.app.app import ParcoursApp
    from tui.output.i18n import use_language

    use_language("fr")
    catalogues = load_catalogues(path)
    app = ParcoursApp(MapDocument.load(path), catalogues, journal_folder=path.parent / "journal")
    async with app.run_test(size=SIZE) as pilot:
        driver = Driver(app, pilot)
        if script is None:
            for stage, touchpoint in wanted:
                await enter_touchpoint(driver, catalogues, stage, touchpoint)
        else:
            await driver.press(*script)
        await pilot.pause()
        done = entered(app.document.map, wanted) == wanted
    return driver.keys, driver.typed, done


def new_map(folder: Path) -> Path:
    from tui.cli import main

    folder.mkdir(parents=True)
    path = folder / "atelier.toml"
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["new", str(path), "--title", "Atelier", "--lang", "fr"])
    assert code == 0, code
    return path


@dataclass(frozen=True)
class Count:
    keys: tuple[str, ...]
    typed: int  # characters of the fields' text
    right: bool  # planned, then replayed alone on a fresh map: the target's touchpoints both times


def measure(work: Path, without_pains: bool = False) -> Count:
    """The keys to enter the target, in `work` (a private folder: HOME and state point there)."""
    os.environ.update(HOME=str(work), XDG_STATE_HOME=str(work / "state"), XDG_CONFIG_HOME=str(work / "config"))
    wanted = targets(TARGET, COUNT)
    if without_pains:
        wanted = [(s, dataclasses.replace(tp, pain="", opportunity="")) for s, tp in wanted]
    keys, typed, planned = asyncio.run(run(new_map(work / "plan"), wanted, None))
    _, _, replayed = asyncio.run(run(new_map(work / "replay"), wanted, keys))
    return Count(tuple(keys), typed, planned and replayed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", action="store_true", help="print the keys too")
    parser.add_argument("--without-pains", action="store_true",
                        help="leave pain points and opportunities out, as the issue's first count (958) did")
    args = parser.parse_args()
    count = measure(Path(tempfile.mkdtemp(prefix="parcours-keys-")), args.without_pains)
    keys, typed = count.keys, count.typed
    others = len(keys) - typed
    fields = "every field but pain points and opportunities" if args.without_pains else "every field"
    print(f"keystrokes to enter {COUNT} touchpoints, {fields}: {len(keys)}")
    print(f"  the text of the fields: {typed} characters; every other key (moves, picker letters, tab…): {others}")
    print(f"  the map holds the target's touchpoints, planned and replayed alone: {count.right}")
    verdict = "✓" if len(keys) <= BUDGET else f"✗ (the text alone is {typed} characters)"
    print(f"  target ≤ {BUDGET}: {verdict}")
    if args.script:
        print(" ".join(keys))
    return 0 if count.right else 1


if __name__ == "__main__":
    sys.exit(main())
