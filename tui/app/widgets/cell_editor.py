"""The cell bar under the grid: the current cell's value between edits, its editor during one.

Like a spreadsheet's formula bar, it is always there. Between edits it
*browses*: read-only, without a cursor, it shows the whole value of the cell
under the grid's cursor, with where that cell is (its frame's title) and which
row of how many (the subtitle); its keys are not its own, they go on to the
screen as if nothing held the focus. `start` turns it into the editor of that
cell, in the accent colour, with a cursor; `stop` turns it back.

Why one widget that keeps the focus: an editor that opened and closed moved the
focus to it and away, and Textual restyles both widgets and repaints the whole
screen on each move, a third of a commit's time; this frame keeps its size for
a one- or two-line value, so editing and committing one lay nothing out again.

A TextArea rather than an Input so that a long response is entirely visible
while it is edited (the frame grows, over the grid, to `LINES`). Enter keeps
the text, escape cancels; a line break is typed with ctrl+j (maps rarely need
one, meetings need enter to be quick). Tab and shift+tab keep the text too,
and say to go on to the next or previous cell.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import TextArea

from tui.app.widgets.in_order import in_order
from tui.app.widgets.shown_text_area import ShownTextArea


class CellEditor(ShownTextArea):
    # In typing order (see `in_order`), and before the TextArea takes enter as a line break and
    # tab as a focus move.
    BINDINGS = in_order([
        Binding("escape", "cancel", id="editor-cancel"),
        Binding("ctrl+j", "newline", id="editor-newline"),
        Binding("enter", "commit(0)", id="editor-keep"),
        Binding("tab", "commit(1)", id="editor-keep-next"),
        Binding("shift+tab", "commit(-1)", id="editor-keep-previous"),
    ])

    class Committed(Message):
        def __init__(self, text: str, step: int = 0) -> None:
            super().__init__()
            self.text = text
            self.step = step

    class Cancelled(Message):
        pass

    #: The most lines the editor takes (its CSS max-height): the grid keeps the cursor above them.
    LINES = 8
    #: The lines of text the frame shows without growing (its CSS height, less the frame).
    SHOWN = 2

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", read_only=True,
                         show_cursor=False, **kwargs)
        self.cursor_blink = False
        #: True while a cell is edited; False while the bar shows the current cell's value.
        self.editing = False

    def browse(self, text: str) -> None:
        """Show `text`, the current cell's value (kept for later while a cell is edited)."""
        if not self.editing and text != self.text:
            self.load_text(text)

    def start(self, text: str, title: Content | str = "") -> None:
        self.editing = True
        self.border_title = title
        self.add_class("-editing", update=False)  # restyled once, by read_only's change
        self.read_only = False
        self.cursor_blink = True
        self.load_text(text)
        self.move_cursor(self.document.end)
        self.focus()

    def stop(self) -> None:
        """Back to showing the value (the screen says which, with `browse`, and where, in the title)."""
        self.editing = False
        self.remove_class("-editing", "-tall", update=False)  # restyled once, by read_only's change
        self.read_only = True
        self.cursor_blink = False
        self.move_cursor((0, 0))

    @on(TextArea.Changed)
    def _fit(self) -> None:
        """Grow over the grid while the text takes more lines than the frame shows; only then is
        the screen laid out again."""
        self.set_class(self.editing and self.wrapped_document.height > self.SHOWN, "-tall")

    # -- browsing: the keys are the screen's ------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While it browses no binding of its own or the TextArea's acts, but tab, which does
        nothing rather than move the focus away."""
        if self.editing:
            return True
        inner = parameters[1] if action == "in_order" and len(parameters) == 2 else action
        return inner in ("commit(1)", "commit(-1)", "commit")

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """While it browses, letters are the screen's keys (`e`, `a`, `j`…), not text."""
        return self.editing and super().check_consume_key(key, character)

    # -- editing ----------------------------------------------------------------------------------

    def action_commit(self, step: int) -> None:
        """Keep the text; `step` says where to go on: 0 stay, 1 the next cell, -1 the previous.
        Run in typing order (`in_order`), after the keys typed before it; the keys typed after it
        are held for the next cell, or the grid, until the screen releases them."""
        if self.editing:
            self.hold()
            self.post_message(self.Committed(self.text, step))

    def action_newline(self) -> None:
        self.insert("\n")

    def action_cancel(self) -> None:
        self.hold()
        self.post_message(self.Cancelled())
