"""Markdown for GitHub and GitLab: the header, the grid as one table, and the summary.

Cells cannot hold line breaks or pipes in Markdown tables, so both are escaped
(`<br>`, `\\|`), as are the marks that would turn text into emphasis, code or
links; pain points and ideas go inside the response cell, marked.
"""

from __future__ import annotations

import re

from tui.core.catalogue import Catalogues
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS, Label
from tui.core.model import JourneyMap
from tui.output.render import CHANNELS, CURVE, EMPTY, GAPS, IDEAS, NO_WHO, NONE, PAIN, PAINS, IDEA, SUMMARY, TOTALS, TYPES, UNKNOWN
from tui.output.summary import summarize

PERSONA = Label("Persona", "Persona")
STAGE = Label("Étape", "Stage")
TOUCHPOINTS = Label("Points de contact", "Touchpoints")
FEELING = Label("Émotion", "Feeling")


_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")


def cell(text: str) -> str:
    """Text as it was typed: Markdown's marks escaped, line breaks as `<br>` (a table cell is one line)."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _quoted(text: str, lang: str) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def _mean(value: float | None, faces: Faces) -> str:
    return faces.face(None) if value is None else f"{faces.face(round(value))} {value:+.1f}"


def render(jmap: JourneyMap, catalogues: Catalogues, lang: str = "fr", faces: Faces | None = None) -> str:
    faces = faces or Faces()
    colon = " :" if lang == "fr" else ":"
    out = [f"# {cell(jmap.title)}", ""]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        out.append(f"**{PERSONA(lang)}{colon}** {cell(persona.name)}" + (f" — {cell(persona.description)}" if persona.description else ""))
        out += [f"- *{cell(k)}*{colon} {cell(v)}" for k, v in persona.extra]
        out.append("")
    out.append("| " + " | ".join(c.label(lang) for c in COLUMNS) + " |")
    out.append("|" + "---|" * len(COLUMNS))
    for stage in jmap.stages:
        for number, tp in enumerate(stage.touchpoints or (None,)):
            first = number == 0
            name = f"**{cell(stage.name)}**" if first else ""
            situation = cell(stage.situation) if first else ""
            if tp is None:
                out.append(f"| {name} | {situation} |  |  |  |  |  |  |")
                continue
            response = cell(tp.response)
            if tp.pain:
                response += f"<br>⚠ *{PAIN(lang)}{colon}* {cell(tp.pain)}"
            if tp.opportunity:
                response += f"<br>💡 *{IDEA(lang)}{colon}* {cell(tp.opportunity)}"
            values = [catalogues.label(k, tp.get(k), lang) for k in ("channel", "support")]
            out.append("| " + " | ".join([
                name, situation, cell(values[0]), cell(values[1]), response,
                cell(catalogues.label("type", tp.type, lang)), cell(tp.who), faces.cell(tp.emotion),
            ]) + " |")
    summary = summarize(jmap, catalogues, lang)
    out += ["", f"## {SUMMARY(lang)}", "",
            TOTALS(lang, touchpoints=summary.touchpoints, stages=len(summary.stages), face=_mean(summary.emotion, faces)),
            "", f"### {CURVE(lang)}", "",
            f"| {STAGE(lang)} | {TOUCHPOINTS(lang)} | {FEELING(lang)} | |", "|---|---:|---|---|"]
    for line in summary.stages:
        bar = "" if line.emotion is None else ("🟥" if line.emotion < 0 else "🟩") * round(abs(line.emotion) * 2)
        out.append(f"| {cell(line.name)} | {line.touchpoints} | {_mean(line.emotion, faces)} | {bar} |")
    out += ["", f"### {CHANNELS(lang)}", ""]
    out += [f"- **{cell(g.label)}** ({g.count}){colon} " + ", ".join(f"{cell(c.label)} ×{c.count}" for c in g.channels) for g in summary.groups] or [f"- {NONE(lang)}"]
    out += ["", f"### {TYPES(lang)}", ""]
    out += [f"- {cell(t.label)} ×{t.count}" for t in summary.types] or [f"- {NONE(lang)}"]
    out += ["", f"### {GAPS(lang)} ({summary.gaps})", "",
            f"- {EMPTY(lang)}{colon} " + (", ".join(cell(s) for s in summary.empty_stages) or NONE(lang)),
            f"- {NO_WHO(lang)}{colon} " + (", ".join(f"{cell(s.stage)} #{s.row}" for s in summary.without_who) or NONE(lang)),
            f"- {UNKNOWN(lang)}{colon} " + (", ".join(f"{cell(s.stage)} #{s.row} {s.key} {_quoted(cell(s.value), lang)}" for s in summary.unknown) or NONE(lang))]
    for heading, spots in ((PAINS, summary.pains), (IDEAS, summary.opportunities)):
        if spots:
            out += ["", f"### {heading(lang)} ({len(spots)})", ""]
            out += [f"- *{cell(s.stage)} #{s.row}*{colon} {cell(s.value)}" for s in spots]
    return "\n".join(out) + "\n"
