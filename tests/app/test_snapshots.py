"""SVG snapshots of the main screens, at 80×24 and 120×40, in French and English.

Update with `pytest tests/app/test_snapshots.py --snapshot-update`, and only
after looking at the new pictures (snapshot_report.html).
"""

from __future__ import annotations

import pytest

from app_support import ROOT, make_app

EXAMPLE = ROOT / "maps" / "concert.toml"

SCREENS = {
    "main": [],
    "picker": ["l", "l", "l", "enter", "e", "v", "e", "n"],
    "preview": ["j", "p"],
    "help": ["question_mark"],
    "quit": ["d", "ctrl+q"],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path, screen, lang, size):
    target = tmp_path / "concert.toml"
    target.write_bytes(EXAMPLE.read_bytes())
    app = make_app(target, lang=lang)
    assert snap_compare(app, press=SCREENS[screen], terminal_size=size)
