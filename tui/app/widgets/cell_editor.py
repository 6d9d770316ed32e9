"""The inline editor for text cells: the whole text, wrapped, over the bottom of the grid.

A TextArea rather than an Input so that a long response is entirely visible
while it is edited. Enter keeps the text, escape cancels; a line break is
typed with ctrl+j (maps rarely need one, meetings need enter to be quick).
Tab and shift+tab keep the text too, and say to go on to the next or previous cell.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import TextArea

from tui.output.visible import in_place


class CellEditor(TextArea):
    BINDINGS = [
        Binding("escape", "cancel", show=False, id="editor-cancel"),
        Binding("ctrl+j", "newline", show=False, id="editor-newline"),
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

    #: Keys that keep the text, and where they go next.
    COMMIT = {"enter": 0, "tab": 1, "shift+tab": -1}

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: a control or bidi character shown in place, one for one (the cursor stays right)."""
        line = super().get_line(line_index)
        line.plain = in_place(self.document.get_line(line_index))
        return line

    async def _on_key(self, event: events.Key) -> None:
        if event.key in self.COMMIT:
            event.stop()
            event.prevent_default()
            self.post_message(self.Committed(self.text, self.COMMIT[event.key]))
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        self.insert("\n")

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
