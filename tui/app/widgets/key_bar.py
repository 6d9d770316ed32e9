"""The line of main keys at the bottom of the map screen.

A Static rather than Textual's Footer: the Footer rebuilds all its widgets
whenever focus moves, and focus moves twice per cell edit (grid → editor →
grid), which cost more than the edit itself on a large map. The keys come
from the same table as the bindings, so the bar cannot list a key that is
not bound.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.app.bindings import MAP_KEYS
from tui.output.i18n import Label

EDITING = (
    ("entrée", Label("Valider", "Keep")),
    ("échap", Label("Annuler", "Cancel")),
    ("ctrl+j", Label("Nouvelle ligne", "New line")),
)
PICKING = (
    ("↑↓", Label("Choisir", "Choose")),
    ("entrée", Label("Valider", "Keep")),
    ("échap", Label("Annuler", "Cancel")),
)
SEARCHING = (
    ("entrée", Label("Chercher", "Search")),
    ("échap", Label("Fermer", "Close")),
)
PALETTE = Label("palette", "palette")
ENGLISH_KEYS = {"entrée": "enter", "échap": "esc"}


class KeyBar(Static):
    """What the keys do now: on the grid, in the cell editor, in the picker or in the search."""

    def __init__(self, lang: str, read_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.read_only = read_only
        self._mode = "grid"

    def on_mount(self) -> None:
        self.show_mode("grid")

    def _pairs(self, mode: str) -> list[tuple[str, str]]:
        if mode == "edit":
            pairs = EDITING
        elif mode == "pick":
            pairs = PICKING
        elif mode == "search":
            pairs = SEARCHING
        else:
            shown = [k for k in MAP_KEYS if k.show and not (self.read_only and k.id not in ("help",))]
            return [(k.display or k.keys.split(",")[0].replace("ctrl+", "^"), k.label(self.lang)) for k in shown]
        keys = [(ENGLISH_KEYS.get(key, key) if self.lang == "en" else key, label(self.lang)) for key, label in pairs]
        return keys

    def show_mode(self, mode: str) -> None:
        self._mode = mode
        pairs = [*self._pairs(mode), ("^p", PALETTE(self.lang))]
        width = self.size.width or 80
        # Narrow terminals: the palette's key keeps its place without its word, then the last
        # keys go; a key cut in half would read as another key.
        if _bar(pairs).cell_length > width:
            pairs[-1] = ("^p", "")
        while _bar(pairs).cell_length > width and len(pairs) > 2:
            del pairs[-2]
        self.update(_bar(pairs), layout=False)

    def on_resize(self) -> None:
        self.show_mode(self._mode)


def _bar(pairs: list[tuple[str, str]]) -> Content:
    parts: list[Content | str] = []
    for key, label in pairs:
        parts += [Content.styled(f" {key} ", "bold $footer-key-foreground"), f"{label} " if label else ""]
    return Content.assemble(*parts)
