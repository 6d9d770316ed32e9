"""Fixtures for the app tests: a fresh copy of an example map per test, and one shared live."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app_support import ROOT
from tui.core.document import MapDocument
from tui.core.live.link import Link


@pytest.fixture
def concert(tmp_path: Path) -> Path:
    target = tmp_path / "concert.toml"
    shutil.copyfile(ROOT / "maps" / "concert.toml", target)
    return target


@pytest.fixture
def shared(concert: Path):
    """The map, and `open_link(name)`: a participant on it (the first hosts), stopped at the end."""
    links: list[Link] = []

    def open_link(name: str, **kwargs) -> Link:
        link = Link.open(concert, MapDocument.load(concert), name=name, **kwargs)
        links.append(link)
        return link

    yield concert, open_link
    for link in reversed(links):
        link.stop()
