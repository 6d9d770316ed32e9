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

#: C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings,
#: overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
FORBIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"

_pattern: re.Pattern[str] | None = None
_line_pattern: re.Pattern[str] | None = None


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
    global _pattern
    if _pattern is None:  # compiled on first use: `show` should not pay for it at import
        _pattern = re.compile(f"[{FORBIDDEN}]")
    return _pattern.sub(_replace, text)


def visible_line(text: str) -> str:
    """`text` for one line of output (an error line, a cell, a title): newlines and tabs shown too."""
    global _line_pattern
    if _line_pattern is None:
        _line_pattern = re.compile(f"[{FORBIDDEN}\t\n]")
    return _line_pattern.sub(_replace, text)


def escape_forbidden(text: str) -> str:
    """`text` with every forbidden character as a `\\uXXXX` escape, for JSON and TOML strings.

    Both read the escape back as the character, so nothing is lost; json.dumps
    escapes the C0 controls itself but leaves DEL, C1 and the bidi controls raw.
    """
    global _pattern
    if _pattern is None:
        _pattern = re.compile(f"[{FORBIDDEN}]")
    return _pattern.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_clean(text: str) -> bool:
    """Whether `text` holds nothing `visible` would change (for tests and assertions)."""
    return visible(text) == text
