"""The editor's words: in the language chosen when it is built, counts in the right plural."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from app_support import make_app
from tui.app.screens.dialogs import ConfirmScreen
from tui.app.screens.recover import RecoverScreen
from tui.core.recovery import orphans

SIZE = (80, 24)


async def test_key_bindings_follow_the_language_of_each_app(concert):
    """French, English, then French again in one process: no screen keeps the words it was first built with."""
    for lang, add in (("fr", "Ajouter"), ("en", "Add"), ("fr", "Ajouter")):
        app = make_app(concert, lang=lang)
        async with app.run_test(size=SIZE):
            assert app.screen.active_bindings["a"].binding.description == add


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("fr", "Supprimer l'étape « Sensibilisation » et 1 point de contact ?",
         "Supprimer l'étape « Sensibilisation » et ses 2 points de contact ?"),
        ("en", "Delete the stage “Sensibilisation” and its 1 touchpoint?",
         "Delete the stage “Sensibilisation” and its 2 touchpoints?"),
    ],
)
async def test_deleting_a_stage_counts_its_touchpoints(concert, lang, one, two):
    app = make_app(concert, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen) and app.screen.question == two
        await pilot.press("n", "d", "D")
        assert isinstance(app.screen, ConfirmScreen) and app.screen.question == one


@pytest.mark.parametrize(
    ("lang", "found"),
    [
        ("fr", "1 modification non enregistrée de la session du"),
        ("en", "1 unsaved edit from the session of"),
    ],
)
async def test_one_recovered_edit_is_one(concert, lang, found):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert app.session.journal.flush()
        app.session.journal.release()  # the session is lost here: no save, no quit
    again = make_app(concert, lang=lang)
    again.recoveries, _ = orphans(concert)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, RecoverScreen)
        question = str(again.screen.query_one(".dialog-question", Static).content)
        assert question.startswith(found)
