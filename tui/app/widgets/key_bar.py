"""The line of main keys at the bottom of the map screen.

A Static rather than Textual's Footer: the Footer rebuilds all its widgets
whenever focus moves, and focus moves twice per cell edit (grid → editor →
grid), which cost more than the edit itself on a large map. The keys come
from the same table as the bindings, so the bar cannot list a key that is
not bound.

Its line is drawn once per mode and width and kept: the bar changes twice per
cell edit (grid → editor → grid), and drawing it again each time cost more
than a millisecond of the commit.
"""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

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


class KeyBar(Widget):
    """What the keys do now: on the grid, in the cell editor, in the picker or in the search."""

    def __init__(self, read_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only
        self._mode = "grid"
        self._lines: dict[tuple[str, int], Strip] = {}

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
        if mode != self._mode:
            self._mode = mode
            self.refresh()

    def bar(self, width: int) -> Content:
        """The keys of the mode that fit in `width` cells."""
        pairs = [*self._pairs(self._mode), ("^p", _("palette"))]
        # Narrow terminals: the palette's key keeps its place without its word, then the last
        # keys go; a key cut in half would read as another key.
        if _bar(pairs).cell_length > width:
            pairs[-1] = ("^p", "")
        while _bar(pairs).cell_length > width and len(pairs) > 2:
            del pairs[-2]
        return _bar(pairs)

    def notify_style_update(self) -> None:
        """A new theme: the lines are drawn again in its colours."""
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y or not width:
            return Strip.blank(width, self.visual_style.rich_style)
        line = self._lines.get((self._mode, width))
        if line is None:
            strips = Visual.to_strips(self, self.bar(width), width, 1, self.visual_style, pad=True)
            line = self._lines[self._mode, width] = strips[0] if strips else Strip.blank(width)
        return line


def _bar(pairs: list[tuple[str, str]]) -> Content:
    parts: list[Content | str] = []
    for key, label in pairs:
        parts += [Content.styled(f" {key} ", "bold $footer-key-foreground"), f"{label} " if label else ""]
    return Content.assemble(*parts)
