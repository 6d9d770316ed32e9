"""The preview on a narrow terminal: the whole screen, a page to scroll; `p` or escape closes it.

Beside the grid it would leave neither readable at 80 columns, and over the
grid it hid the grid while the keys still edited it unseen. As a screen of
its own it has the keys: arrows and page keys scroll, nothing else edits.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from tui.app.widgets.preview import Preview
from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.faces import Faces


class PreviewPage(ModalScreen[None]):
    BINDINGS = [Binding("p,escape,q", "close", show=False, id="preview-close")]

    def __init__(self, jmap: JourneyMap, catalogues: Catalogues, faces: Faces) -> None:
        super().__init__(id="preview-page")
        self.jmap = jmap
        self.preview = Preview(catalogues, faces, id="preview-full")
        self.preview.can_focus = True  # to scroll with the keys

    def compose(self) -> ComposeResult:
        yield self.preview

    def on_mount(self) -> None:
        self.preview.show_map(self.jmap)
        self.preview.focus()

    def map_changed(self, jmap: JourneyMap) -> None:
        """The map changed while the page is open (a live session, a reload): show it as it is now."""
        self.jmap = jmap
        if self.is_attached:
            self.preview.show_map(jmap)

    def action_close(self) -> None:
        self.dismiss(None)
