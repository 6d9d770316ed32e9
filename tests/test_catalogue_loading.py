"""Catalogue loading: built-ins shipped with the package, a project folder extending them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.catalogue import BUILTIN_DIR, fold, load_catalogues
from tui.core.errors import MapError
from tui.output.i18n import use_language


def test_builtins_are_found_from_any_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    catalogues = load_catalogues()
    assert (BUILTIN_DIR / "supports.toml").is_file()
    assert len(catalogues.supports) == 40
    assert catalogues.label("channel", "plateformes-communautaires") == "Plateformes communautaires"
    use_language("en")
    assert catalogues.label("channel", "plateformes-communautaires") != "Plateformes communautaires"


def test_support_field_takes_supports_and_other_touchpoints():
    catalogues = load_catalogues()
    assert catalogues.knows("support", "bannieres")
    assert catalogues.knows("support", "panier-d-achat") or any(
        "panier" in e.id for e in catalogues.touchpoints
    )
    assert not catalogues.knows("support", "pigeon-voyageur")
    assert catalogues.knows("who", "anything")


def test_unknown_id_shows_as_written():
    assert load_catalogues().label("type", "inconnu") == "inconnu"


def test_filter_ignores_case_and_accents():
    catalogues = load_catalogues()
    found = [e.label for e in catalogues.supports.filter("evene")]
    assert any("vènements" in label or "vénements" in label for label in found)
    assert fold("Évènements") == "evenements"


def _write_overlay(folder: Path) -> None:
    folder.mkdir()
    (folder / "types.toml").write_text(
        '[[types]]\nid = "promotionnelle"\nlabel = "Promo maison"\nlabel_en = "House promo"\n\n'
        '[[types]]\nid = "interne"\nlabel = "Interne"\nlabel_en = "Internal"\n',
        encoding="utf-8",
    )


def test_project_folder_beside_the_map_extends_and_replaces(tmp_path):
    _write_overlay(tmp_path / "catalog")
    catalogues = load_catalogues(tmp_path / "carte.toml")
    assert catalogues.label("type", "promotionnelle") == "Promo maison"
    assert catalogues.knows("type", "interne")
    assert len(catalogues.types) == 8
    assert [e.id for e in catalogues.types][-1] == "interne"


def test_project_folder_beside_the_maps_folder(tmp_path):
    _write_overlay(tmp_path / "catalog")
    (tmp_path / "maps").mkdir()
    catalogues = load_catalogues(tmp_path / "maps" / "carte.toml")
    assert catalogues.knows("type", "interne")


def test_broken_project_catalogue_names_its_file_and_line(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "types.toml").write_text('[[types]]\nid = "x"\nlabel = \n', encoding="utf-8")
    with pytest.raises(MapError) as caught:
        load_catalogues(tmp_path / "carte.toml")
    message = str(caught.value)
    assert message.startswith(str(folder / "types.toml") + ":3:")
