"""Other participants' cursors in the grid: their cells filled with each one's colour.

Kept out of the grid widget: the grid passes each row's cells through `mark`
with the colours that fall in that row, and keys its cache of painted lines on
what comes out, so a marked row is painted again exactly when a mark comes or
goes. The colours are the 16-colour terminal's (`tui.core.live.hub.PALETTE`),
so they read the same over SSH and in a browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text

#: Colours dark enough to need white letters on them.
_DARK = frozenset({"red", "blue", "magenta", "green"})


def mark(cells: Sequence[Text], colours: Mapping[int, str] | None, widths: Sequence[int]) -> list[Text]:
    """The row's cells with each marked column filled with its participant's colour."""
    if not colours:
        return list(cells)
    marked = list(cells)
    for column, colour in colours.items():
        if not 0 <= column < len(marked):
            continue
        value = marked[column].copy()
        value.pad_right(max(0, widths[column] - value.cell_len))
        # The text's own style, not a span: the grid knows a row changed by its cells' text and style.
        base = value.style if isinstance(value.style, Style) else Style.parse(value.style or "")
        value.style = base + Style(color="white" if colour in _DARK else "black", bgcolor=colour, bold=True)
        marked[column] = value
    return marked
