"""Search in the map screen: which cells hold the query, and stepping through them.

Kept out of the screen: it works on the grid's rows and the model only, and
the screen moves the cursor and says where the match is.
"""

from __future__ import annotations

from tui.core.catalogue import Catalogues, fold
from tui.core.model import JourneyMap
from tui.output.cells import KEYS, Row, full_text
from tui.output.i18n import N_, _

SEARCH = N_("Chercher :")
MATCHES = N_("{query} : résultat {index}/{count}")
NO_MATCH = N_("Aucun résultat pour « {query} »")


class Search:
    """The last query, its matches as (row, column), and the one the cursor is on."""

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[tuple[int, int]] = []
        self.index = -1

    def find(self, query: str, rows: list[Row], jmap: JourneyMap, catalogues: Catalogues,
             here: tuple[int, int]) -> None:
        """Every cell holding `query` (accents and case aside); the next `step` goes to the first at or after `here`."""
        self.query = query.strip()
        needle = fold(self.query)
        self.matches = [
            (r, c)
            for r, row in enumerate(rows)
            for c, key in enumerate(KEYS)
            if needle and needle in fold(full_text(jmap, row, key, catalogues))
            and (key not in ("stage", "situation") or row.first)
        ]
        self.index = next((i - 1 for i, m in enumerate(self.matches) if m >= here), len(self.matches) - 1)

    def step(self, step: int) -> tuple[int, int] | None:
        if not self.matches:
            return None
        self.index = (self.index + step) % len(self.matches)
        return self.matches[self.index]

    def told(self) -> str:
        """Where the cursor is among the matches, or that there is none."""
        if not self.matches:
            return _(NO_MATCH).format(query=self.query)
        return _(MATCHES).format(query=self.query, index=self.index + 1, count=len(self.matches))
