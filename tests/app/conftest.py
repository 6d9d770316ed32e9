"""Fixtures for the app tests: a fresh copy of an example map per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app_support import ROOT


@pytest.fixture
def concert(tmp_path: Path) -> Path:
    target = tmp_path / "concert.toml"
    shutil.copyfile(ROOT / "maps" / "concert.toml", target)
    return target
