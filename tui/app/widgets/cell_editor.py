"""The inline editor for text cells: the whole text, wrapped, over the bottom of the grid.

A TextArea rather than an Input so that a long response is entirely visible
while it is edited. Enter keeps the text, escape cancels; a line break is
typed with ctrl+j (maps rarely need one, meetings need enter to be quick).
Tab and shift+tab keep the text too, and say to go on to the next or previous cell.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from tui.app.widgets.shown_text_area import ShownTextArea


class CellEditor(ShownTextArea):
    BINDINGS = [
        Binding("escape", "cancel", show=False, id="editor-cancel"),
        Binding("ctrl+j", "newline", show=False, id="editor-newline"),
        # Priority: before the TextArea takes enter as a line break and tab as a focus move.
        Binding("enter", "commit(0)", show=False, priority=True, id="editor-keep"),
        Binding("tab", "commit(1)", show=False, priority=True, id="editor-keep-next"),
        Binding("shift+tab", "commit(-1)", show=False, priority=True, id="editor-keep-previous"),
    ]

    class Committed(Message):
        def __init__(self, text: str, step: int = 0) -> None:
            super().__init__()
            self.text = text
            self.step = step

    class Cancelled(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)

    #: The most lines the editor takes (its CSS max-height): the grid keeps the cursor above them.
    LINES = 8

    def start(self, text: str, title: Content | str = "") -> None:
        self.border_title = title
        self.load_text(text)
        self.move_cursor(self.document.end)
        self.display = True
        self.focus()

    def action_commit(self, step: int) -> None:
        """Keep the text; `step` says where to go on: 0 stay, 1 the next cell, -1 the previous.

        A priority binding runs as soon as the App reads the key, before this editor has typed the
        keys read just before it (a fast typist, keys bunched over SSH): the text is taken from
        this editor's own queue, once they are typed, or they would be lost."""
        self.call_later(self._commit, step)

    def _commit(self, step: int) -> None:
        self.post_message(self.Committed(self.text, step))

    def action_newline(self) -> None:
        self.insert("\n")

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
