"""Finding where a key stands in a map's text, for `FILE:LINE:COL` messages.

tomllib gives values without positions, and reading a map must stay fast, so
positions are found only when there is something to report: one pass over the
lines, following the table headers the way the map format writes them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.errors import Position

KeyPath = tuple[str | int, ...]

#: Patterns, compiled (and cached by `re`) when an error is first located, not at import.
_ARRAY_HEADER = r"^(\s*)\[\[\s*([^\]]+?)\s*\]\]"
_TABLE_HEADER = r"^(\s*)\[\s*([^\]]+?)\s*\]"
_KEY = r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*"""


def _header_path(name: str, counters: dict[str, int], current: KeyPath) -> KeyPath:
    parts = [p.strip().strip("\"'") for p in name.split(".")]
    if parts == ["stages"]:
        counters["stages"] += 1
        counters["touchpoints"] = -1
        return ("stages", counters["stages"])
    if parts == ["stages", "touchpoints"]:
        counters["touchpoints"] += 1
        return ("stages", counters["stages"], "touchpoints", counters["touchpoints"])
    return tuple(parts)


def positions(text: str) -> dict[KeyPath, Position]:
    """Every table and key path of the text with the position of its header or value."""
    found: dict[KeyPath, Position] = {(): Position(1, 1)}
    counters = {"stages": -1, "touchpoints": -1}
    current: KeyPath = ()
    delimiter = ""
    for number, line in enumerate(text.splitlines(), 1):
        if delimiter:
            if line.count(delimiter) % 2 == 1:
                delimiter = ""
            continue
        if line.lstrip().startswith("#"):
            continue
        match = re.match(_ARRAY_HEADER, line)
        if match:
            current = _header_path(match.group(2), counters, current)
            found.setdefault(current, Position(number, len(match.group(1)) + 1))
            continue
        match = re.match(_TABLE_HEADER, line)
        if match:
            current = tuple(p.strip().strip("\"'") for p in match.group(2).split("."))
            found.setdefault(current, Position(number, len(match.group(1)) + 1))
            continue
        match = re.match(_KEY, line)
        if match:
            key = match.group(2).strip("\"'")
            found.setdefault(current + (key,), Position(number, match.end() + 1))
            rest = line[match.end():]
            for quotes in ('"""', "'''"):
                if rest.startswith(quotes) and rest.count(quotes) == 1:
                    delimiter = quotes
    return found


def locate(text: str, path: Sequence[str | int], table: dict[KeyPath, Position] | None = None) -> Position:
    """The position of `path`, or of its nearest enclosing table when the key is missing."""
    table = table if table is not None else positions(text)
    path = tuple(path)
    while path:
        if path in table:
            return table[path]
        path = path[:-1]
    return table[()]
