"""The floor for first paint: a bare Textual app showing the map's rows in a DataTable.

It reads the same file with tomllib and shows the same ten columns and one
row per touchpoint, with nothing else: no catalogues, no header, no side
panel, no preview. `parcours MAP` is measured against this.

    python bench/bare_app.py MAP
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

COLUMNS = ("Étape", "Situation", "Canal", "Support", "Réponse", "Type", "Qui", "Émotion", "Irritant", "Opportunité")
KEYS = ("channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")


def rows(path: Path) -> list[tuple[str, ...]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = []
    for stage in data.get("stages", []):
        for number, tp in enumerate(stage.get("touchpoints", [])):
            first = number == 0
            found.append((stage["name"] if first else "", stage.get("situation", "") if first else "",
                          *(str(tp.get(k, "")) for k in KEYS)))
    return found


class BareApp(App):
    """`x` puts new text in the cell under the cursor: Textual's own cost of changing one cell."""

    BINDINGS = [("x", "change", "Change the cell")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="cell")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(rows(self.path))

    def action_change(self) -> None:
        table = self.query_one(DataTable)
        value = str(table.get_cell_at(table.cursor_coordinate))
        table.update_cell_at(table.cursor_coordinate, value + "x")


if __name__ == "__main__":
    BareApp(Path(sys.argv[1])).run()
