"""One self-contained HTML page: inline CSS, an inline SVG feeling curve, no network.

Made to be opened in a browser and printed to PDF for a steering committee:
the curve first (the map's story at a glance), then the grid, then the gaps.
"""

from __future__ import annotations

from html import escape

from tui.core import words
from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.faces import Faces
from tui.output.i18n import COLUMNS, _
from tui.output.phrases import Headings, colon, totals
from tui.output.summary import Summary, summarize

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d2733; }
h1 { margin-bottom: .2rem; } .persona { color: #445; margin-top: 0; }
table.grid { border-collapse: collapse; width: 100%; font-size: .9rem; }
.grid th, .grid td { border: 1px solid #ccd3db; padding: .35rem .5rem; vertical-align: top; text-align: left; }
.grid td { white-space: pre-line; } .grid th { background: #eef2f6; } .stage { font-weight: bold; background: #f7f9fb; }
.pain { color: #b3261e; } .idea { color: #1b7a3a; } .unknown { font-style: italic; color: #8a5a00; }
.face { white-space: nowrap; } svg text { font-size: 12px; fill: #1d2733; } svg text.face { font-size: 16px; }
.curve, .summary { break-inside: avoid; } .grid tr { break-inside: avoid; } .grid thead { display: table-header-group; }
@page { size: A4 landscape; margin: 1cm; } @media print { body { margin: 0; font-size: 10pt; } }
"""


def _short(name: str, room: float) -> str:
    """A stage name cut to the room under its point (about 6.5 px a character at 12 px)."""
    most = max(4, int(room / 6.5))
    return name if len(name) <= most else name[: most - 1] + "…"


def _curve(summary: Summary, faces: Faces) -> str:
    """Stages left to right, feeling bottom (-2) to top (+2), a face on each point.

    Drawn in its own coordinates (viewBox) and scaled to the page's width, so it
    fits a screen and an A4 page alike.
    """
    stages = summary.stages
    step = 110
    left, right, top, bottom = 36 + step / 2, step / 2, 24, 40
    width = left + right + step * max(0, len(stages) - 1)
    height = 220
    y = lambda score: top + (2 - score) * (height - top - bottom) / 4  # noqa: E731
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height}" '
             f'width="100%" style="max-width:{width:.0f}px" role="img" aria-label="{escape(", ".join(s.name for s in stages))}">']
    for score in range(-2, 3):
        parts.append(f'<line x1="36" x2="{width:.0f}" y1="{y(score):.1f}" y2="{y(score):.1f}" stroke="#dde3ea"/>')
        parts.append(f'<text x="4" y="{y(score) + 4:.1f}">{score:+d}</text>' if score else f'<text x="4" y="{y(0) + 4:.1f}">0</text>')
    points = [(left + i * step, y(s.emotion)) for i, s in enumerate(stages) if s.emotion is not None]
    if points:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2f6fb0" stroke-width="2"/>')
    for i, stage in enumerate(stages):
        x = left + i * step
        if stage.emotion is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y(stage.emotion):.1f}" r="3" fill="#2f6fb0"/>')
            parts.append(f'<text x="{x:.1f}" y="{y(stage.emotion) - 8:.1f}" text-anchor="middle" class="face">'
                         f"{faces.face(round(stage.emotion))}</text>")
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle">'
                     f"<title>{escape(stage.name)}</title>{escape(_short(stage.name, step - 8))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def render(jmap: JourneyMap, catalogues: Catalogues, faces: Faces | None = None) -> str:
    faces = faces or Faces()
    summary = summarize(jmap, catalogues)
    after = colon().rstrip()
    headings = Headings.now()
    none = headings.none
    out = [f'<!DOCTYPE html><html lang="{words.language()}"><head><meta charset="utf-8">',
           f"<title>{escape(jmap.title)}</title><style>{STYLE}</style></head><body>",
           f"<h1>{escape(jmap.title)}</h1>"]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        extra = "".join(f"<br><em>{escape(k)}</em>{after} {escape(v)}" for k, v in persona.extra)
        out.append(f'<p class="persona"><strong>{headings.persona}{after}</strong> {escape(persona.name)}'
                   f"{' — ' + escape(persona.description) if persona.description else ''}{extra}</p>")
    out += [f'<section class="curve"><h2>{headings.curve}</h2>{_curve(summary, faces)}</section>',
            '<section><table class="grid"><thead><tr>'
            + "".join(f"<th>{escape(_(c.heading))}</th>" for c in COLUMNS) + "</tr></thead><tbody>"]
    for stage in jmap.stages:
        rows = stage.touchpoints or (None,)
        for number, tp in enumerate(rows):
            head = ""
            if number == 0:
                head = (f'<td class="stage" rowspan="{len(rows)}">{escape(stage.name)}</td>'
                        f'<td rowspan="{len(rows)}">{escape(stage.situation)}</td>')
            if tp is None:
                out.append(f"<tr>{head}<td></td><td></td><td></td><td></td><td></td><td></td></tr>")
                continue
            cells = []
            for key in ("channel", "support"):
                known = catalogues.knows(key, tp.get(key))
                cells.append(f'<td{"" if known else " class=unknown"}>{escape(catalogues.label(key, tp.get(key)))}</td>')
            response = escape(tp.response)
            if tp.pain:
                response += f'<br><span class="pain">⚠ {headings.pain}{after} {escape(tp.pain)}</span>'
            if tp.opportunity:
                response += f'<br><span class="idea">💡 {headings.idea}{after} {escape(tp.opportunity)}</span>'
            out.append(f"<tr>{head}{''.join(cells)}<td>{response}</td>"
                       f"<td>{escape(catalogues.label('type', tp.type))}</td><td>{escape(tp.who)}</td>"
                       f'<td class="face">{escape(faces.cell(tp.emotion))}</td></tr>')
    out.append("</tbody></table></section>")
    groups = "".join(f"<li><strong>{escape(g.label)}</strong> ({g.count}){after} "
                     + ", ".join(f"{escape(c.label)} ×{c.count}" for c in g.channels) + "</li>" for g in summary.groups)
    types = ", ".join(f"{escape(t.label)} ×{t.count}" for t in summary.types) or none
    mean = none if summary.emotion is None else f"{faces.face(round(summary.emotion))} {summary.emotion:+.1f}"
    out.append(f'<h2>{headings.summary}</h2><p>{escape(totals(summary, mean))}</p>'
               f'<section class="summary"><h3>{headings.channels}</h3><ul>{groups}</ul>'
               f'<h3>{headings.types}</h3><p>{types}</p></section>')
    gaps = [
        (headings.empty, ", ".join(escape(s) for s in summary.empty_stages)),
        (headings.no_who, ", ".join(f"{escape(s.stage)} #{s.row}" for s in summary.without_who)),
        (headings.unknown, ", ".join(f"{escape(s.stage)} #{s.row} {s.key} <q>{escape(s.value)}</q>" for s in summary.unknown)),
    ]
    out.append(f"<section><h3>{headings.gaps} ({summary.gaps})</h3><ul>"
               + "".join(f"<li>{label}{after} {value or none}</li>" for label, value in gaps) + "</ul></section>")
    for heading, spots, css in ((headings.pains, summary.pains, "pain"), (headings.ideas, summary.opportunities, "idea")):
        if spots:
            out.append(f"<section><h3>{heading} ({len(spots)})</h3><ul>"
                       + "".join(f'<li class="{css}">{escape(s.stage)} #{s.row}{after} {escape(s.value)}</li>' for s in spots)
                       + "</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
