"""Shared fixtures: every test runs with its own home, config, state and cache folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.output.i18n import use_language

ROOT = Path(__file__).resolve().parents[1]
MAPS = ROOT / "maps"
EXAMPLE_MAPS = sorted(MAPS.glob("*.toml"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user's files: HOME and the XDG folders point at a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    for name in ("XDG_RUNTIME_DIR",):
        folder = home / "runtime"
        folder.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(folder))
    # Commands run in a subprocess import this working tree too, never an installed copy.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A locale that says nothing about the person: the map's `locale` decides, else French.
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return home


@pytest.fixture(autouse=True)
def french_words() -> None:
    """Every test starts speaking French, the product's default, whatever the one before chose."""
    use_language("fr")


@pytest.fixture
def english_messages(isolated_home: Path, french_words: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Error lines in English, here and in the commands a test runs (`LANG=en_US.UTF-8`): for the
    tests about their English wording. French is the default (LANG=C.UTF-8 says nothing), and
    the French wording of the same lines is checked in tests/test_language.py."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    use_language("en")


@pytest.fixture
def map_copy(tmp_path: Path):
    """Copy an example map into tmp_path, so a test can save over it."""

    def copy(name: str = "concert.toml") -> Path:
        target = tmp_path / name
        shutil.copyfile(MAPS / name, target)
        return target

    return copy
