"""Feelings as faces, the way journey maps show them (happy and sad faces per moment).

Emoji are the default; `--ascii` gives faces any terminal can draw, for old
terminals, some SSH clients and fonts without emoji.

A score is written one way everywhere (`show`, the preview, the editor's grid,
every export): `Feeling.text` for the number, `Feeling.label` with its face.
Only alignment is left to whoever draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.output.i18n import N_, _

EMOJI = {-2: "😡", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}
ASCII = {-2: ":((", -1: ":(", 0: ":|", 1: ":)", 2: ":D"}
WORDS = {
    -2: N_("très mécontent"),
    -1: N_("mécontent"),
    0: N_("neutre"),
    1: N_("content"),
    2: N_("très content"),
}


@dataclass(frozen=True)
class Feeling:
    """A touchpoint's score (whole, -2..2) or a mean of scores (one decimal), or no score at all.

    Signed so that it reads without the face (`+1`, `-0.5`), except zero, which
    has no sign: "+0.0" would read as a leaning.
    """

    value: float | None
    mean: bool = False

    @property
    def text(self) -> str:
        """`+2`, `-1`, `0` for a score; `+1.5`, `-0.5`, `0.0` for a mean; empty for none."""
        if self.value is None:
            return ""
        if not self.mean:
            return f"{int(self.value):+d}" if self.value else "0"
        rounded = round(self.value, 1)
        return f"{rounded:+.1f}" if rounded else "0.0"

    def face(self, faces: Faces) -> str:
        return faces.face(None if self.value is None else round(self.value))

    def label(self, faces: Faces) -> str:
        """The face and the number, `🙂 +0.7`; the no-score mark alone when there is none."""
        return self.face(faces) if self.value is None else f"{self.face(faces)} {self.text}"


@dataclass(frozen=True)
class Faces:
    """How to draw a score: emoji or ASCII, with a blank for a touchpoint not yet scored."""

    ascii: bool = False

    def face(self, score: int | None) -> str:
        if score is None:
            return "·" if not self.ascii else "."
        table = ASCII if self.ascii else EMOJI
        return table[max(-2, min(2, round(score)))]

    def cell(self, score: int | None) -> str:
        """A face with its signed score, e.g. `🙂 +1`, the number right-aligned for a column (`😐  0`)."""
        feeling = Feeling(score)
        return feeling.face(self) if score is None else f"{feeling.face(self)} {feeling.text:>2}"

    @staticmethod
    def word(score: int | None) -> str:
        return _(WORDS[score]) if score is not None else _("sans émotion")
