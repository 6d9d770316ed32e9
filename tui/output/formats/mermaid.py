"""A Mermaid `journey` diagram: one section per stage, one task per touchpoint.

Mermaid scores run 1..5, ours -2..2, so a score maps to score + 3 (no score:
3, neutral). The actor is who answers.

Mermaid's journey grammar is a handful of lexer rules (`title …`,
`section …`, `name: data`) where `:` ends a name, `#` and `%%` start comments
and `;` ends a statement, and a comma splits the actors. Those characters
become look-alikes, so the text still reads the same in the drawing. A task
whose name begins with a keyword (`title`, `section`, `journey`…) would be
read as that keyword, so it gets an invisible zero-width space in front.
"""

from __future__ import annotations

import re

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap, Touchpoint
from tui.output.i18n import _
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


def clean(text: str) -> str:
    return " ".join(text.translate(_SAFE).split())


def _not_keyword(text: str) -> str:
    return ZERO_WIDTH_SPACE + text if _KEYWORD.match(text) else text


def score(emotion: int | None) -> int:
    return 3 if emotion is None else emotion + 3


def task_name(tp: Touchpoint, catalogues: Catalogues) -> str:
    support = clean(catalogues.label("support", tp.support)) if tp.support else ""
    response = clean(tp.response)
    name = f"{support} — {response}" if support and response else support or response or _("Point de contact")
    return _not_keyword(name)


def actors(tp: Touchpoint) -> str:
    """Who answers, as one actor: a comma in it would split it in two, so it becomes a look-alike."""
    return clean(tp.who).replace(",", "\u201a") or _("Non attribué")


def render(jmap: JourneyMap, catalogues: Catalogues) -> str:
    lines = ["journey", "    title " + (clean(jmap.title) or _("Point de contact"))]
    for stage in jmap.stages:
        lines.append("    section " + (clean(stage.name) or clean(stage.id) or _("Étape")))
        for tp in stage.touchpoints:
            lines.append(f"      {task_name(tp, catalogues)}: {score(tp.emotion)}: {actors(tp)}")
    return "\n".join(lines) + "\n"
