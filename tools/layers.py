"""Draw the import graph of tui's floors, as docs/architecture.md shows it.

    python tools/layers.py > docs/layers.mmd

Reads the imports with grimp (import-linter's own graph builder) and prints a
Mermaid flowchart: one node per module, grouped by floor, one arrow per import
between modules of different floors, counted. An upward arrow would be a bug;
import-linter's contract (pyproject.toml) fails the suite before it could land.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("tui.cli", "tui.app", "tui.serve", "tui.output", "tui.core")


def floor(module: str) -> str | None:
    return next((f for f in FLOORS if module == f or module.startswith(f + ".")), None)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("tui", cache_dir=None)
    edges: Counter[tuple[str, str]] = Counter()
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            a, b = floor(importer), floor(imported)
            if a and b and a != b:
                edges[a, b] += 1
    print("flowchart TD")
    for name in FLOORS:
        modules = sorted(m for m in graph.modules if floor(m) == name)
        print(f'    {name.replace(".", "_")}["{name} ({len(modules)} modules)"]')
    for (a, b), count in sorted(edges.items(), key=lambda e: (FLOORS.index(e[0][0]), FLOORS.index(e[0][1]))):
        print(f'    {a.replace(".", "_")} -->|{count}| {b.replace(".", "_")}')


if __name__ == "__main__":
    main()
