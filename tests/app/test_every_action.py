"""Every action of the editor has a key: a binding with an id, a line in the help, a palette entry.

The actions are read from the classes themselves (every `action_*` the map
screen and the App define), so a new action without its key fails here.
"""

from __future__ import annotations

import pytest
from rich.table import Table
from textual.widgets import Static

from app_support import make_app
from tui.app.app import ParcoursApp
from tui.app.bindings import MAP_KEYS
from tui.app.screens.help import HelpScreen
from tui.app.screens.map_screen import MapScreen

#: Actions that are not the user's to call: the notice an edit key gives in read-only mode.
INTERNAL = {"read_only"}
#: The App's own actions that the map screen's keys reach ("app.save_as"), or Textual's palette key.
APP_ACTIONS = {"save_as", "quit"}


def _actions(cls: type) -> set[str]:
    return {name.removeprefix("action_") for klass in cls.__mro__ if klass.__module__.startswith("tui.")
            for name in vars(klass) if name.startswith("action_")}


def _keyed() -> dict[str, list]:
    found: dict[str, list] = {}
    for key in MAP_KEYS:
        found.setdefault(key.action.split("(")[0].removeprefix("app."), []).append(key)
    return found


def test_every_screen_and_app_action_has_a_key():
    keyed = _keyed()
    screen = _actions(MapScreen) - INTERNAL
    app = _actions(ParcoursApp) & APP_ACTIONS
    assert sorted(screen - keyed.keys()) == []
    assert sorted(app - keyed.keys()) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_every_key_is_in_the_help_and_every_bound_one_in_the_palette(concert, lang):
    app = make_app(concert, lang=lang)
    async with app.run_test(size=(120, 60)) as pilot:
        ids = {binding.id for binding in type(app.screen).BINDINGS}
        for key in MAP_KEYS:
            assert key.id and (not key.bound or key.id in ids), key.id  # bound with its id, for keymaps
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for key in MAP_KEYS:
            if key.bound and not key.id.startswith("cursor"):
                assert any(title.startswith(key.title()) for title in titles), (key.id, titles)
        app.push_screen(HelpScreen())
        await pilot.pause()
        tables = [static.content for static in app.screen.query(Static) if isinstance(static.content, Table)]
        listed = [cell for table in tables for cell in table.columns[1].cells]
        for key in MAP_KEYS:
            assert key.description() in listed, key.id
