"""A Mermaid `journey` diagram: one section per stage, one task per touchpoint.

Mermaid scores run 1..5, ours -2..2, so a score maps to score + 3 (no score:
3, neutral). The actor is who answers. A stage with no touchpoint gets one
placeholder task, so every stage of the journey is on the drawing.

Mermaid lays a journey out at fixed sizes: each task is a box 150 px wide with
50 px between boxes, whatever its text, so 21 touchpoints make a 5,000 px
diagram in which long labels are cut off by their box. The diagram therefore
carries its own layout (front matter that Mermaid 10.5 and later read,
GitHub's and mmdc's included): narrower boxes, a smaller font, a narrower
actor legend, which keeps a ten-stage map of about twenty touchpoints near
2,000 px. Labels are shortened with an ellipsis to what a box shows; the
Markdown and HTML exports keep the whole text.

Mermaid's journey grammar is a handful of lexer rules (`title …`,
`section …`, `name: data`) where `:` ends a name, `#` and `%%` start comments
and `;` ends a statement, and a comma splits the actors. Those characters
become look-alikes, so the text still reads the same in the drawing. A task
whose name begins with a keyword (`title`, `section`, `journey`…) would be
read as that keyword, so it gets an invisible zero-width space in front.
Control and bidi characters are shown as `visible` shows them.
"""

from __future__ import annotations

import re

from tui.core.model import Touchpoint
from tui.output.formats import Source
from tui.output.i18n import N_, _
from tui.output.visible import visible

NOBODY = N_("Non attribué")
UNTITLED = N_("Point de contact")
UNNAMED = N_("Étape")
PLACEHOLDER = N_("(aucun point de contact)")

#: Task box and gaps, in px; Mermaid draws a section as wide as its boxes with
#: `diagramMarginX` between them, so it must equal `taskMargin`.
BOX_WIDTH = 72
BOX_HEIGHT = 64
GAP = 8
FONT_PX = 12
#: Characters a task box shows at FONT_PX (four lines of about ten, words wrapping), a section
#: line per box, the actor legend's width in px.
TASK_CHARS = 30
SECTION_CHARS_PER_BOX = 9
SECTION_LINES = 3
LEGEND_PX = 120
ACTOR_CHARS = 60
TITLE_CHARS = 80
#: A word longer than a box's line is given places to break, or the box cuts it.
LONGEST_WORD = 10
LAYOUT = f"""---
config:
  themeVariables:
    fontSize: {FONT_PX}px
  journey:
    width: {BOX_WIDTH}
    height: {BOX_HEIGHT}
    taskMargin: {GAP}
    diagramMarginX: {GAP}
    leftMargin: 60
    maxLabelWidth: {LEGEND_PX}
---
"""

_SAFE = str.maketrans({
    ":": "\u2236",  # ratio, looks like a colon
    "#": "\u266f",  # music sharp
    ";": ",",
    "%": "\uff05",  # full-width percent: `%%` would start a comment
    "{": "(", "}": ")",
    "\n": " ", "\r": " ", "\t": " ",
})
#: Words Mermaid's lexer takes as keywords at the start of a line (case-insensitive).
_KEYWORD = re.compile(r"^(journey|title\s|section\s|acctitle|accdescr)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"
SOFT_HYPHEN = "\u00ad"


def clean(text: str) -> str:
    # A CR is a line end (a spreadsheet's CRLF) before `visible`, which would show it as ␍.
    return " ".join(visible(text.replace("\r", "\n")).translate(_SAFE).split())


def short(text: str, most: int) -> str:
    """`text` in at most `most` characters, an ellipsis marking a cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _breakable(text: str, longest: int = LONGEST_WORD) -> str:
    """Words longer than a line with a soft hyphen every `longest` characters: the box may break
    them there (showing a hyphen), where it would otherwise cut them off."""
    def split(match: re.Match[str]) -> str:
        word = match.group()
        size = -(-len(word) // -(-len(word) // longest))  # as many pieces as needed, all of a size
        return SOFT_HYPHEN.join(word[i:i + size] for i in range(0, len(word), size))

    return re.sub(rf"\S{{{longest + 1},}}", split, text)


def _not_keyword(text: str) -> str:
    return ZERO_WIDTH_SPACE + text if _KEYWORD.match(text) else text


def score(emotion: int | None) -> int:
    return 3 if emotion is None else emotion + 3


def task_name(tp: Touchpoint, source: Source) -> str:
    support = clean(source.catalogues.label("support", tp.support)) if tp.support else ""
    response = clean(tp.response)
    name = f"{support} — {response}" if support and response else support or response or _(UNTITLED)
    return _not_keyword(_breakable(short(name, TASK_CHARS)))


def actors(tp: Touchpoint) -> str:
    """Who answers, as one actor: a comma in it would split it in two, so it becomes a look-alike."""
    return short(clean(tp.who).replace(",", "\u201a"), ACTOR_CHARS) or _(NOBODY)


def section_name(name: str, boxes: int) -> str:
    """A stage's name cut to what its section, as wide as its boxes, shows."""
    line = SECTION_CHARS_PER_BOX * max(1, boxes)
    return _breakable(short(clean(name), line * SECTION_LINES), line)


def render(source: Source) -> str:
    jmap = source.jmap
    lines = [LAYOUT + "journey", f"    title {short(clean(jmap.title), TITLE_CHARS) or _(UNTITLED)}"]
    for stage in jmap.stages:
        name = clean(stage.name) or clean(stage.id) or _(UNNAMED)
        lines.append(f"    section {section_name(name, len(stage.touchpoints))}")
        if not stage.touchpoints:
            lines.append(f"      {_(PLACEHOLDER)}: {score(None)}")
        for tp in stage.touchpoints:
            lines.append(f"      {task_name(tp, source)}: {score(tp.emotion)}: {actors(tp)}")
    return "\n".join(lines) + "\n"
