"""Dialog buttons are read whole at any width from 60 columns, in both languages (issue 15's "Recharger (perdre me").

Each dialog is opened over the editor at 60, 80 and 120 columns; every button must
lie on screen, inside its dialog, wide enough for its whole label.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Button

from app_support import make_app
from tui.app.screens.details import DetailsScreen
from tui.app.screens.dialogs import ConfirmScreen, ConflictScreen, QuitScreen
from tui.app.screens.recover import RecoverScreen

DIALOGS = {
    "conflict": lambda app: ConflictScreen("concert.toml"),
    "quit": lambda app: QuitScreen(),
    "confirm": lambda app: ConfirmScreen("Supprimer l'étape « Recherche » et ses 2 points de contact ?"),
    "recover": lambda app: RecoverScreen([f"Recherche #{n} · qui → 'Équipe {n}'" for n in range(30)], "2026-11-25 10:00",
                                         True, [("2026-11-24 09:00", 3)]),
    "details": lambda app: DetailsScreen(app.document.map),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size", [(60, 24), (80, 24), (120, 40)], ids=["60x24", "80x24", "120x40"])
@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_every_button_label_is_whole_and_on_screen(concert, dialog, size, lang):
    app = make_app(concert, lang=lang)
    async with app.run_test(size=size) as pilot:
        app.push_screen(DIALOGS[dialog](app))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen.region
        buttons = list(app.screen.query(Button))
        assert buttons
        for button in buttons:
            label = str(button.label)
            region = button.region
            assert region.width >= cell_len(label) + 2, (label, region)  # the label and its padding
            assert screen.contains_region(region), (label, region, screen)
            dialog = next(node for node in button.ancestors if node.has_class("dialog"))
            assert dialog.content_region.contains_region(region), (label, region, dialog.content_region)  # not cut
