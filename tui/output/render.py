"""A map drawn with Rich: header, the stages and touchpoints, the summary.

Eight columns do not fit 80 characters legibly: the catalogue columns alone
need about 65 (« Sensibilisation », « communautaires », « Institutionnelle »
must not be cut), the table's gutters 23 more, which leaves under 40 for the
situation, the response and who at 120 columns, five or six words a line. So
below `WIDE` columns the map is drawn stacked: each stage as a heading with its
situation, each touchpoint as a short block (face, channel › support · type,
then the response, who, pain and idea), which reads top to bottom like the
workshop wall. From `WIDE` columns up it is the grid the editor shows. Text
always wraps, never cut, since `show` is for reading: every column is at least
as wide as its longest word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.faces import Faces, Feeling
from tui.output.i18n import COLUMNS, _
from tui.output.phrases import FIELD, Headings, colon, quoted
from tui.output.summary import Spot, Summary

WIDE = 140

#: The longest word a column makes room for; a longer one (a URL, say) folds.
LONGEST_WORD = 20
#: A stage name or catalogue label up to this long stays on one line in the grid.
WHOLE_LABEL = 16


@dataclass(frozen=True)
class Hanging:
    """Rows of a head and a body, each body wrapped in the column `indent` cells in.

    What a two-column grid would draw, without a Rich table per row: a map of
    thousands of touchpoints prints in a fraction of the time.
    """

    rows: tuple[tuple[Text, Text], ...]
    indent: int

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        blank = Text(" " * self.indent)
        for head, body in self.rows:
            if cell_len(body.plain) <= width and "\n" not in body.plain:
                lines = [body.copy()]  # fits: Rich's wrap is the slowest step, and not needed
            else:
                lines = body.wrap(console, width, overflow="fold") if body.plain else [Text()]
            for number, line in enumerate(lines):
                if number == 0:
                    lead = head.copy()
                    lead.truncate(self.indent, pad=True)
                else:
                    lead = blank
                yield from lead.render(console)
                line.rstrip()
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(body.plain) for _, body in self.rows), default=0)
        return Measurement(self.indent + 1, min(options.max_width, self.indent + longest))


def _hanging(head: Text, body: Text | str) -> Hanging:
    """`head` then `body`, wrapped lines aligned under the body rather than under the head."""
    return Hanging(((head, body if isinstance(body, Text) else Text(body)),), cell_len(head.plain))


def _mean_column(feeling: Feeling, faces: Faces) -> str:
    """A mean in a column: the feeling's own text, its number right-aligned (`😐  0.0` under `😄 +1.5`)."""
    return feeling.face(faces) if feeling.value is None else f"{feeling.face(faces)} {feeling.text:>4}"


def _label(catalogues: Catalogues, tp: Touchpoint, key: str) -> Text:
    value = tp.get(key)
    if not value:
        return Text("—", style="dim")
    if catalogues.knows(key, value):
        return Text(catalogues.label(key, value))
    return Text(f"{value} ?", style="yellow")


def render_header(jmap: JourneyMap) -> RenderableType:
    parts: list[RenderableType] = [Text(jmap.title, style="bold")]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        line = Text(persona.name)
        if persona.description:
            line.append(f" — {persona.description}" if persona.name else persona.description)
        parts.append(_hanging(Text(Headings.now().persona + colon(), style="bold"), line))
    if persona is not None:
        for key, value in persona.extra:
            parts.append(_hanging(Text(f"  {key}{colon()}", style="dim"), str(value)))
    return Group(*parts)


def _touchpoint_block(catalogues: Catalogues, tp: Touchpoint, number: int, faces: Faces) -> Hanging:
    head = Text()
    head.append_text(_label(catalogues, tp, "channel"))
    head.append(" › ", style="dim")
    head.append_text(_label(catalogues, tp, "support"))
    head.append(" · ", style="dim")
    head.append_text(_label(catalogues, tp, "type"))
    rows = [(Text(f"{number:>2}. {faces.cell(tp.emotion)}"), head)]
    if tp.response:
        rows.append((Text(), Text(tp.response)))
    headings = Headings.now()
    who = Text(_("Qui") + colon(), style="dim")
    who.append(tp.who or "—", style="" if tp.who else "yellow")
    rows.append((Text(), who))
    if tp.pain:
        rows.append((Text(), Text.assemble((headings.pain + colon(), "red"), tp.pain)))
    if tp.opportunity:
        rows.append((Text(), Text.assemble((headings.idea + colon(), "green"), tp.opportunity)))
    # " 1. 😄 +2 ": room for two-digit numbers and the widest face with its score, then a space.
    return Hanging(tuple(rows), max(cell_len(rows[0][0].plain), 4 + cell_len(faces.cell(-2))) + 1)


def _stage_heading(stage: Stage, faces: Faces) -> RenderableType:
    heading = Text(f"{stage.name or stage.id}  {Feeling(stage.emotion, mean=True).label(faces)}", style="bold")
    return Rule(heading, align="left", characters="─" if not faces.ascii else "-")


def render_stacked(jmap: JourneyMap, catalogues: Catalogues, faces: Faces) -> RenderableType:
    parts: list[RenderableType] = []
    for stage in jmap.stages:
        parts.append(Text())
        parts.append(_stage_heading(stage, faces))
        if stage.situation:
            parts.append(Text(stage.situation, style="italic"))
        if not stage.touchpoints:
            parts.append(Text(_("(aucun point de contact)"), style="dim"))
        for number, tp in enumerate(stage.touchpoints, 1):
            parts.append(_touchpoint_block(catalogues, tp, number, faces))
    return Group(*parts)


