"""Drawing one line of the grid as DataTable draws it, from cell texts to a Strip.

Kept apart from the widget so the look is one pure function of its inputs:
the cells, the column widths, the styles of the moment (`Look`) and where
the cursor and the other participants' marks are. The widget caches what
this returns under a key made of exactly those inputs.

The styles are DataTable's component classes (`datatable--header`,
`datatable--fixed`, `datatable--cursor`…, set in `app.tcss`) combined as
DataTable combines them: the row's style, then the cursor's, then the
cell's own (bold stage names, italic unknown catalogue entries), and the
cursor's colours over all, so the grid looks as the DataTable it replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.strip import Strip

from tui.app.widgets.grid_columns import FROZEN, PADDING, Columns

#: The grid's component classes, DataTable's names: `app.tcss` styles them.
COMPONENTS = ("datatable--header", "datatable--fixed", "datatable--cursor", "datatable--fixed-cursor",
              "datatable--even-row", "datatable--odd-row")
#: What marks another participant's cell: drawn in its padding, left of the text.
MARK = "▌"


@dataclass(frozen=True)
class Look:
    """The styles every line depends on besides its content; a new Look (focus, theme) redraws all."""

    base: Style
    header: Style
    fixed: Style
    cursor: Style
    fixed_cursor: Style
    even: Style
    odd: Style
    zebra: bool
    #: The colour of the blank after the last column, per row style (DataTable fades it).
    background: Color

    def row(self, index: int) -> Style:
        if not self.zebra:
            return self.base
        return self.odd if index % 2 else self.even

    def extension(self, style: Style) -> Style:
        """The blank right of the last column: the row's colours, its background faded."""
        if style.bgcolor is None:
            return Style.from_color(style.color, style.bgcolor)
        faded = Color.from_rich_color(style.bgcolor).blend(self.background, 0.25)
        return Style.from_color(style.color, faded.rich_color)


def _cursor_colours(style: Style) -> Style:
    """The cursor's colours, laid over the cell's own (DataTable's "css" cursor priority)."""
    return Style.from_color(style.color) + Style.from_color(bgcolor=style.bgcolor)


def _fitted(text: Text, width: int) -> Text:
    if text.cell_len > width:
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
    return text


def _cell(console: Console, text: Text, width: int, style: Style, after: Style, mark: Style | None) -> Iterable[Segment]:
    fitted = _fitted(text, width)
    yield Segment(MARK, style + mark) if mark is not None else Segment(" " * PADDING, style + after)
    if fitted.spans:
        for segment in fitted.render(console):
            yield Segment(segment.text, style + segment.style + after if segment.style else style + after)
    else:  # Text.render leaves the text's own style to its caller when it has no spans
        yield Segment(fitted.plain, style + console.get_style(fitted.style, default=Style.null()) + after)
    yield Segment(" " * (width - fitted.cell_len + PADDING), style + after)


def paint_row(console: Console, cells: Sequence[Text], columns: Columns, look: Look, index: int,
              cursor: int | None, marks: Mapping[int, Style]) -> Strip:
    """A whole row, every column: the widget shows the frozen part and a slice of the rest."""
    row_style = look.row(index)
    segments: list[Segment] = []
    for column, (text, width) in enumerate(zip(cells, columns.widths)):
        frozen = column < FROZEN
        style, after = (look.fixed if frozen else row_style), Style()
        if column == cursor:
            component = look.cursor + look.fixed_cursor if frozen else look.cursor
            style, after = style + component, _cursor_colours(component)
        segments.extend(_cell(console, text, width, style, after, marks.get(column)))
    return Strip(segments, columns.total)


def paint_header(console: Console, headings: Sequence[str], columns: Columns, look: Look) -> Strip:
    segments: list[Segment] = []
    for heading, width in zip(headings, columns.widths):
        segments.extend(_cell(console, Text(heading), width, look.header, Style(), None))
    return Strip(segments, columns.total)


def in_view(line: Strip, columns: Columns, scroll: int, width: int, blank: Style) -> Strip:
    """What shows of a full row `width` cells wide: the frozen columns, then the rest from `scroll`."""
    fixed = columns.fixed
    if width <= fixed:
        return line.crop(0, width)
    shown = Strip.join([line.crop(0, fixed), line.crop(fixed + scroll, scroll + width)])
    return shown.extend_cell_length(width, blank)
