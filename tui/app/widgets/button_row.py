"""A dialog's buttons: side by side when their whole labels fit, one under another when not.

Textual lays a row out without wrapping, so four buttons in a 60-column dialog
cut their labels ("Recharger (perdre me"). The row measures what its buttons
need against the room it was given and stacks them when that is short: a
label is read whole at any width, in either language.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.containers import Horizontal
from textual.widgets import Button

#: What a button adds to its label: padding, border and the gap after it (see app.tcss).
BUTTON_EXTRA = 6


class ButtonRow(Horizontal):
    DEFAULT_CLASSES = "dialog-buttons"

    def on_resize(self) -> None:
        self.set_class(self.needed_width() > self.size.width, "-stacked")

    def needed_width(self) -> int:
        return sum(max(16, cell_len(str(button.label)) + BUTTON_EXTRA) for button in self.query(Button))
