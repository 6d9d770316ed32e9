"""What a live session tells its face, besides the `Session`'s own events.

A face hears the same `Changed`, `Replaced`, `Saved`… whether it hosts the
session or joined it (`tui.core.live.link` makes a participant's copy speak
like a Session); these are the events only a shared session has.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.live.protocol import Participant


@dataclass(frozen=True)
class Presence:
    """Who is in the session now and where each cursor is; `me` is this face's own id (None
    alone), `mover` who just moved (None: someone came or went)."""

    participants: tuple[Participant, ...]
    me: str | None
    mover: str | None = None

    @property
    def others(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if p.pid != self.me)


@dataclass(frozen=True)
class Refusal:
    """A request of this face was not done; `reason` is one of `tui.core.live.members.REASONS`."""

    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Role:
    """What this face is now: "alone", "host" or "participant"; `connected` False while a
    participant has lost its host and is finding (or becoming) the next one."""

    role: str
    connected: bool = True
