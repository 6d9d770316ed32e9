"""The header line: title, persona, file name, a mark while there are unsaved changes, and a
warning for as long as the recovery journal cannot protect them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.output.i18n import Label
from tui.core.model import JourneyMap

UNSAVED = Label("modifié", "modified")
READ_ONLY = Label("lecture seule", "read-only")
UNPROTECTED = Label("modifications non enregistrées non protégées", "unsaved changes are not protected")


class MapHeader(Static):
    def show(self, jmap: JourneyMap, file_name: str, dirty: bool, lang: str, read_only: bool = False,
             unprotected: bool = False, live: str = "") -> None:
        line = Text(jmap.title or "—", style="bold")
        if jmap.persona is not None and jmap.persona.name:
            line.append(f" · {jmap.persona.name}")
        line.append(f"  {file_name}", style="dim")
        if dirty:
            line.append(f"  ● {UNSAVED(lang)}", style="bold")
        if read_only:
            line.append(f"  [{READ_ONLY(lang)}]", style="dim")
        if live:  # a live session: "en direct · 3 participants"
            line.append(f"  ◉ {live}", style="bold")
        if unprotected:
            line.append(f"  ⚠ {UNPROTECTED(lang)}", style="bold reverse")
        self.update(line, layout=False)  # one line, always: no layout pass
