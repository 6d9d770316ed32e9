"""The benchmark: parcours against the floors Textual and Python set, at 30 to 30,000 touchpoints,
and the core alone (open, first edit, save, memory) at 3,000 and 30,000.

    python bench/run.py            # prints the table, writes bench/results.md
    python bench/run.py --quick    # fewer repetitions, for a first look
    python bench/run.py --sizes 3000 30000 -o /tmp/r.md   # some sizes only
    python bench/run.py --core     # only the core's table, printed (results.md is left alone)

Every figure is measured in the same run as its floor, on maps written by
`bench/generate.py`, with a private HOME so no user file is read or written.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import generate  # noqa: E402
import keys  # noqa: E402
import keystrokes  # noqa: E402
import paint  # noqa: E402

SIZES = (30, 300, 3000, 30000)
#: From this size on, starts and commands take seconds: each is repeated fewer times.
LARGE = 10_000
#: The sizes whose keys are also measured in the bare DataTable app (the budgets' sizes).
BARE_KEY_SIZES = (3000, 30000)
CORE_SIZES = (3000, 30000)
FLOOR_SHOW = "import tomllib, rich.console, rich.table"
FLOOR_VALIDATE = "import tomllib"
KEY_NAMES = {
    "move": "move the cursor",
    "commit": "commit a cell edit",
    "above": 'same as above (`"`)',
    "repeat": "repeat the last change (`.`)",
    "undo": "undo",
    "add": "add a touchpoint",
    "delete": "delete a touchpoint",
    "filter": "type in the picker's filter",
    "nothing": "a key bound to nothing",
}


def _median_runs(argvs: list[list[str]], env: dict[str, str], runs: int) -> list[float]:
    """Median wall time of each command, run in turn so that a command and its floor share the machine's moods."""
    times: list[list[float]] = [[] for _ in argvs]
    for _ in range(runs):
        for argv, found in zip(argvs, times):
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            found.append(time.perf_counter() - start)
    return [statistics.median(found) for found in times]


def _rich_version() -> str:
    from importlib.metadata import version

    return version("rich")


def core_figures(maps: dict[int, Path], env: dict[str, str], runs: int) -> dict[int, dict[str, float]]:
    """`bench/core.py` in a fresh process per map and run (for the memory), medians over runs."""
    found: dict[int, dict[str, float]] = {}
    for size, path in maps.items():
        print(f"-- core, {size} touchpoints", file=sys.stderr)
        rounds = [json.loads(subprocess.run([sys.executable, str(HERE / "core.py"), str(path)], env=env, check=True,
                                            capture_output=True, text=True).stdout) for _ in range(runs)]
        found[size] = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    return found


