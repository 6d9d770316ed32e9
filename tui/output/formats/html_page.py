"""One self-contained HTML page: inline CSS, an inline SVG feeling curve, no network.

Made to be opened in a browser and printed to PDF for a steering committee:
the curve first (the map's story at a glance), then the grid, then the gaps.
Printing holds up (Chromium, A4 landscape): a long unbroken token (a URL, a
reference) wraps instead of pushing the columns off the page, a heading is
never left alone at a page's foot, the grid's header row repeats on every
page and a row is never cut in two.

Every value is HTML-escaped, and the control and bidi characters `visible`
guards the terminal against are written as numeric character references, so
the file itself holds none of them raw.
"""

from __future__ import annotations

import re
from html import escape

from tui.output.faces import Faces, Feeling
from tui.output.formats import Source
from tui.core import words
from tui.output.i18n import COLUMNS, _
from tui.output.phrases import Headings, colon
from tui.output.summary import Summary
from tui.output.visible import FORBIDDEN
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d2733; overflow-wrap: break-word; }
h1 { margin-bottom: .2rem; } .persona { color: #445; margin-top: 0; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
table.grid { border-collapse: collapse; width: 100%; font-size: .9rem; table-layout: fixed; }
.grid th, .grid td { border: 1px solid #ccd3db; padding: .35rem .5rem; vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: auto; }
.grid td { white-space: pre-line; } .grid th { background: #eef2f6; } .stage { font-weight: bold; background: #f7f9fb; }
.stage.more { font-weight: normal; color: #8a97a6; }
.pain { color: #b3261e; } .idea { color: #1b7a3a; } .unknown { font-style: italic; color: #8a5a00; }
.face { white-space: nowrap; overflow-wrap: normal; } svg text { font-size: 12px; fill: #1d2733; } svg text.face { font-size: 16px; }
.curve, .summary { break-inside: avoid; } .grid tr, .grid tbody { break-inside: avoid; page-break-inside: avoid; }
.grid thead { display: table-header-group; }
@page { size: A4 landscape; margin: 1cm; }
@media print { body { margin: 0; font-size: 10pt; } .grid { font-size: 8.5pt; } .grid th, .grid td { padding: .25rem .3rem; } }
"""
_FORBIDDEN = re.compile(f"[{FORBIDDEN}]")
#: Each grid column's share of the page, in COLUMNS order. Fixed, because a table
#: laid out by its content lets one long token (a URL) push the others off the
#: page, and wrapping anywhere would then crush the short columns instead.
WIDTHS = {"stage": 12, "situation": 13, "channel": 12, "support": 11, "response": 21, "type": 12, "who": 11, "emotion": 8}


def text(value: str) -> str:
    """A value as HTML text: escaped, and the forbidden characters as `&#x1b;` references."""
    return _FORBIDDEN.sub(lambda match: f"&#x{ord(match.group()):x};", escape(value))


def _short(name: str, room: float) -> str:
    """A stage name cut to the room under its point (about 6.5 px a character at 12 px)."""
    most = max(4, int(room / 6.5))
    return name if len(name) <= most else name[: most - 1] + "…"


def _through(scores: list[float | None]) -> list[float]:
    """A height for every stage: its mean, or for a stage with none the line between its neighbours."""
    known = [i for i, s in enumerate(scores) if s is not None]
    if not known:
        return [0.0] * len(scores)
    heights = []
    for i, score in enumerate(scores):
        if score is not None:
            heights.append(score)
            continue
        before = max((k for k in known if k < i), default=None)
        after = min((k for k in known if k > i), default=None)
        if before is None or after is None:
            heights.append(scores[after if before is None else before])  # type: ignore[arg-type]
        else:
            share = (i - before) / (after - before)
            heights.append(scores[before] + share * (scores[after] - scores[before]))  # type: ignore[operator]
    return heights


def _curve(summary: Summary, faces: Faces) -> str:
    """Stages left to right, feeling bottom (-2) to top (+2), a face on each point.

    The line runs through every stage. A stage without a score (no touchpoint,
    or none scored) is a hollow point on a dashed stretch, so the gap shows
    without breaking the story. Drawn in its own coordinates (viewBox) and
    scaled to the page's width, so it fits a screen and an A4 page alike.
    """
    stages = summary.stages
    step = 110
    left, right, top, bottom = 36 + step / 2, step / 2, 24, 40
    width = left + right + step * max(0, len(stages) - 1)
    height = 220
    y = lambda score: top + (2 - score) * (height - top - bottom) / 4  # noqa: E731
    label = text(", ".join(s.name for s in stages))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height}" '
             f'width="100%" style="max-width:{width:.0f}px" role="img" aria-label="{label}">']
    for score in range(-2, 3):
        parts.append(f'<line x1="36" x2="{width:.0f}" y1="{y(score):.1f}" y2="{y(score):.1f}" stroke="#dde3ea"/>')
        parts.append(f'<text x="4" y="{y(score) + 4:.1f}">{score:+d}</text>' if score else f'<text x="4" y="{y(0) + 4:.1f}">0</text>')
    scores = [s.emotion for s in stages]
    points = [(left + i * step, y(h)) for i, h in enumerate(_through(scores))]
    for i in range(len(points) - 1):
        (x1, y1), (x2, y2) = points[i], points[i + 1]
        dashed = scores[i] is None or scores[i + 1] is None
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#2f6fb0" stroke-width="2"'
                     + (' stroke-dasharray="5 4" class="gap"/>' if dashed else ' class="run"/>'))
    for stage, (x, yy) in zip(stages, points):
        if stage.emotion is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3" fill="#2f6fb0"/>')
            parts.append(f'<text x="{x:.1f}" y="{yy - 8:.1f}" text-anchor="middle" class="face">{stage.feeling.face(faces)}</text>')
        else:
            why = _("(aucun point de contact)") if not stage.touchpoints else _("aucune émotion notée")
            parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="#fff" stroke="#2f6fb0" stroke-width="1.5" '
                         f'class="gap"><title>{text(why)}</title></circle>')
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle">'
                     f"<title>{text(stage.name)}</title>{text(_short(stage.name, step - 8))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def render(source: Source) -> str:
    jmap, catalogues, faces, summary = source.jmap, source.catalogues, source.faces, source.summary
    after = colon().rstrip()
    headings = Headings.now()
    none = headings.none
    out = [f'<!DOCTYPE html><html lang="{words.language()}"><head><meta charset="utf-8">',
           f"<title>{text(jmap.title)}</title><style>{STYLE}</style></head><body>",
           f"<h1>{text(jmap.title)}</h1>"]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        extra = "".join(f"<br><em>{text(k)}</em>{after} {text(v)}" for k, v in persona.extra)
        out.append(f'<p class="persona"><strong>{headings.persona}{after}</strong> {text(persona.name)}'
                   f"{' — ' + text(persona.description) if persona.description else ''}{extra}</p>")
    out += [f'<section class="curve"><h2>{headings.curve}</h2>{_curve(summary, faces)}</section>',
            '<section><table class="grid"><colgroup>' + "".join(f'<col style="width:{WIDTHS[c.key]}%">' for c in COLUMNS)
            + "</colgroup><thead><tr>" + "".join(f"<th>{text(_(c.heading))}</th>" for c in COLUMNS) + "</tr></thead>"]
    for stage in jmap.stages:
        out.append("<tbody>")  # a body per stage, kept on one page when it fits
        rows = stage.touchpoints or (None,)
        for number, tp in enumerate(rows):
            # The stage's name on each of its rows (muted after the first), not one cell spanning
            # them: a page break inside a long stage left its next page's rows without a stage.
            head = (f'<td class="stage">{text(stage.name)}</td><td>{text(stage.situation)}</td>' if number == 0
                    else f'<td class="stage more">{text(stage.name)}</td><td></td>')
            if tp is None:
                out.append(f"<tr>{head}<td></td><td></td><td></td><td></td><td></td><td></td></tr>")
                continue
            cells = []
            for key in ("channel", "support"):
                known = catalogues.knows(key, tp.get(key))
                cells.append(f'<td{"" if known else " class=unknown"}>{text(catalogues.label(key, tp.get(key)))}</td>')
            response = text(tp.response)
            if tp.pain.strip():
                response += f'<br><span class="pain">⚠ {headings.pain}{after} {text(tp.pain)}</span>'
            if tp.opportunity.strip():
                response += f'<br><span class="idea">💡 {headings.idea}{after} {text(tp.opportunity)}</span>'
            out.append(f"<tr>{head}{''.join(cells)}<td>{response}</td>"
                       f"<td>{text(catalogues.label('type', tp.type))}</td><td>{text(tp.who)}</td>"
                       f'<td class="face">{text(Feeling(tp.emotion).label(faces))}</td></tr>')
        out.append("</tbody>")
    out.append("</table></section>")
    groups = "".join(f"<li><strong>{text(g.label)}</strong> ({g.count}){after} "
                     + ", ".join(f"{text(c.label)} ×{c.count}" for c in g.channels) + "</li>" for g in summary.groups)
    types = ", ".join(f"{text(t.label)} ×{t.count}" for t in summary.types) or none
    out.append(f'<h2>{headings.summary}</h2><p>{text(summary.totals(faces))}</p>'
               f'<section class="summary"><h3>{headings.channels}</h3><ul>{groups}</ul>'
               f'<h3>{headings.types}</h3><p>{types}</p></section>')
    gaps = [
        (headings.empty, ", ".join(text(s) for s in summary.empty_stages)),
        (headings.no_who, ", ".join(f"{text(s.stage)} #{s.row}" for s in summary.without_who)),
        (headings.unknown, ", ".join(f"{text(s.stage)} #{s.row} {s.key} <q>{text(s.value)}</q>" for s in summary.unknown)),
    ]
    out.append(f"<section><h3>{headings.gaps} ({summary.gaps})</h3><ul>"
               + "".join(f"<li>{label}{after} {value or none}</li>" for label, value in gaps) + "</ul></section>")
    for heading, spots, css in ((headings.pains, summary.pains, "pain"), (headings.ideas, summary.opportunities, "idea")):
        if spots:
            out.append(f"<section><h3>{heading} ({len(spots)})</h3><ul>"
                       + "".join(f'<li class="{css}">{text(s.stage)} #{s.row}{after} {text(s.value)}</li>' for s in spots)
                       + "</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
