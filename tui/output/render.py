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

from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.faces import Faces, Feeling
from tui.output.i18n import COLUMNS, _
from tui.output.phrases import Headings, colon
from tui.output.hanging import Hanging, hanging
from tui.output.summary import Summary
from tui.output.summary_view import render_summary

WIDE = 140

#: The longest word a column makes room for; a longer one (a URL, say) folds.
LONGEST_WORD = 20
#: A stage name or catalogue label up to this long stays on one line in the grid.
WHOLE_LABEL = 16


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
        parts.append(hanging(Text(Headings.now().persona + colon(), style="bold"), line))
    if persona is not None:
        for key, value in persona.extra:
            parts.append(hanging(Text(f"  {key}{colon()}", style="dim"), str(value)))
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


def render_map(jmap: JourneyMap, catalogues: Catalogues, summary: Summary, faces: Faces, width: int) -> RenderableType:
    """Everything `show` prints, laid out for `width` columns."""
    if width >= WIDE:
        body: list[RenderableType] = [Text(), render_grid(jmap, catalogues, faces, width)]
    else:
        body = [render_stacked(jmap, catalogues, faces)]
    return Group(render_header(jmap), *body, Text(), render_summary(summary, faces))
