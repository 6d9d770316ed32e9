"""The header line: title, persona, file name, a mark while there are unsaved changes, who is
here in a live session, and a warning for as long as the recovery journal cannot protect them.

The marks say something about the work (unsaved, read-only, live, unprotected): they always
show whole; at 80 columns it is the title and the persona that give way, with an ellipsis.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.core.model import JourneyMap
from tui.output.i18n import _
from tui.output.visible import visible_line


class MapHeader(Static):
    _title = Text()
    _marks = Text()
    _line: Text | None = None

    def show(self, jmap: JourneyMap, file_name: str, dirty: bool, read_only: bool = False,
             unprotected: bool = False, live: str = "") -> None:
        # The terminal gate for the header: the title, the persona and the file name are data.
        title = Text(visible_line(jmap.title or "—"))
        if jmap.persona is not None and jmap.persona.name:
            title.append(f" · {visible_line(jmap.persona.name)}")
        marks = Text()
        marks.append(f"  {visible_line(file_name)}", style="dim")
        if dirty:
            marks.append("  ● " + _("modifié"), style="bold")
        if read_only:
            marks.append("  [" + _("lecture seule") + "]", style="dim")
        if live:  # a live session: "en direct · 3 participants"
            marks.append(f"  ◉ {live}", style="bold")
        if unprotected:
            marks.append("  ⚠ " + _("modifications non enregistrées non protégées"), style="bold reverse")
        self._title, self._marks = title, marks
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        title = self._title.copy()
        room = self.size.width - self._marks.cell_len
        if self.size.width and title.cell_len > room:
            title.truncate(max(room, 0), overflow="ellipsis")
        line = Text(style="bold")  # the whole line bold, as its parts always were
        line.append_text(title)
        line.append_text(self._marks)
        if line != self._line:  # told after every edit, it mostly says the same
            self._line = line
            self.update(line, layout=False)  # one line, always: no layout pass
