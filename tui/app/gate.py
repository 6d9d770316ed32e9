"""The terminal gate in the editor: how text from a file, a file name or the keyboard reaches a widget.

Two rules for every widget (`tui.output.visible` says why): such text is never
markup, so `[beta]` and `[/]` show as typed instead of vanishing or crashing
the editor; and a control or bidi character in it is shown (␛, \\u202e), never
sent to the terminal. Each widget that shows data takes it through one of these:

- `shown(text)`, `shown_lines(lines)`: a `Content` for a Static, a border title or a question;
- `option(text)`: an OptionList prompt (a str prompt would be parsed as markup);
- `visible_line` itself for a piece of a styled `Text`;
- `ShownInput` in place of an Input: it draws its value with a one-character
  stand-in for each forbidden character, so the cursor stays right (`InPlace`, its
  highlighter, also draws the command palette's own search field: `tui.app.palette`);
- `ShownTextArea` (`tui.app.widgets.shown_text_area`) in place of a TextArea, the same way;
- `Notices`: the Apps' `notify`, which never reads markup and shows every character.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.control import strip_control_codes
from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widgets import Input
from textual.widgets.option_list import Option

from tui.app.widgets.in_order import InOrder, in_order
from tui.output.visible import in_place, visible, visible_line


def shown(text: str) -> Content:
    """Data as a widget shows it: never markup, control and bidi characters visible, one line."""
    return Content(visible_line(text))


def shown_lines(lines: Iterable[str]) -> Content:
    """Several lines of data, each kept to one line (`shown`)."""
    return Content("\n".join(visible_line(line) for line in lines))


def option(text: str, id: str | None = None, disabled: bool = False) -> Option:
    """An option whose prompt is data: a `Content`, never markup, made visible."""
    return Option(shown(text), id=id, disabled=disabled)


class InPlace(Highlighter):
    """Draws an Input's value with each forbidden character as one visible character.

    The value itself is untouched (it is what the user edits and what is
    saved); Input places its cursor by character, hence one for one. The value
    is read from the Input, not from the text to highlight: Rich's Text has
    already dropped BEL, BS, VT, FF and CR from that, unseen, and the cursor
    after them one cell short.
    """

    def __init__(self, field: Input) -> None:
        self.field = field

    def highlight(self, text: Text) -> None:
        value = self.field.value
        text.plain = in_place(value if strip_control_codes(value) == text.plain else text.plain, line=True)


class ShownInput(InOrder, Input):
    """An Input for data (a value, a file name, a search, a filter): drawn through the gate, `InPlace`;
    its keys run in typing order (`in_order`)."""

    BINDINGS = in_order(Input.BINDINGS, "field")

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.highlighter = InPlace(self)


class Notices:
    """Mixed into the Apps: every notification is plain text, made visible.

    Notifications quote values, file names, errors and search queries; Textual
    reads a message as markup by default (and `Widget.notify` always asks for
    it), so here `markup` is ignored: a parcours notice is never markup.
    """

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        super().notify(visible(str(message)), title=visible_line(title),  # type: ignore[misc]
                       severity=severity, timeout=timeout, markup=False)
