"""The terminal gate: no control or bidi character gets through, and none is dropped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.output.visible import FORBIDDEN, is_clean, visible, visible_line

BAD = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                        *range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def test_escape_sequences_are_shown_not_emitted():
    assert visible("\x1b]0;pwned\x07titre") == "␛]0;pwned␇titre"
    assert visible("\x1b]52;c;ZWNobw==\x1b\\") == "␛]52;c;ZWNobw==␛\\"
    assert visible("a\x7fb\x9bc") == "a␡b\\x9bc"


def test_bidi_overrides_are_shown():
    assert visible("abc\u202edcba") == "abc\\u202edcba"
    assert visible("\u2066x\u2069") == "\\u2066x\\u2069"


def test_tab_and_newline_stay_in_text_but_not_in_a_line():
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible_line("a\tb\nc\rd") == "a␉b␊c␍d"


def test_ordinary_text_is_untouched():
    text = "Équipe « marketing » — 😄 [beta] [/] 漢字 \u200e"
    assert visible(text) == text and is_clean(text)


@given(st.text())
def test_nothing_forbidden_survives(text):
    shown = visible(text)
    assert not any(char in shown for char in BAD)
    assert not any(char in visible_line(text) for char in [*BAD, "\n", "\t"])


@given(st.text(alphabet=st.characters(blacklist_characters=BAD)))
def test_clean_text_is_left_alone(text):
    assert visible(text) == text


def test_the_forbidden_set_is_what_the_tests_check():
    import re

    assert [c for c in map(chr, range(0x2100)) if re.match(f"[{FORBIDDEN}]", c)] == sorted(BAD)


def test_a_line_holds_no_line_break_of_any_kind():
    """A log reader, JavaScript or Python's splitlines end a line at U+2028 and U+2029 too."""
    assert visible_line("a\u2028b\u2029c") == "a\\u2028b\\u2029c"
    assert len(visible_line("a\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i").splitlines()) == 1
    assert visible("a\u2028b") == "a\u2028b"  # in text, a line separator is text


def test_no_character_the_gate_shows_is_printable():
    """The gate's fast path: a text Python calls printable is returned as it is."""
    import re

    from tui.output.visible import LINE_BREAKS

    shown = re.compile(f"[{FORBIDDEN}{LINE_BREAKS}]")
    assert not [c for c in map(chr, range(0x110000)) if shown.match(c) and c.isprintable()]
