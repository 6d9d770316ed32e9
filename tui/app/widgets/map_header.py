"""The header line: title, persona, file name, a mark while there are unsaved changes, who is
here in a live session, and a warning for as long as the recovery journal cannot protect them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.core.model import JourneyMap
from tui.output.i18n import _
from tui.output.visible import visible_line


class MapHeader(Static):
    def show(self, jmap: JourneyMap, file_name: str, dirty: bool, read_only: bool = False,
             unprotected: bool = False, live: str = "") -> None:
        # The terminal gate for the header: the title, the persona and the file name are data.
        line = Text(visible_line(jmap.title or "—"), style="bold")
        if jmap.persona is not None and jmap.persona.name:
            line.append(f" · {visible_line(jmap.persona.name)}")
        line.append(f"  {visible_line(file_name)}", style="dim")
        if dirty:
            line.append("  ● " + _("modifié"), style="bold")
        if read_only:
            line.append("  [" + _("lecture seule") + "]", style="dim")
        if live:  # a live session: "en direct · 3 participants"
            line.append(f"  ◉ {live}", style="bold")
        if unprotected:
            line.append("  ⚠ " + _("modifications non enregistrées non protégées"), style="bold reverse")
        self.update(line, layout=False)  # one line, always: no layout pass
