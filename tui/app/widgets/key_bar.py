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
from tui.output.i18n import NC_, N_, _, translate

#: (key, what it does) in each mode; the key names are messages too ("entrée" is "enter").
EDITING = (
    (N_("entrée"), NC_("key bar", "Valider")),
    ("tab", N_("Suivante")),
    (N_("échap"), N_("Annuler")),
    ("ctrl+j", N_("Nouvelle ligne")),
)
PICKING = (
    ("↑↓", N_("Choisir")),
    (N_("entrée"), NC_("key bar", "Valider")),
    ("tab", N_("Suivante")),
    (N_("échap"), N_("Annuler")),
)
SEARCHING = (
    (N_("entrée"), N_("Chercher")),
    (N_("échap"), N_("Fermer")),
)


class KeyBar(Static):
    """What the keys do now: on the grid, in the cell editor, in the picker or in the search."""

    def __init__(self, read_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
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
            return [(k.display or k.keys.split(",")[0].replace("ctrl+", "^"), k.title()) for k in shown]
        return [(_(key), translate(label)) for key, label in pairs]

    def show_mode(self, mode: str) -> None:
        self._mode = mode
        pairs = [*self._pairs(mode), ("^p", _("palette"))]
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
