"""Markdown for GitHub and GitLab: the header, the grid as one table, and the summary.

Every value from the map shows as it was typed in a CommonMark or GFM
renderer (cmark-gfm, markdown-it), whatever it holds:

- the marks that would start emphasis, code, links, HTML, entities, headings,
  strikethrough, math or a table cell (`\\ ` * _ [ ] < > | ~ # & $`) are
  backslash-escaped everywhere, so `&copy;` stays `&copy;` and a trailing
  ` #` survives a heading;
- what would start a block (`- `, `+ `, `1. `) is escaped at a value's start;
- nothing becomes a link that was not one: GFM links bare `www.`, `http://`
  and e-mail addresses, markdown-it also bare domains, so a dot inside a
  word and the colon of `://` are escaped (both render as themselves), and an
  empty HTML comment goes before an `@` (cmark-gfm finds e-mail addresses
  through escapes, not through a comment, which shows nothing);
- a line break is `<br>` (a table cell is one line), control and bidi
  characters are shown as `visible` shows them, and the spaces around a value
  go (a renderer drops them anyway).

What GitHub adds after rendering (`:emoji:` short codes, `@mention`, `#123`)
is not Markdown and is not escaped.
"""

from __future__ import annotations

import re

from tui.core.model import Touchpoint
from tui.output.faces import Feeling
from tui.output.formats import Source
from tui.output.i18n import COLUMNS, _, pgettext
from tui.output.phrases import Headings, colon, quoted
from tui.output.visible import visible

_MARKS = re.compile(r"[\\`*_\[\]<>|~#&$]")
#: A dot inside a word (`example.com`, `www.x`) and the colon of `://`: the makings of a bare link.
_LINKISH = re.compile(r"(?<=[^\W_])\.(?=[^\W_])|:(?=//)")
#: An `@` after a character: the makings of an e-mail address.
_AT = re.compile(r"(?<=\S)@")
#: What starts a list item at the start of a line: `-`, `+`, or digits then `.` or `)`.
_BLOCK = re.compile(r"^(?:[-+]|\d{1,9}(?=[.)]))")
COMMENT = "<!-- -->"


def inline(text: str) -> str:
    """A value as Markdown text that renders as itself, on one source line."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    text = _MARKS.sub(r"\\\g<0>", text)
    text = _LINKISH.sub(r"\\\g<0>", text)
    text = _AT.sub(COMMENT + "@", text)
    block = _BLOCK.match(text)
    if block:
        text = "\\" + text if block.group() in "-+" else text[: block.end()] + "\\" + text[block.end():]
    return text.replace("\n", "<br>")


def emphasis(text: str, mark: str = "**") -> str:
    """Bold (or with `*`, italic) text; nothing to mark when the value is blank (`****` would show as it is)."""
    marked = inline(text)
    return f"{mark}{marked}{mark}" if marked else ""


def _response(tp: Touchpoint, headings: Headings, after: str) -> str:
    response = inline(tp.response)
    if tp.pain.strip():
        response += f"<br>⚠ *{headings.pain}{after}* {inline(tp.pain)}"
    if tp.opportunity.strip():
        response += f"<br>💡 *{headings.idea}{after}* {inline(tp.opportunity)}"
    return response


def render(source: Source) -> str:
    jmap, catalogues, faces, summary = source.jmap, source.catalogues, source.faces, source.summary
    after = colon().rstrip()
    headings = Headings.now()
    none = headings.none
    out = [f"# {inline(jmap.title)}".rstrip(), ""]
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        out.append(f"**{headings.persona}{after}** {inline(persona.name)}" + (f" — {inline(persona.description)}" if persona.description else ""))
        out += [f"- {emphasis(k, '*')}{after} {inline(v)}" for k, v in persona.extra]
        out.append("")
    out.append("| " + " | ".join(_(c.heading) for c in COLUMNS) + " |")
    out.append("|" + "---|" * len(COLUMNS))
    for stage in jmap.stages:
        for number, tp in enumerate(stage.touchpoints or (None,)):
            first = number == 0
            name = emphasis(stage.name or stage.id) if first else ""
            situation = inline(stage.situation) if first else ""
            if tp is None:
                out.append(f"| {name} | {situation} |  |  |  |  |  |  |")
                continue
            out.append("| " + " | ".join([
                name, situation,
                inline(catalogues.label("channel", tp.channel)), inline(catalogues.label("support", tp.support)),
                _response(tp, headings, after),
                inline(catalogues.label("type", tp.type)), inline(tp.who), Feeling(tp.emotion).label(faces),
            ]) + " |")
    curve_headings = (_("Étape"), _("Points de contact"), pgettext("curve", "Émotion"))
    out += ["", f"## {headings.summary}", "", summary.totals(faces),
            "", f"### {headings.curve}", "",
            "| " + " | ".join(curve_headings) + " | |", "|---|---:|---|---|"]
    for line in summary.stages:
        bar = "" if line.emotion is None else ("🟥" if line.emotion < 0 else "🟩") * round(abs(line.emotion) * 2)
        out.append(f"| {inline(line.name)} | {line.touchpoints} | {line.feeling.label(faces)} | {bar} |")
    out += ["", f"### {headings.channels}", ""]
    out += [f"- {emphasis(g.label)} ({g.count}){after} " + ", ".join(f"{inline(c.label)} ×{c.count}" for c in g.channels)
            for g in summary.groups] or [f"- {none}"]
    out += ["", f"### {headings.types}", ""]
    out += [f"- {inline(t.label)} ×{t.count}" for t in summary.types] or [f"- {none}"]
    out += ["", f"### {headings.gaps} ({summary.gaps})", "",
            f"- {headings.empty}{after} " + (", ".join(inline(s) for s in summary.empty_stages) or none),
            f"- {headings.no_who}{after} " + (", ".join(f"{inline(s.stage)} #{s.row}" for s in summary.without_who) or none),
            f"- {headings.unknown}{after} " + (", ".join(f"{inline(s.stage)} #{s.row} {s.key} {quoted(inline(s.value))}"
                                                        for s in summary.unknown) or none)]
    for heading, spots in ((headings.pains, summary.pains), (headings.ideas, summary.opportunities)):
        if spots:
            out += ["", f"### {heading} ({len(spots)})", ""]
            out += [f"- *{f'{inline(s.stage)} #{s.row}'.lstrip()}*{after} {inline(s.value)}" for s in spots]  # `* #1*` would be a list
    return "\n".join(out) + "\n"
