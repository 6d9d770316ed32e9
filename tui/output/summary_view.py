"""The summary drawn with Rich for `show` and the editor's preview: totals, the feeling curve,
channels and types counted, gaps, pain points and opportunities.

The figures come from the one summary model (`tui.output.summary`); this only
lays them out for a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui.output.faces import Faces
from tui.output.hanging import Hanging, hanging, mean_column
from tui.output.i18n import _
from tui.output.phrases import FIELD, Headings, colon, quoted
from tui.output.summary import Spot, Summary


#: Cells on each side of the curve's axis: four per point of feeling.
HALF = 8


def _bar(score: float | None, faces: Faces, half: int = HALF) -> Text:
    """A bar either side of an axis: left for unhappy, right for happy."""
    full, axis = ("#", "|") if faces.ascii else ("█", "│")
    bar = Text()
    if score is None:
        return Text(" " * half + axis)
    cells = round(abs(score) / 2 * half)
    left = full * cells if score < 0 else ""
    right = full * cells if score > 0 else ""
    bar.append(" " * (half - len(left)))
    bar.append(left, style="red")
    bar.append(axis, style="dim")
    bar.append(right, style="green")
    return bar


def _bar_heading(faces: Faces, half: int = HALF) -> Text:
    """The ends of the bar's scale, so which side is good reads without a legend."""
    axis = "|" if faces.ascii else "│"
    sad, happy = faces.face(-2), faces.face(2)
    return Text(f"{sad}{' ' * (half - cell_len(sad))}{axis}{' ' * (half - cell_len(happy))}{happy}")


@dataclass(frozen=True)
class _Curve:
    """The feeling curve, one line per stage, laid out for the width it is given.

    The preview pane and a narrow terminal get a shorter bar, then no count
    column, then wrapped stage names, rather than cut-off means.
    """

    summary: Summary
    faces: Faces

    @staticmethod
    def headings() -> tuple[str, str, str]:
        return _("Étape"), _("Contacts"), _("Moyenne")

    def _table(self, half: int, counts: bool) -> Table:
        stage, count, mean = self.headings()
        curve = Table(box=None, pad_edge=False, show_edge=False, header_style="dim", padding=(0, 1))
        curve.add_column(stage)
        if counts:
            curve.add_column(count, justify="right", no_wrap=True)
        curve.add_column(_bar_heading(self.faces, half), no_wrap=True)
        curve.add_column(mean, no_wrap=True)
        for line in self.summary.stages:
            count_cell = [str(line.touchpoints)] if counts else []
            curve.add_row(Text(line.name), *count_cell, _bar(line.emotion, self.faces, half),
                          Text(mean_column(line.feeling, self.faces)))
        return curve

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        stage, count, mean = self.headings()
        names = max([cell_len(stage)] + [cell_len(line.name) for line in self.summary.stages])
        means = max([cell_len(mean)] + [cell_len(mean_column(line.feeling, self.faces)) for line in self.summary.stages])
        for half, counts in ((HALF, True), (HALF // 2, True), (HALF // 2, False)):
            columns = 4 if counts else 3
            needed = names + (2 * half + 1) + means + (cell_len(count) if counts else 0) + 2 * (columns - 1)
            if needed <= options.max_width:
                break
        yield self._table(half, counts)


@dataclass(frozen=True)
class Counts:
    """Labels and their counts in two aligned columns, printed as `Table.grid` prints them.

    A Rich table measures and renders every cell on its own, the slowest part
    of `show`, for what is two padded columns; it draws only when a label
    must wrap (a very narrow console).
    """

    rows: tuple[tuple[Text, Text], ...]

    @classmethod
    def of(cls, rows: Iterable[tuple[str, int, bool | None]]) -> Counts:
        """The flag is True for a group's row (bold), False for an entry under a group (indented), None for a flat list."""
        cells = []
        for label, count, group in rows:
            style = "bold" if group else ""
            cells.append((Text(label if group is not False else "  " + label, style=style), Text(str(count), style=style)))
        return cls(tuple(cells))

    def table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column()
        table.add_column(justify="right", no_wrap=True)
        for label, count in self.rows:
            table.add_row(label, count)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        labels = max((cell_len(label.plain) for label, _ in self.rows), default=0)
        counts = max((cell_len(count.plain) for _, count in self.rows), default=0)
        if labels + 2 + counts > options.max_width or any("\n" in label.plain for label, _ in self.rows):
            yield self.table()
            return
        for label, count in self.rows:
            left, right = label.copy(), count.copy()
            left.align("left", labels)
            right.align("right", counts)
            yield Text.assemble(left, "  ", right)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def _spots(spots: Iterable[Spot]) -> str:
    return ", ".join(f"{s.stage} #{s.row}" if s.row else s.stage for s in spots)


def _bullets(spots: Iterable[Spot], style: str, text: Callable[[Spot], str]) -> Hanging:
    """One line per spot, `• Stage #n  text`, every text starting in the same column."""
    rows = tuple((Text.assemble(("• ", style), (f"{s.stage} #{s.row}", "dim")), Text(text(s))) for s in spots)
    return Hanging(rows, max((cell_len(head.plain) for head, _ in rows), default=0) + 2)


def render_summary(summary: Summary, faces: Faces) -> RenderableType:
    after = colon()
    headings = Headings.now()
    none = headings.none
    parts: list[RenderableType] = [
        Rule(Text(headings.summary, style="bold"), align="left", characters="═" if not faces.ascii else "="),
        Text(summary.totals(faces)),
        Text(),
        Text(headings.curve, style="bold"),
        _Curve(summary, faces),
        Text(),
        Text(headings.channels, style="bold"),
    ]
    if summary.groups:
        rows = []
        for group in summary.groups:
            rows.append((group.label, group.count, True))
            rows += [(c.label, c.count, False) for c in group.channels]
        parts.append(Counts.of(rows))
    else:
        parts.append(Text(none, style="dim"))
    parts += [Text(), Text(headings.types, style="bold")]
    if summary.types:
        parts.append(Counts.of((t.label, t.count, None) for t in summary.types))
    else:
        parts.append(Text(none, style="dim"))
    parts += [Text(), Text(f"{headings.gaps} ({summary.gaps})", style="bold")]
    parts.append(hanging(Text(headings.empty + after, style="dim"), ", ".join(summary.empty_stages) or none))
    parts.append(hanging(Text(headings.no_who + after, style="dim"), _spots(summary.without_who) or none))
    if summary.unknown:
        parts.append(Text(f"{headings.unknown} ({len(summary.unknown)}){after.rstrip()}", style="dim"))
        parts.append(_bullets(summary.unknown, "yellow",
                              lambda s: f"{_(FIELD[s.key]) if s.key in FIELD else s.key} {quoted(s.value)}"))
    else:
        parts.append(Text.assemble((headings.unknown + after, "dim"), none))
    if summary.pains:
        parts += [Text(), Text(f"{headings.pains} ({len(summary.pains)})", style="bold")]
        parts.append(_bullets(summary.pains, "red", lambda s: s.value))
    if summary.opportunities:
        parts += [Text(), Text(f"{headings.ideas} ({len(summary.opportunities)})", style="bold")]
        parts.append(_bullets(summary.opportunities, "green", lambda s: s.value))
    return Group(*parts)
