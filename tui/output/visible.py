"""The one gate for text on its way to a terminal: control and bidi characters made visible.

A map, a file name, an argument or a keystroke may carry an escape sequence
that sets the terminal's title, writes its clipboard (OSC 52) or clears the
screen, or a bidi override that reorders what a reviewer reads. Every string
from outside passes through `visible` before it reaches a terminal, whatever
draws it (show, validate, diff, catalog, error lines, every editor widget).
The character is shown, never dropped: a reviewer must see that it is there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

#: C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings,
#: overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
FORBIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"

_patterns: dict[bool, re.Pattern[str]] = {}


#: What else ends a line for someone (Python's splitlines, JavaScript, a log reader): kept in
#: text, shown in a one-line text.
LINE_BREAKS = "\t\n\u2028\u2029"


def _forbidden(line: bool = False) -> re.Pattern[str]:
    """The forbidden characters (and the line breaks, for a `line`), compiled on first use:
    `show` should not pay for it at import."""
    pattern = _patterns.get(line)
    if pattern is None:
        pattern = _patterns[line] = re.compile(f"[{FORBIDDEN}{LINE_BREAKS}]" if line else f"[{FORBIDDEN}]")
    return pattern


def stand_in(char: str) -> str:
    """What shows in place of a forbidden character: ␛ for ESC, ␡ for DEL, \\x9b or \\u202e otherwise."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _replace(match: re.Match[str]) -> str:
    return stand_in(match.group())


def visible(text: str) -> str:
    """`text` with every forbidden character shown; tabs and newlines are kept."""
    if text.isprintable():  # nearly always, and in C: a printable text holds no control, bidi or line break
        return text
    return _forbidden().sub(_replace, text)


def visible_line(text: str) -> str:
    """`text` for one line of output (an error line, a cell, a title): tabs and every line break shown too."""
    if text.isprintable():
        return text
    return _forbidden(line=True).sub(_replace, text)


def in_place(text: str, line: bool = False) -> str:
    """`text` with each forbidden character shown by one character: ␛ and ␡, or � for C1 and bidi
    (and, when `line`, tab and newline as ␉ and ␊).

    For text being edited (an Input, a TextArea): they place the cursor and the
    selection by character index, so a stand-in must take exactly one. The text
    itself keeps its characters; only what is drawn changes.
    """
    if text.isprintable():
        return text
    return _forbidden(line).sub(_one_for_one, text)


def _one_for_one(match: re.Match[str]) -> str:
    shown = stand_in(match.group())
    return shown if len(shown) == 1 else "\ufffd"


def visible_text(text: Text, line: bool = False) -> Text:
    """A Rich `Text` through the gate (`visible`, or `visible_line` when `line`), its styles kept in place.

    For lines built from several styled pieces (a diff line): the gate runs once
    on the whole, and each span moves with the characters it covered.
    """
    plain = text.plain
    shown = visible_line(plain) if line else visible(plain)
    if shown == plain:
        return text
    from rich.text import Span

    gate = visible_line if line else visible
    # Where each character of `plain` starts in `shown` (and where the text ends).
    starts = [0]
    for char in plain:
        starts.append(starts[-1] + len(gate(char)))
    result = text.blank_copy(shown)
    result.spans = [Span(starts[span.start], starts[min(span.end, len(plain))], span.style)
                    for span in text.spans]
    return result


def escape_forbidden(text: str) -> str:
    """`text` with every forbidden character as a `\\uXXXX` escape, for JSON and TOML strings.

    Both read the escape back as the character, so nothing is lost; json.dumps
    escapes the C0 controls itself but leaves DEL, C1 and the bidi controls raw.
    """
    return _forbidden().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_clean(text: str) -> bool:
    """Whether `text` holds nothing `visible` would change (for tests and assertions)."""
    return visible(text) == text
