"""The preview pane: the same summary `parcours show` prints, redrawn after each edit."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.catalogue import Catalogues
from tui.output.faces import Faces
from tui.core.model import JourneyMap
from tui.output.shown import shown_catalogues, shown_map
from tui.output.visible import visible


class Preview(VerticalScroll):
    """Beside the grid it never takes the focus; as a page of its own (`PreviewPage`) it does, to scroll."""

    can_focus = False

    def __init__(self, catalogues: Catalogues, faces: Faces, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalogues = shown_catalogues(catalogues)  # for showing only: the preview never edits
        self.faces = faces
        self._body = Static(id="preview-body")

    def compose(self):
        yield self._body

    def show_map(self, jmap: JourneyMap, detail: str = "") -> None:
        from rich.console import Group
        from rich.text import Text

        from tui.output.render import render_header
        from tui.output.summary_view import render_summary  # with the first preview, not at start
        from tui.output.summary import summarize

        jmap = shown_map(jmap)  # the terminal gate: the preview draws a copy whose every text is visible
        parts = [render_header(jmap)]
        if detail:
            parts += [Text(), Text(visible(detail), style="italic")]
        parts += [Text(), render_summary(summarize(jmap, self.catalogues), self.faces)]
        self._body.update(Group(*parts))
