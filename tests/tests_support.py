"""Paths the tests share (a plain module: conftest fixtures are for fixtures)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "maps" / "concert.toml"