def render_core(inner: dict[int, dict[str, float]]) -> list[str]:
    sizes = list(inner)
    lines = [
        "## The core at 3,000 and 30,000 touchpoints (no Textual)",
        "",
        "`bench/core.py`, a fresh process per run: open the map, apply one edit at once (no warm-up),",
        "save after an edit (proof and atomic write included), a field edit, peak memory.",
        "",
        "| figure | " + " | ".join(f"{s:,} tp" for s in sizes) + " | budget |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    large = max(sizes)

    def figure(value: float) -> str:
        return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"

    def row(name: str, key: str, scale: float, unit: str, budget: str) -> None:
        cells = [f"{figure(inner[s][key] * scale)} {unit}" for s in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {budget} |")

    row("open (`MapDocument.load`)", "load", 1000, "ms", "")
    row("first edit after open", "first_edit", 1000, "ms", "")
    row("a field edit", "edit", 1000, "ms", "")
    row("save after one edit", "save", 1000, "ms",
        f"< 100 ms at 3,000: {_mark(inner[min(sizes)]['save'] < 0.1)}; < 300 ms at 30,000: {_mark(inner[large]['save'] < 0.3)}")
    row("peak memory (RSS)", "peak", 1, "MB", f"< 150 MB at 30,000: {_mark(inner[large]['peak'] < 150)}")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="touchpoint counts to measure")
    parser.add_argument("--core", action="store_true", help="only the core's figures at 3,000 and 30,000")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    rounds = 10 if args.quick else 30

    work = Path(tempfile.mkdtemp(prefix="parcours-bench-"))
    home = work / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
           "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "fr_FR.UTF-8"}
    env.pop("NO_COLOR", None)
    # Measure starts as users see them, with compiled modules cached (pip compiles them on
    # install): a source file compiled on every start would be timed instead of parcours.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], env=env, check=True)
    os.environ.update({k: env[k] for k in ("HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")})
    inner = core_figures(generate.write_maps(work / "core", CORE_SIZES), env, runs)
    if args.core:
        print("\n".join(render_core(inner)))
        return
    maps = generate.write_maps(work / "maps", tuple(sorted(args.sizes)))
    python = sys.executable
    results: dict[int, dict[str, float]] = {}
    latencies: dict[int, dict[str, keys.Latency]] = {}
    grid_parts: dict[int, dict[str, keys.Latency]] = {}
    floors: dict[int, dict[str, keys.Latency]] = {}

    for size, path in maps.items():
        print(f"-- {size} touchpoints", file=sys.stderr)
        figures: dict[str, float] = {}
        ours, bare = [], []
        starts = 2 * (runs if size < LARGE else 1) + 1
        for _ in range(starts):  # alternate, so both share the machine's moods
            ours.append(paint.first_paint(paint.parcours_argv(path), env))
            bare.append(paint.first_paint(paint.bare_argv(path), env))
        figures["paint"] = statistics.median(r.seconds for r in ours)
        figures["paint_bare"] = statistics.median(r.seconds for r in bare)
        figures["rss"] = max(r.peak_mb for r in ours)
        figures["rss_bare"] = max(r.peak_mb for r in bare)
        figures["show"], figures["floor_show"], figures["validate"], figures["floor_validate"], figures["export"] = (
            _median_runs([[python, "-m", "tui", "show", str(path)], [python, "-c", FLOOR_SHOW],
                          [python, "-m", "tui", "validate", str(path)], [python, "-c", FLOOR_VALIDATE],
                          [python, "-m", "tui", "export", str(path), "--to", "markdown"]], env, starts))
        figures["save"] = statistics.median(keys.save_times(path, runs, work / f"save-{size}.toml"))
        latencies[size], grid_parts[size] = asyncio.run(keys.parcours_keys(path, home / "journal", rounds))
        if size in BARE_KEY_SIZES:
            floors[size] = asyncio.run(keys.bare_keys(path, rounds))
        results[size] = figures

    print("-- keystrokes: entering the concert example from `parcours new`", file=sys.stderr)
    typing = {"every field": keystrokes.measure(work / "keystrokes-all"),
              "without pain points and opportunities": keystrokes.measure(work / "keystrokes-short", without_pains=True)}
    report = render(results, latencies, grid_parts, floors, machine_line(), runs, rounds, inner, typing)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    print(f"written: {args.output}", file=sys.stderr)


def machine_line() -> str:
    import textual

    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Textual {textual.__version__}, Rich {_rich_version()}")


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _at(results: dict[int, dict[str, float]], size: int, key: str, limit: float, text: str) -> str:
    """A budget line for `size`, or nothing when that size was not measured."""
    if size not in results:
        return ""
    return f"{text} at {size:,}: {_mark(results[size][key] < limit)}"


def render_typing(typing: dict[str, keystrokes.Count]) -> list[str]:
    """The keystroke benchmark: the shortest script found, planned then replayed on a fresh map."""
    lines = [
        "## Keys to enter the concert example (`bench/keystrokes.py`)",
        "",
        "From `parcours new`, the first eight touchpoints of `maps/concert.toml`, through Pilot; the script is",
        "planned against the running editor, then replayed alone on a fresh map, and both maps are checked.",
        "The field text itself is typed; the other keys are moves, picker letters, tab and the like.",
        "",
        "| what | keys | of which text | other keys | map right | budget (≤ 700) |",
        "|---|---|---|---|---|---|",
    ]
    for name, count in typing.items():
        total = len(count.keys)
        lines.append(f"| {name} | {total:,} | {count.typed:,} | {total - count.typed:,} | "
                     f"{_mark(count.right)} | {_mark(total <= 700)} |")
    return lines + [""]


def render(results: dict[int, dict[str, float]], latencies: dict[int, dict[str, keys.Latency]],
           grid_parts: dict[int, dict[str, keys.Latency]], floors: dict[int, dict[str, keys.Latency]],
           machine_text: str, runs: int, rounds: int, inner: dict[int, dict[str, float]],
           typing: dict[str, keystrokes.Count]) -> str:
    small, large = min(results), max(results)
    lines = [
        "# parcours benchmark",
        "",
        f"Run on {datetime.now():%Y-%m-%d %H:%M} — {machine_text}.",
        f"Medians of {2 * runs + 1} runs for starts and commands (3 from {LARGE:,} touchpoints), {runs} for saves, "
        f"{rounds} presses per key; `python bench/run.py` to measure again.",
        "",
        "## Start, commands, save, memory",
        "",
        "| figure | " + " | ".join(f"{s:,} tp" for s in results) + f" | growth {small:,}→{large:,} | budget |",
        "|---|" + "---|" * len(results) + "---|---|",
    ]

    def row(name: str, values: list[str], growth: str, budget: str) -> None:
        lines.append(f"| {name} | " + " | ".join(values) + f" | {growth} | {budget} |")

    def ms(value: float) -> str:
        return f"{value * 1000:.0f} ms"

    def grows(key: str) -> str:
        return f"×{results[large][key] / results[small][key]:.2f}"

    for f in results.values():
        f["paint_ratio"] = f["paint"] / f["paint_bare"]
    budgets = "; ".join(b for b in (
        f"≤ 1.3 at {small:,}: {_mark(results[small]['paint_ratio'] <= 1.3)}",
        _at(results, 3000, "paint_ratio", 1.5 + 1e-9, "≤ 1.5"), _at(results, 30000, "paint_ratio", 1.5 + 1e-9, "≤ 1.5"),
    ) if b)
    row("first paint, parcours", [ms(f["paint"]) for f in results.values()], grows("paint"),
        _at(results, 30000, "paint", 2.0, "< 2 s"))
    row("first paint, bare Textual DataTable", [ms(f["paint_bare"]) for f in results.values()], grows("paint_bare"), "")
    row("first paint ratio", [f"×{f['paint_ratio']:.2f}" for f in results.values()], "", budgets)
    for command, floor, limit in (("show", "floor_show", 1.5), ("validate", "floor_validate", 2.5)):
        row(f"`parcours {command}`", [ms(f[command]) for f in results.values()], grows(command), "")
        ratio = results[small][command] / results[small][floor]
        row(f"floor `python -c \"{FLOOR_SHOW if command == 'show' else FLOOR_VALIDATE}\"`",
            [ms(f[floor]) for f in results.values()], "",
            f"{command} ≤ ×{limit} floor at {small:,}: ×{ratio:.2f} {_mark(ratio <= limit)}")
    row("`parcours export --to markdown`", [ms(f["export"]) for f in results.values()], grows("export"), "")
    row("save after one edit", [f"{f['save'] * 1000:.1f} ms" for f in results.values()], grows("save"),
        "; ".join(b for b in (_at(results, 3000, "save", 0.1, "< 100 ms"), _at(results, 30000, "save", 0.3, "< 300 ms")) if b))
    row("peak memory (RSS), parcours", [f"{f['rss']:.0f} MB" for f in results.values()], grows("rss"),
        _at(results, 30000, "rss", 150, "< 150 MB"))
    row("peak memory (RSS), bare app", [f"{f['rss_bare']:.0f} MB" for f in results.values()], "", "")

    bare_sizes = [size for size in BARE_KEY_SIZES if size in floors]
    lines += [
        "",
        "## Keys: from the press to the repainted screen (main thread CPU time, 80×24)",
        "",
        "Median / worst, in ms, then the grid's own part of the median (its methods: taking the map, moving",
        "the cursor, drawing its lines); the rest is the session and document, the other widgets, Textual's",
        "layout and compositing. The bare app's `commit` puts new text in one DataTable cell (`update_cell_at`):",
        "Textual's own cost of changing a cell.",
        "",
        "| " + " | ".join(["key", *(f"{s:,} tp" for s in results), *(f"bare app, {s:,} tp" for s in bare_sizes),
                           "budget (< 16 ms)"]) + " |",
        "|---|" + "---|" * (len(results) + len(bare_sizes)) + "---|",
    ]
    for key, name in KEY_NAMES.items():
        cells = [f"{latencies[s][key].median_ms:.1f} / {latencies[s][key].worst_ms:.1f} · grid {grid_parts[s][key].median_ms:.1f}"
                 for s in results]
        bare = [floors[s].get(key) for s in bare_sizes]
        bare_text = [f"{b.median_ms:.1f} / {b.worst_ms:.1f}" if b else "—" for b in bare]
        budget = "" if key == "nothing" else " ".join(
            f"{s:,}: {_mark(latencies[s][key].median_ms < 16)}" for s in (3000, 30000) if s in latencies)
        lines.append(f"| {name} | " + " | ".join(cells + bare_text) + f" | {budget} |")
    lines += ["", *render_core(inner), *render_typing(typing)]
    lines += [
        "## How it is measured",
        "",
        "- **First paint**: each app is started as a new process in an 80×24 pseudo-terminal; the clock",
        "  stops when the first stage name reaches the terminal. The bare app (`bench/bare_app.py`) reads",
        "  the same file with tomllib and shows the same rows and ten columns in a `DataTable`, and nothing else.",
        "- **Keys**: pressed through Textual's Pilot, then the screen is laid out and rendered at once;",
        "  the figure is the CPU time of the event loop's thread (Pilot's own waits are sleeps, so wall",
        "  time would measure them). A key bound to nothing is the measuring floor. Every edit is undone",
        "  (`undo` counts the undoing of commits, `\"`, `.`, adds and deletes).",
        "- **Commands**: wall time of `python -m tui …`, output discarded, against `python -c` floors.",
        "- **Save**: `MapDocument.save()` after one edit: text, temporary file, fsync, rename.",
        "- **Memory**: peak RSS (VmHWM) of the editor process after first paint and a few keys.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
