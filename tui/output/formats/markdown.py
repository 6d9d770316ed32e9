"""Markdown for GitHub and GitLab: the header, the grid as one table, and the summary.

Cells cannot hold line breaks or pipes in Markdown tables, so both are escaped
(`<br>`, `\\|`), as are the marks that would turn text into emphasis, code or
links; pain points and ideas go inside the response cell, marked.
"""

from __future__ import annotations

import re

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS, _, pgettext
from tui.output.phrases import Headings, colon, quoted, totals
from tui.output.summary import summarize


_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")


def cell(text: str) -> str:
    """Text as it was typed: Markdown's marks escaped, line breaks as `<br>` (a table cell is one line)."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _mean(value: float | None, faces: Faces) -> str:
    return faces.face(None) if value is None else f"{faces.face(round(value))} {value:+.1f}"


def render(jmap: JourneyMap, catalogues: Catalogues, faces: Faces | None = None) -> str:
    faces = faces or Faces()
    after = colon().rstrip()
    headings = Headings.now()
    none = headings.none
    out = [f"# {cell(jmap.title)}", ""]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        out.append(f"**{headings.persona}{after}** {cell(persona.name)}" + (f" — {cell(persona.description)}" if persona.description else ""))
        out += [f"- *{cell(k)}*{after} {cell(v)}" for k, v in persona.extra]
        out.append("")
    out.append("| " + " | ".join(_(c.heading) for c in COLUMNS) + " |")
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
                response += f"<br>⚠ *{headings.pain}{after}* {cell(tp.pain)}"
            if tp.opportunity:
                response += f"<br>💡 *{headings.idea}{after}* {cell(tp.opportunity)}"
            values = [catalogues.label(k, tp.get(k)) for k in ("channel", "support")]
            out.append("| " + " | ".join([
                name, situation, cell(values[0]), cell(values[1]), response,
                cell(catalogues.label("type", tp.type)), cell(tp.who), faces.cell(tp.emotion),
            ]) + " |")
    summary = summarize(jmap, catalogues)
    curve_headings = (_("Étape"), _("Points de contact"), pgettext("curve", "Émotion"))
    out += ["", f"## {headings.summary}", "",
            totals(summary, _mean(summary.emotion, faces)),
            "", f"### {headings.curve}", "",
            "| " + " | ".join(curve_headings) + " | |", "|---|---:|---|---|"]
    for line in summary.stages:
        bar = "" if line.emotion is None else ("🟥" if line.emotion < 0 else "🟩") * round(abs(line.emotion) * 2)
        out.append(f"| {cell(line.name)} | {line.touchpoints} | {_mean(line.emotion, faces)} | {bar} |")
    out += ["", f"### {headings.channels}", ""]
    out += [f"- **{cell(g.label)}** ({g.count}){after} " + ", ".join(f"{cell(c.label)} ×{c.count}" for c in g.channels) for g in summary.groups] or [f"- {none}"]
    out += ["", f"### {headings.types}", ""]
    out += [f"- {cell(t.label)} ×{t.count}" for t in summary.types] or [f"- {none}"]
    out += ["", f"### {headings.gaps} ({summary.gaps})", "",
            f"- {headings.empty}{after} " + (", ".join(cell(s) for s in summary.empty_stages) or none),
            f"- {headings.no_who}{after} " + (", ".join(f"{cell(s.stage)} #{s.row}" for s in summary.without_who) or none),
            f"- {headings.unknown}{after} " + (", ".join(f"{cell(s.stage)} #{s.row} {s.key} {quoted(cell(s.value))}" for s in summary.unknown) or none)]
    for heading, spots in ((headings.pains, summary.pains), (headings.ideas, summary.opportunities)):
        if spots:
            out += ["", f"### {heading} ({len(spots)})", ""]
            out += [f"- *{cell(s.stage)} #{s.row}*{after} {cell(s.value)}" for s in spots]
    return "\n".join(out) + "\n"