def _column_width(texts: Iterable[str], whole: int = 0) -> int:
    """Room for the longest word; also for the longest text of up to `whole` cells, kept on one line."""
    texts = [text for text in texts if text]
    word = max((cell_len(word) for text in texts for word in text.split()), default=1)
    line = max((cell_len(text) for text in texts if cell_len(text) <= whole), default=0)
    return max(min(word, LONGEST_WORD), line)


def _grid_cells(jmap: JourneyMap, catalogues: Catalogues, faces: Faces) -> dict[str, list[str]]:
    """The text of every cell, by column, to size the columns by their longest word."""
    cells: dict[str, list[str]] = {column.key: [_(column.heading)] for column in COLUMNS}
    for stage in jmap.stages:
        cells["stage"].append(stage.name or stage.id)
        cells["situation"].append(stage.situation)
        for tp in stage.touchpoints:
            for key in ("channel", "support", "type"):
                cells[key].append(_label(catalogues, tp, key).plain)
            cells["response"] += [tp.response, tp.pain, tp.opportunity]
            cells["who"].append(tp.who)
            cells["emotion"].append(faces.cell(tp.emotion))
    return cells


def _share(total: int, ratios: list[int], minimums: list[int]) -> list[int]:
    """Split `total` by `ratios`, no part below its minimum (Rich's own split can overshoot)."""
    widths = list(minimums)
    free = set(range(len(ratios)))
    while free:
        room = total - sum(widths[i] for i in range(len(widths)) if i not in free)
        weight = sum(ratios[i] for i in free)
        below = {i for i in free if room * ratios[i] / weight < minimums[i]}
        if not below:
            for i in free:
                widths[i] = int(room * ratios[i] / weight)
            widths[max(free, key=lambda i: ratios[i])] += room - sum(widths[i] for i in free)
            break
        free -= below
    return widths


def render_grid(jmap: JourneyMap, catalogues: Catalogues, faces: Faces, width: int | None = None) -> Table:
    """The editor's grid as a table: one row per touchpoint, the stage on its first row.

    Catalogue columns are as wide as their longest word (« communautaires »,
    « Institutionnelle »), so labels wrap between words; free text shares the
    rest of `width` (all of the console's width when None), each column again
    at least as wide as its longest word.
    """
    table = Table(box=box.SIMPLE_HEAD, expand=True, header_style="bold", pad_edge=False, show_edge=False)
    cells = _grid_cells(jmap, catalogues, faces)
    headings = Headings.now()
    ratios = {"situation": 3, "response": 4, "who": 2}
    widths = {column.key: _column_width(cells[column.key], 0 if column.key in ratios else WHOLE_LABEL) for column in COLUMNS}
    widths["emotion"] = max(cell_len(text) for text in cells["emotion"])
    for column in COLUMNS:
        table.add_column(_(column.heading), width=widths[column.key], overflow="fold")
    flexible = [i for i, column in enumerate(COLUMNS) if column.key in ratios]
    if width is None:
        for i in flexible:
            table.columns[i].ratio = ratios[COLUMNS[i].key]
    else:
        overhead = table._extra_width + sum(table._get_padding_width(i) for i in range(len(COLUMNS)))
        room = width - overhead - sum(widths[c.key] for c in COLUMNS if c.key not in ratios)
        shares = _share(room, [ratios[COLUMNS[i].key] for i in flexible], [widths[COLUMNS[i].key] for i in flexible])
        for i, share in zip(flexible, shares):
            table.columns[i].width = share
    for stage in jmap.stages:
        rows = stage.touchpoints or (None,)
        for number, tp in enumerate(rows):
            first, last = number == 0, number == len(rows) - 1
            name = Text(stage.name or stage.id, style="bold") if first else Text()
            situation = Text(stage.situation, style="italic") if first else Text()
            if tp is None:
                table.add_row(name, situation, *([Text()] * 6), end_section=stage is not jmap.stages[-1])
                continue
            response = Text(tp.response)
            if tp.pain:
                response.append(f"\n{headings.pain}{colon()}{tp.pain}", style="red")
            if tp.opportunity:
                response.append(f"\n{headings.idea}{colon()}{tp.opportunity}", style="green")
            table.add_row(
                name,
                situation,
                _label(catalogues, tp, "channel"),
                _label(catalogues, tp, "support"),
                response,
                _label(catalogues, tp, "type"),
                Text(tp.who) if tp.who else Text("—", style="yellow"),
                Text(faces.cell(tp.emotion)),
                end_section=last and stage is not jmap.stages[-1],
            )
    return table


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
                          Text(_mean_column(line.feeling, self.faces)))
        return curve

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        stage, count, mean = self.headings()
        names = max([cell_len(stage)] + [cell_len(line.name) for line in self.summary.stages])
        means = max([cell_len(mean)] + [cell_len(_mean_column(line.feeling, self.faces)) for line in self.summary.stages])
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
    parts.append(_hanging(Text(headings.empty + after, style="dim"), ", ".join(summary.empty_stages) or none))
    parts.append(_hanging(Text(headings.no_who + after, style="dim"), _spots(summary.without_who) or none))
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


def render_map(jmap: JourneyMap, catalogues: Catalogues, summary: Summary, faces: Faces, width: int) -> RenderableType:
    """Everything `show` prints, laid out for `width` columns."""
    if width >= WIDE:
        body: list[RenderableType] = [Text(), render_grid(jmap, catalogues, faces, width)]
    else:
        body = [render_stacked(jmap, catalogues, faces)]
    return Group(render_header(jmap), *body, Text(), render_summary(summary, faces))
