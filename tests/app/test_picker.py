"""The map picker (`parcours` with no map), driven with Pilot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from tui.app.picker_app import MapList, PickerApp
from tui.core.glance import SKIP_BYTES
from tui.output.i18n import use_language

from app_support import ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in ("concert.toml", "commande-mobile.toml"):
        shutil.copyfile(ROOT / "maps" / name, maps / name)
    (maps / "marque.toml").write_text('schema = 1\ntitle = "Un [/] et [beta] crochets"\n', encoding="utf-8")
    with (maps / "zz-huge.toml").open("wb") as stream:
        stream.truncate(SKIP_BYTES + 1)
    return tmp_path


def picker(folder: Path, lang: str) -> PickerApp:
    """The picker on `folder`, speaking `lang` (chosen before it is built, as `parcours` does)."""
    use_language(lang)
    return PickerApp(folder)


async def _ready(app: PickerApp, pilot) -> MapList:
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.query_one(MapList)


def _lines(listing: MapList) -> list[str]:
    return [str(option.prompt) for option in listing.options]


async def test_each_map_shows_its_title_and_stage_count(folder):
    app = picker(folder, "en")
    async with app.run_test(size=(120, 20)) as pilot:
        lines = _lines(await _ready(app, pilot))
    assert lines[0] == "maps/commande-mobile.toml  Commande mobile d'un café à emporter  · 10 stages"
    assert lines[1] == "maps/concert.toml  Achat de billets de concert  · 10 stages"
    assert lines[2] == "maps/marque.toml  Un [/] et [beta] crochets  · 0 stages"  # text, never markup
    assert lines[3] == "maps/zz-huge.toml  · not read: 10.0 MB, over 10 MB"
    assert lines[4] == "+ New map…"


async def test_stage_counts_follow_the_french_plural(folder):
    """0 is singular in French: « 0 étape », as « 1 étape »; « 10 étapes »."""
    app = picker(folder, "fr")
    async with app.run_test(size=(120, 20)) as pilot:
        lines = _lines(await _ready(app, pilot))
    assert lines[0].endswith("· 10 étapes") and lines[2].endswith("· 0 étape")


async def test_a_file_over_the_limit_cannot_be_chosen(folder):
    app = picker(folder, "fr")
    async with app.run_test(size=(120, 20)) as pilot:
        listing = await _ready(app, pilot)
        assert "plus de 10 Mo" in _lines(listing)[3]
        assert listing.options[3].disabled
        await pilot.press("j", "j", "j")  # past the skipped file, onto « new »
        assert listing.highlighted == 4


async def test_j_and_k_move_and_enter_opens(folder):
    app = picker(folder, "fr")
    async with app.run_test(size=(120, 20)) as pilot:
        listing = await _ready(app, pilot)
        assert listing.highlighted == 0
        await pilot.press("j", "j", "k")
        assert listing.highlighted == 1
        await pilot.press("enter")
    assert app.return_value == folder / "maps" / "concert.toml"


async def test_slash_filters_by_name_or_title_without_accents(folder):
    app = picker(folder, "fr")
    async with app.run_test(size=(120, 20)) as pilot:
        listing = await _ready(app, pilot)
        await pilot.press("slash", *"cafe")
        field = app.query_one("#filter", Input)
        assert field.display and field.has_focus and field.value == "cafe"
        assert [o.id for o in listing.options] == [str(folder / "maps" / "commande-mobile.toml"), "new"]
        await pilot.press("enter")  # to the list, then choose
        assert listing.has_focus
        await pilot.press("enter")
    assert app.return_value == folder / "maps" / "commande-mobile.toml"


async def test_typing_right_after_slash_reaches_the_filter(folder):
    app = picker(folder, "fr")
    async with app.run_test(size=(120, 20)) as pilot:
        listing = await _ready(app, pilot)
        await pilot.press("slash", "[", "/", "]")  # markup-like text is a filter like any other
        assert app.query_one("#filter", Input).value == "[/]"
        assert [o.id for o in listing.options] == [str(folder / "maps" / "marque.toml"), "new"]
        await pilot.press("escape")
        assert not app.query_one("#filter", Input).display and listing.has_focus
        assert len(listing.options) == 5
        await pilot.press("escape")
    assert app.return_value is None


async def test_n_asks_for_a_new_map_name(folder):
    app = picker(folder, "en")
    async with app.run_test(size=(120, 20)) as pilot:
        await _ready(app, pilot)
        await pilot.press("n", *"nouvelle", "enter")
    assert app.return_value == folder / "maps" / "nouvelle.toml"


async def test_an_empty_folder_offers_only_a_new_map(tmp_path):
    app = picker(tmp_path, "en")
    async with app.run_test(size=(80, 12)) as pilot:
        assert _lines(await _ready(app, pilot)) == ["+ New map…"]
