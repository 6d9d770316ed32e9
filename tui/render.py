"""A map drawn with Rich: header, the stages and touchpoints, the summary.

Eight columns do not fit 80 characters legibly, so below `WIDE` columns the
map is drawn stacked: each stage as a heading with its situation, each
touchpoint as a short block (face, channel › support · type, then the
response, who, pain and idea), which reads top to bottom like the workshop
wall. From `WIDE` columns up it is the grid the editor shows. Text always
wraps, never cut, since `show` is for reading.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui.catalogue import Catalogues
from tui.faces import Faces
from tui.i18n import COLUMNS, Label
from tui.model import JourneyMap, Stage, Touchpoint
from tui.summary import Summary

WIDE = 140

PERSONA = Label("Persona", "Persona")
WHO = Label("Qui", "Who")
PAIN = Label("Douleur", "Pain point")
IDEA = Label("Idée", "Opportunity")
NO_TOUCHPOINT = Label("(aucun point de contact)", "(no touchpoint)")
SUMMARY = Label("Résumé", "Summary")
TOTALS = Label(
    "{touchpoints} points de contact sur {stages} étapes · émotion moyenne {face}",
    "{touchpoints} touchpoints over {stages} stages · mean feeling {face}",
)
CURVE = Label("Courbe des émotions", "Feeling curve")
CHANNELS = Label("Canaux utilisés, par groupe", "Channels used, by group")
TYPES = Label("Types de communication", "Types of communication")
GAPS = Label("Manques", "Gaps")
EMPTY = Label("Étapes sans point de contact", "Stages with no touchpoint")
NO_WHO = Label("Sans « Qui »", "No “who”")
UNKNOWN = Label("Hors catalogue", "Not in the catalogues")
NONE = Label("aucun", "none")
PAINS = Label("Points de douleur", "Pain points")
IDEAS = Label("Opportunités", "Opportunities")


def _colon(lang: str) -> str:
    """French typography puts a space before the colon."""
    return " : " if lang == "fr" else ": "


def _hanging(head: Text, body: Text | str) -> Table:
    """`head` then `body`, wrapped lines aligned under the body rather than under the head."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(head, body)
    return grid


def _mean(value: float | None, faces: Faces) -> str:
    if value is None:
        return faces.face(None)
    return f"{faces.face(round(value))} {value:+.1f}"


def _label(catalogues: Catalogues, tp: Touchpoint, key: str, lang: str) -> Text:
    value = tp.get(key)
    if not value:
        return Text("—", style="dim")
    if catalogues.knows(key, value):
        return Text(catalogues.label(key, value, lang))
    return Text(f"{value} ?", style="yellow")


def render_header(jmap: JourneyMap, lang: str) -> RenderableType:
    parts = [Text(jmap.title, style="bold")]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        line = Text(persona.name)
        if persona.description:
            line.append(f" — {persona.description}" if persona.name else persona.description)
        parts.append(_hanging(Text(PERSONA(lang) + _colon(lang), style="bold"), line))
        for key, value in persona.extra:
            parts.append(Text(f"  {key}{_colon(lang)}{value}", style="dim"))
    return Group(*parts)


def _touchpoint_block(catalogues: Catalogues, tp: Touchpoint, number: int, lang: str, faces: Faces) -> RenderableType:
    block = Table.grid(padding=(0, 1))
    block.add_column(no_wrap=True, min_width=len(faces.cell(-2)) + 3)
    block.add_column(ratio=1)
    head = Text()
    head.append_text(_label(catalogues, tp, "channel", lang))
    head.append(" › ", style="dim")
    head.append_text(_label(catalogues, tp, "support", lang))
    head.append(" · ", style="dim")
    head.append_text(_label(catalogues, tp, "type", lang))
    block.add_row(Text(f"{number:>2}. {faces.cell(tp.emotion)}"), head)
    if tp.response:
        block.add_row("", Text(tp.response))
    who = Text(WHO(lang) + _colon(lang), style="dim")
    who.append(tp.who or "—", style="" if tp.who else "yellow")
    block.add_row("", who)
    if tp.pain:
        block.add_row("", Text.assemble((PAIN(lang) + _colon(lang), "red"), tp.pain))
    if tp.opportunity:
        block.add_row("", Text.assemble((IDEA(lang) + _colon(lang), "green"), tp.opportunity))
    return block


def _stage_heading(stage: Stage, faces: Faces) -> RenderableType:
    heading = Text(f"{stage.name or stage.id}  {_mean(stage.emotion, faces)}", style="bold")
    return Rule(heading, align="left", characters="─" if not faces.ascii else "-")


def render_stacked(jmap: JourneyMap, catalogues: Catalogues, lang: str, faces: Faces) -> RenderableType:
    parts: list[RenderableType] = []
    for stage in jmap.stages:
        parts.append(Text())
        parts.append(_stage_heading(stage, faces))
        if stage.situation:
            parts.append(Text(stage.situation, style="italic"))
        if not stage.touchpoints:
            parts.append(Text(NO_TOUCHPOINT(lang), style="dim"))
        for number, tp in enumerate(stage.touchpoints, 1):
            parts.append(_touchpoint_block(catalogues, tp, number, lang, faces))
    return Group(*parts)


