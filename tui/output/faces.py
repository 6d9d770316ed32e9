"""Feelings as faces, the way journey maps show them (happy and sad faces per moment).

Emoji are the default; `--ascii` gives faces any terminal can draw, for old
terminals, some SSH clients and fonts without emoji.
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
class Faces:
    """How to draw a score: emoji or ASCII, with a blank for a touchpoint not yet scored."""

    ascii: bool = False

    def face(self, score: int | None) -> str:
        if score is None:
            return "·" if not self.ascii else "."
        table = ASCII if self.ascii else EMOJI
        return table[max(-2, min(2, round(score)))]

    def cell(self, score: int | None) -> str:
        """A face with its signed score, e.g. `🙂 +1`, so the value reads without the face too."""
        if score is None:
            return self.face(None)
        return f"{self.face(score)} {score:+d}" if score else f"{self.face(score)}  0"

    @staticmethod
    def word(score: int | None) -> str:
        return _(WORDS[score]) if score is not None else _("sans émotion")
