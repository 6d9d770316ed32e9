"""The help lists every key in the order of the README's key table (CONTRACT §5), and the README
table is the contract's."""

from __future__ import annotations

import re

from tui.app.bindings import MAP_KEYS

from app_support import ROOT

#: Keys of the contract's table the map screen does not bind: the palette is Textual's own,
#: following a participant belongs to live sessions.
NOT_MAP_KEYS = {"F", "ctrl+p"}


def _table(text: str, heading: str = "| key | in the grid |") -> list[str]:
    start = text.index(heading)
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _keys(row: str) -> list[str]:
    first = row.split(" | ")[0]
    found = re.findall(r"`([^`]+)`", first)
    arrows = ["left", "down", "up", "right"] if first.startswith("| arrows") else []
    return arrows + [k for part in found for k in part.split()]


def test_the_readme_table_is_the_contracts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    contract = (ROOT.parent.parent / "shared" / "CONTRACT.md")
    if contract.is_file():
        assert _table(readme) == _table(contract.read_text(encoding="utf-8"))


def test_the_help_follows_the_tables_order_and_misses_no_key():
    """Keys beyond the contract's (paging, first and last row or column) are in the README's
    second table; the others follow the contract's order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [_keys(row) for row in _table(readme)]
    more = {k for row in _table(readme, "| key | more in the grid |") for k in _keys(row)}
    names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "quotation_mark": '"',
             "full_stop": ".", "right_square_bracket": "]", "left_square_bracket": "["}
    where = []
    for key in MAP_KEYS:
        first = names.get(key.keys.split(",")[0], key.keys.split(",")[0])
        if first in more:
            continue
        hits = [i for i, keys in enumerate(rows) if first in keys] or [  # n and N: in the words of /
            i for i, row in enumerate(_table((ROOT / "README.md").read_text(encoding="utf-8"))) if f"`{first}`" in row]
        assert hits, key.id
        where.append(hits[0])
    assert where == sorted(where)
    missing = [row for i, row in enumerate(rows) if i not in where and not NOT_MAP_KEYS & set(row)]
    assert missing == []


def test_key_names_are_words_of_the_interface_language():
    """« entrée » and « suppr » in French, as the key bar and the help's foot say them; English in English."""
    from tui.core.words import language
    from tui.output.i18n import use_language

    before = language()
    edit = next(key for key in MAP_KEYS if key.id == "edit")
    delete = next(key for key in MAP_KEYS if key.id == "delete-touchpoint")
    try:
        use_language("fr")
        assert (edit.shown_keys, delete.shown_keys) == ("entrée e", "d suppr")
        use_language("en")
        assert (edit.shown_keys, delete.shown_keys) == ("enter e", "d delete")
    finally:
        use_language(before)
