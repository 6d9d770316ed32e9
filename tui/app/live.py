"""The live session as the editor shows it: who is here, where their cursors are, whom you follow,
and what a refused request means, in words.

The App talks to one `Link` (`tui.core.live.link`) whether it is alone, hosts
or took part; this module turns what the link says into what the map screen
draws (a line in the header, marked cells in the grid) and says, and keeps
the one piece of state that is the face's alone: whom it follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.color import ColorParseError
from rich.style import Style

from tui.core.live.events import Presence, Refusal, Role
from tui.core.live.protocol import Participant
from tui.core.model import ItemGone, JourneyMap
from tui.output.cells import KEYS, Row, row_index
from tui.output.i18n import N_, _, ngettext
from tui.output.visible import visible_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.screens.map_screen import MapScreen

__all__ = ["Follow", "Presence", "Refusal", "Role", "header_words", "marks", "refusal_words", "spot_of", "tell"]

LIVE_ALONE = N_("en direct")
RECONNECTING = N_("en direct · reconnexion…")
NOW_HOSTING = N_("L'hôte est parti : vous hébergez maintenant la carte partagée.")
FOLLOWING = N_("Vous suivez {name} (F : le suivant ; une flèche : arrêter)")
STOPPED = N_("Vous ne suivez plus personne")
NOBODY = N_("Personne à suivre : F suit un autre participant d'une séance en direct (ouvrez la même carte ailleurs)")
ONLY_HOST_SAVES_AS = N_("En direct, seul l'hôte enregistre sous un autre nom ; ctrl+s enregistre la carte partagée.")

REFUSALS = {
    "gone": N_("Non appliqué : quelqu'un l'a supprimé entre-temps ({detail})"),
    "stale": N_("Non annulé : quelqu'un l'a modifié depuis"),
    "invalid": N_("Refusé : {detail}"),
    "read-only": N_("Lecture seule : rien n'est modifié"),
    "nothing-undo": N_("Rien à annuler"),
    "nothing-redo": N_("Rien à rétablir"),
    "failed": N_("Échec : {detail}"),
}


def refusal_words(refusal: Refusal) -> str:
    message = REFUSALS.get(refusal.reason, REFUSALS["failed"])
    return visible_line(_(message).format(detail=refusal.detail or "?"))


def header_words(role: str, connected: bool, count: int) -> str:
    """What the header says of the session: nothing alone or with nobody else here."""
    if role == "participant" and not connected:
        return _(RECONNECTING)
    if count > 1:
        words = ngettext("en direct · {count} participant", "en direct · {count} participants", count)
        return words.format(count=count)
    return _(LIVE_ALONE) if role == "participant" else ""  # joined, the others only watching


def tell(app: App, screen: MapScreen | None, event: Presence | Refusal | Role) -> None:
    """What the App does with an event only a live session has."""
    match event:
        case Presence() if screen is not None:
            screen.presence(event)
        case Refusal():
            app.notify(refusal_words(event), severity="warning", timeout=4)
        case Role(role=role, connected=connected):
            if screen is not None:
                screen.refresh_header()
            if role == "host" and connected:
                app.notify(_(NOW_HOSTING), timeout=6)


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


def _mark_style(colour: str) -> Style:
    """A participant's mark in its colour; in the terminal's own when the host named no colour Rich
    knows (the host chooses colours: a hostile one must not take the editor down)."""
    try:
        return Style(color=colour)
    except ColorParseError:
        return Style(color="default")


def marks(presence: Presence, jmap: JourneyMap, rows: list[Row]) -> dict[tuple[int, int], Style]:
    """The others' cursors as the grid marks them (`JourneyGrid.show_marks`): (row, column) → style."""
    found: dict[tuple[int, int], Style] = {}
    for person in presence.others:
        spot = spot_of(jmap, person)
        if spot is None or not rows or person.column not in KEYS:
            continue
        found[row_index(rows, *spot), KEYS.index(person.column)] = _mark_style(person.colour)
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