def render_grid(jmap: JourneyMap, catalogues: Catalogues, lang: str, faces: Faces) -> Table:
    """The editor's grid as a table: one row per touchpoint, the stage on its first row."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, header_style="bold", pad_edge=False)
    # Catalogue columns get a fixed width that holds their longest words (« Sensibilisation »,
    # « communautaires », « Promotionnelle »); free text shares the rest.
    fixed = {"stage": 15, "channel": 14, "support": 14, "type": 14, "emotion": 7}
    ratios = {"situation": 3, "response": 4, "who": 2}
    for column in COLUMNS:
        if column.key in fixed:
            table.add_column(column.label(lang), width=fixed[column.key], overflow="fold")
        else:
            table.add_column(column.label(lang), ratio=ratios[column.key], overflow="fold")
    for stage in jmap.stages:
        rows = stage.touchpoints or (None,)
        for number, tp in enumerate(rows):
            first, last = number == 0, number == len(rows) - 1
            name = Text(stage.name or stage.id, style="bold") if first else Text()
            situation = Text(stage.situation, style="italic") if first else Text()
            if tp is None:
                table.add_row(name, situation, *([Text()] * 5), Text(), end_section=True)
                continue
            response = Text(tp.response)
            if tp.pain:
                response.append(f"\n{PAIN(lang)}{_colon(lang)}{tp.pain}", style="red")
            if tp.opportunity:
                response.append(f"\n{IDEA(lang)}{_colon(lang)}{tp.opportunity}", style="green")
            table.add_row(
                name,
                situation,
                _label(catalogues, tp, "channel", lang),
                _label(catalogues, tp, "support", lang),
                response,
                _label(catalogues, tp, "type", lang),
                Text(tp.who) if tp.who else Text("—", style="yellow"),
                Text(faces.cell(tp.emotion)),
                end_section=last,
            )
    return table


def _bar(score: float | None, faces: Faces, half: int = 10) -> Text:
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


def _spots(spots, lang: str) -> str:
    return ", ".join(f"{s.stage} #{s.row}" if s.row else s.stage for s in spots) or NONE(lang)


def render_summary(summary: Summary, lang: str, faces: Faces) -> RenderableType:
    parts: list[RenderableType] = [
        Text(SUMMARY(lang), style="bold underline"),
        Text(TOTALS(lang, touchpoints=summary.touchpoints, stages=len(summary.stages), face=_mean(summary.emotion, faces))),
        Text(),
        Text(CURVE(lang), style="bold"),
    ]
    curve = Table.grid(padding=(0, 1))
    curve.add_column(no_wrap=True)
    curve.add_column(justify="right", no_wrap=True)
    curve.add_column(no_wrap=True)
    curve.add_column(no_wrap=True)
    for stage in summary.stages:
        count = Text(f"({stage.touchpoints})", style="dim")
        curve.add_row(Text(stage.name), count, _bar(stage.emotion, faces), Text(_mean(stage.emotion, faces)))
    parts += [curve, Text(), Text(CHANNELS(lang), style="bold")]
    for group in summary.groups:
        head = Text(f"{group.label} ({group.count}){_colon(lang)}", style="bold")
        parts.append(_hanging(head, ", ".join(f"{c.label} ×{c.count}" for c in group.channels)))
    if not summary.groups:
        parts.append(Text(NONE(lang), style="dim"))
    parts += [Text(), Text(TYPES(lang), style="bold")]
    parts.append(Text(", ".join(f"{t.label} ×{t.count}" for t in summary.types) or NONE(lang)))
    parts += [Text(), Text(f"{GAPS(lang)} ({summary.gaps})", style="bold")]
    colon = _colon(lang)
    parts.append(Text.assemble((EMPTY(lang) + colon, "dim"), ", ".join(summary.empty_stages) or NONE(lang)))
    parts.append(Text.assemble((NO_WHO(lang) + colon, "dim"), _spots(summary.without_who, lang)))
    unknown = ", ".join(f"{s.stage} #{s.row} {s.key}={s.value}" for s in summary.unknown) or NONE(lang)
    parts.append(Text.assemble((UNKNOWN(lang) + colon, "dim"), unknown))
    if summary.pains:
        parts += [Text(), Text(f"{PAINS(lang)} ({len(summary.pains)})", style="bold")]
        parts += [_hanging(Text.assemble(("• ", "red"), (f"{s.stage} #{s.row}{colon}", "dim")), s.value) for s in summary.pains]
    if summary.opportunities:
        parts += [Text(), Text(f"{IDEAS(lang)} ({len(summary.opportunities)})", style="bold")]
        parts += [_hanging(Text.assemble(("• ", "green"), (f"{s.stage} #{s.row}{colon}", "dim")), s.value) for s in summary.opportunities]
    return Group(*parts)


def render_map(jmap: JourneyMap, catalogues: Catalogues, summary: Summary, lang: str, faces: Faces, width: int) -> RenderableType:
    """Everything `show` prints, laid out for `width` columns."""
    body = render_grid(jmap, catalogues, lang, faces) if width >= WIDE else render_stacked(jmap, catalogues, lang, faces)
    return Group(render_header(jmap, lang), body, Text(), render_summary(summary, lang, faces))
