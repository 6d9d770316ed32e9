"""A served editor's save-as writes only a new map file inside the map's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.confine import PathRefused, Refusal, new_file_in


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "concert.toml").write_text("schema = 1\n", encoding="utf-8")
    (maps / "sub").mkdir()
    return maps


def refusal(folder: Path, answer: str) -> Refusal:
    with pytest.raises(PathRefused) as refused:
        new_file_in(folder, answer, "concert.toml")
    return refused.value.reason


@pytest.mark.parametrize("answer, expected", [
    ("copie.toml", "copie.toml"),
    ("sub/copie.toml", "sub/copie.toml"),
    ("sub/../copie.toml", "copie.toml"),
    ("sub", "sub/concert.toml"),
    ("Copie.TOML", "Copie.TOML"),
])
def test_a_new_map_inside_the_folder_is_allowed(folder, answer, expected):
    assert new_file_in(folder, answer, "concert.toml") == folder.resolve() / expected


def test_an_absolute_path_inside_the_folder_is_allowed(folder):
    assert new_file_in(folder, str(folder / "copie.toml"), "concert.toml") == folder.resolve() / "copie.toml"


def test_a_relative_path_is_taken_from_the_map_folder_not_the_working_folder(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert new_file_in(folder, "copie.toml", "concert.toml") == folder.resolve() / "copie.toml"


@pytest.mark.parametrize("answer", [
    "../dehors.toml",
    "sub/../../dehors.toml",
    "/tmp/dehors.toml",
    "..",
    "bad\x00name.toml",
])
def test_paths_leaving_the_folder_are_refused(folder, answer):
    assert refusal(folder, answer) is Refusal.OUTSIDE


def test_a_tilde_is_a_name_not_the_home_folder(folder):
    assert new_file_in(folder, "~/x.toml", "concert.toml") == folder.resolve() / "~" / "x.toml"


def test_the_home_folder_is_out_of_reach(folder):
    assert refusal(folder, os.path.expanduser("~/.bashrc")) is Refusal.OUTSIDE
    assert refusal(folder, str(folder / ".." / ".." / ".bashrc")) is Refusal.OUTSIDE


def test_a_symlink_out_of_the_folder_is_refused(folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "escape").symlink_to(outside, target_is_directory=True)
    assert refusal(folder, "escape/carte.toml") is Refusal.OUTSIDE
    # A dangling link is followed too: writing through it would create the outside file.
    (folder / "piege.toml").symlink_to(outside / "nouveau.toml")
    assert refusal(folder, "piege.toml") is Refusal.OUTSIDE
    assert not (outside / "nouveau.toml").exists()


def test_a_symlink_loop_is_refused(folder):
    (folder / "boucle.toml").symlink_to(folder / "boucle.toml")
    assert refusal(folder, "boucle.toml") in (Refusal.OUTSIDE, Refusal.EXISTS)


@pytest.mark.parametrize("answer", ["concert.toml", "sub", "."])
def test_an_existing_file_is_never_replaced(folder, answer):
    # "sub" names a folder, so it means sub/concert.toml: new, allowed; make it exist first.
    (folder / "sub" / "concert.toml").write_text("", encoding="utf-8")
    assert refusal(folder, answer) is Refusal.EXISTS


def test_a_link_inside_the_folder_counts_as_existing(folder):
    (folder / "lien.toml").symlink_to(folder / "pas-encore.toml")
    assert refusal(folder, "lien.toml") is Refusal.EXISTS


@pytest.mark.parametrize("answer", ["notes.txt", "script.sh", ".cache.toml", ".git/config.toml", "sub/.hidden/x.toml", "carte"])
def test_only_visible_toml_files(folder, answer):
    (folder / ".git").mkdir()
    (folder / "sub" / ".hidden").mkdir()
    assert refusal(folder, answer) is Refusal.NOT_A_MAP
