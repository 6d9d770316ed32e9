"""Who takes part, as the host knows them: each participant's id, colour, cursor and own undo.

A participant that reconnects (the same `client`, a secret of its process)
finds its id, its colour and its undo as it left them; one that has gone for
good is forgotten after a while (`GONE_KEPT`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tui.core.edits import Edit
from tui.core.live.protocol import Message, Participant

#: Colours participants get in turn: the 16-colour terminal's, black, white and greys aside.
PALETTE = ("cyan", "magenta", "yellow", "green", "blue", "red",
           "bright_cyan", "bright_magenta", "bright_yellow", "bright_green", "bright_blue", "bright_red")

#: Why a request was not done (each face says it in its own words).
REASONS = frozenset({"gone", "stale", "invalid", "read-only", "nothing-undo", "nothing-redo", "failed"})

#: Answers kept per participant for requests it may send again after a reconnection.
ANSWERS_KEPT = 512
#: Participants remembered after they left (their undo, their answers), the oldest forgotten first.
GONE_KEPT = 256


@dataclass(eq=False)
class Step:
    """One of an author's edits, to undo (or, once undone, to redo)."""

    edit: Edit
    inverse: Edit
    #: The history entry it is (undo) or would come back as (redo); None when applied as a new edit.
    number: int | None
    #: For a redo: the edit that undid it, whose effect must still hold.
    undone_by: Edit | None = None


@dataclass(eq=False)
class Member:
    """A participant as the host knows it."""

    client: str
    pid: str
    name: str
    colour: str
    read_only: bool = False
    observer: bool = False
    local: bool = False
    #: How lines reach it (None while disconnected, and for the host's own face).
    deliver: Callable[[bytes], None] | None = None
    stage: str | None = None
    touchpoint: str | None = None
    column: str | None = None
    line: int = 0
    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)
    answers: OrderedDict[int, Message] = field(default_factory=OrderedDict)
    last_seq: int = 0

    @property
    def present(self) -> bool:
        return self.local or self.deliver is not None

    def participant(self) -> Participant:
        return Participant(self.pid, self.name, self.colour, self.read_only, self.stage, self.touchpoint,
                           self.column, self.line)


def free_colour(members: Iterable[Member]) -> str:
    """The first colour no one present has (round the palette again once every one is taken)."""
    used = [m.colour for m in members if m.present and not m.observer]
    free = [c for c in PALETTE if c not in used]
    return free[0] if free else PALETTE[len(used) % len(PALETTE)]


def fresh(edit: Edit) -> Edit:
    """The edit as its journal line says it: without the exact TOML items an undo restores, which
    are only right while nothing else changed in between."""
    return Edit.decode(edit.encode())
