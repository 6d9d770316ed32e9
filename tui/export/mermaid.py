"""A Mermaid `journey` diagram: one section per stage, one task per touchpoint.

Mermaid scores run 1..5, ours -2..2, so a score maps to score + 3 (no score:
3, neutral). Actors are who answers. Mermaid's grammar splits on `:` and
treats `#` and `;` specially, so those become look-alike characters.
"""

from __future__ import annotations

from tui.catalogue import Catalogues
from tui.i18n import Label
from tui.model import JourneyMap, Touchpoint

NOBODY = Label("Non attribué", "Unassigned")
UNTITLED = Label("Point de contact", "Touchpoint")
_SAFE = str.maketrans({":": "∶", "#": "♯", ";": ",", "\n": " ", "\r": " ", "%": "％", "{": "(", "}": ")"})


def clean(text: str) -> str:
    return " ".join(text.translate(_SAFE).split())


def score(emotion: int | None) -> int:
    return 3 if emotion is None else emotion + 3


def task_name(tp: Touchpoint, catalogues: Catalogues, lang: str) -> str:
    support = catalogues.label("support", tp.support, lang) if tp.support else ""
    name = tp.response or support or UNTITLED(lang)
    return clean(f"{support} — {name}" if tp.response and support else name)


def render(jmap: JourneyMap, catalogues: Catalogues, lang: str = "fr") -> str:
    lines = ["journey", f"    title {clean(jmap.title)}"]
    for stage in jmap.stages:
        lines.append(f"    section {clean(stage.name or stage.id)}")
        for tp in stage.touchpoints:
            actors = clean(tp.who).replace(",", " ") or NOBODY(lang)
            lines.append(f"      {task_name(tp, catalogues, lang)}: {score(tp.emotion)}: {actors}")
    return "\n".join(lines) + "\n"
