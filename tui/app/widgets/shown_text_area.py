"""A TextArea for data: what it holds is edited whole, what it draws passes the terminal gate.

TextArea draws its document's lines as they are, so an escape sequence or a
bidi override in a map's text would reach the terminal from any TextArea that
shows it (the cell editor, the record's long fields). This one draws each
forbidden character in place, one character for one (␛, �), so the cursor
stays where it is, and the document itself, what is edited and saved, is
left untouched (`tui.app.gate` lists the other ways data reaches a widget).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tui.app.widgets.in_order import InOrder, in_order
from tui.output.visible import in_place


class ShownTextArea(InOrder, TextArea):
    """Its keys run in typing order too (`in_order`): a field for data is typed into fast."""

    BINDINGS = in_order(TextArea.BINDINGS, "text")

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: a control or bidi character shown in place, one for one."""
        line = super().get_line(line_index)
        line.plain = in_place(self.document.get_line(line_index))
        return line
