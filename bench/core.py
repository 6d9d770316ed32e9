"""The core's own figures at a size: open, first edit, save, memory (no Textual).

    python bench/core.py MAP.toml      # prints one JSON line

Run in a fresh process per map (by `bench/run.py`), so that the peak memory is
this map's alone. "First edit" is the first edit applied right after opening,
without any warm-up: what a person waits for when they type before anything
else has happened (it once waited on a whole-file tomlkit parse).
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.document import MapDocument  # noqa: E402
from tui.core.edits import SetTouchpointField  # noqa: E402


def _mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def save_times(document: MapDocument, rounds: int) -> list[float]:
    """Seconds to save the map after one edit (the core's save: proof, temp file, fsync, rename)."""
    times = []
    for number in range(rounds):
        document.apply(SetTouchpointField("t1", "who", f"Équipe {number + 1}"))
        start = time.perf_counter()
        document.save()
        times.append(time.perf_counter() - start)
    return times


def figures(source: Path, saves: int = 5) -> dict[str, float]:
    import tomlkit  # noqa: F401  (its import is not the map's cost)

    folder = Path(tempfile.mkdtemp(prefix="parcours-core-"))
    path = folder / source.name
    shutil.copyfile(source, path)
    try:
        start = time.perf_counter()
        document = MapDocument.load(path)
        opened = time.perf_counter()
        document.apply(SetTouchpointField("t1", "who", "Équipe 0"))
        edited = time.perf_counter()
        times = save_times(document, saves)
        keys = []
        for number in range(20):
            key = document.map.stages[-1].touchpoints[-1].key
            before = time.perf_counter()
            document.apply(SetTouchpointField(key, "who", f"Clé {number}"))
            keys.append(time.perf_counter() - before)
        return {
            "load": opened - start, "first_edit": edited - opened, "save": statistics.median(times),
            "edit": statistics.median(keys), "rss": _mb("VmRSS:"), "peak": _mb("VmHWM:"),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(figures(Path(sys.argv[1]))))
