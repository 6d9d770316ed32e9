"""The live session as the editor shows it: who is here, where their cursors are, whom you follow,
and what a refused request means, in words.

The App talks to one `Link` (`tui.core.live.link`) whether it is alone, hosts
or took part; this module turns what the link says into what the map screen
draws (a line in the header, coloured cells in the grid) and says, and keeps
the one piece of state that is the face's alone: whom it follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.core.live.events import Presence, Refusal
from tui.core.live.protocol import Participant
from tui.core.model import ItemGone, JourneyMap
from tui.output.cells import KEYS, Row, row_index
from tui.output.i18n import Label
from tui.output.visible import visible_line

LIVE = Label("en direct · {count} participants", "live · {count} participants")
LIVE_ALONE = Label("en direct", "live")
RECONNECTING = Label("en direct · reconnexion…", "live · reconnecting…")
NOW_HOSTING = Label("L'hôte est parti : vous hébergez maintenant la carte partagée.",
                    "The host left: you now host the shared map.")
FOLLOWING = Label("Vous suivez {name} (F : le suivant ; une flèche : arrêter)",
                  "Following {name} (F: the next one; an arrow key: stop)")
STOPPED = Label("Vous ne suivez plus personne", "No longer following anyone")
NOBODY = Label("Personne à suivre : F suit un autre participant d'une séance en direct (ouvrez la même carte ailleurs)",
               "Nobody to follow: F follows another participant of a live session (open the same map elsewhere)")
ONLY_HOST_SAVES_AS = Label("En direct, seul l'hôte enregistre sous un autre nom ; ctrl+s enregistre la carte partagée.",
                           "In a live session only the host saves under another name; ctrl+s saves the shared map.")

REFUSALS = {
    "gone": Label("Non appliqué : quelqu'un l'a supprimé entre-temps ({detail})",
                  "Not applied: someone deleted it meanwhile ({detail})"),
    "stale": Label("Non annulé : quelqu'un l'a modifié depuis", "Not undone: someone changed it since"),
    "invalid": Label("Refusé : {detail}", "Refused: {detail}"),
    "read-only": Label("Lecture seule : rien n'est modifié", "Read-only: nothing is changed"),
    "nothing-undo": Label("Rien à annuler", "Nothing to undo"),
    "nothing-redo": Label("Rien à rétablir", "Nothing to redo"),
    "failed": Label("Échec : {detail}", "Failed: {detail}"),
}


def refusal_words(refusal: Refusal, lang: str) -> str:
    label = REFUSALS.get(refusal.reason, REFUSALS["failed"])
    return visible_line(label(lang, detail=refusal.detail or "?"))


def header_words(role: str, connected: bool, count: int, lang: str) -> str:
    """What the header says of the session: nothing alone or with nobody else here."""
    if role == "participant" and not connected:
        return RECONNECTING(lang)
    if count > 1:
        return LIVE(lang, count=count)
    return LIVE_ALONE(lang) if role == "participant" else ""  # joined, the others only watching


def spot_of(jmap: JourneyMap, person: Participant) -> tuple[int, int | None] | None:
    """Where a participant's cursor is in this map (None: nowhere it can be shown)."""
    if person.stage is None:
        return None
    try:
        stage = jmap.stage_index(person.stage)
        touchpoint = None if person.touchpoint is None else jmap.locate(person.touchpoint)[1]
    except ItemGone:
        return None
    return stage, touchpoint


def marks(presence: Presence, jmap: JourneyMap, rows: list[Row]) -> dict[int, dict[int, str]]:
    """The others' cursors as the grid marks them: row → column → colour."""
    found: dict[int, dict[int, str]] = {}
    for person in presence.others:
        spot = spot_of(jmap, person)
        if spot is None or not rows or person.column not in KEYS:
            continue
        found.setdefault(row_index(rows, *spot), {})[KEYS.index(person.column)] = person.colour
    return found


@dataclass
class Follow:
    """Whom this face follows (a participant id), cycled by F."""

    pid: str | None = None

    def next(self, presence: Presence) -> Participant | None:
        """The next participant to follow after the current one; None after the last."""
        others = [p for p in presence.others if not p.read_only] or list(presence.others)
        ids = [p.pid for p in others]
        if self.pid in ids:
            index = ids.index(self.pid) + 1
            chosen = others[index] if index < len(others) else None
        else:
            chosen = others[0] if others else None
        self.pid = chosen.pid if chosen is not None else None
        return chosen

    def whom(self, presence: Presence) -> Participant | None:
        people: Mapping[str, Participant] = {p.pid: p for p in presence.others}
        return people.get(self.pid) if self.pid is not None else None
