"""Building the editor on a map file, typing keys in one read, comparing saved files: for the app tests."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from textual import events

from tui.app.app import ParcoursApp
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.i18n import use_language

ROOT = Path(__file__).resolve().parents[2]


def make_app(path: Path, lang: str = "fr", read_only: bool = False, ascii_faces: bool = False) -> ParcoursApp:
    """The editor on `path`, speaking `lang` (chosen before it is built, as `parcours MAP` does)."""
    use_language(lang)
    return ParcoursApp(MapDocument.load(path), load_catalogues(path), read_only=read_only, ascii_faces=ascii_faces)


async def save(app: ParcoursApp, pilot) -> None:
    """ctrl+s, and wait for the save's worker to write the file."""
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def typed_at_once(app, *keys: str) -> None:
    """Keys read from the terminal in one go (a fast typist, keys bunched over SSH, a paste without
    bracketed paste): posted as the terminal driver posts them, none waiting for the one before."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key("space" if key == " " else key, character))
