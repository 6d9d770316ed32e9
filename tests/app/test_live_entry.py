"""The keys for entering a meeting quickly, in a live session: a participant's `"` `.` paste ctrl+e
ctrl+d and the record (`o`) travel to the host as edits like any other, and undo is their own;
the record and the preview page show the others' changes as they are made.

Bob is the editor under test, a participant; Alice hosts (a plain `Link`, as another editor).
"""

from __future__ import annotations

import os
import stat

import pytest
from textual import events
from textual.widgets import Input, Static, TextArea

from live_editor import SIZE, editor, joined, until
from tui.app.screens.preview_page import PreviewPage
from tui.app.screens.record import RecordScreen
from tui.app.widgets.grid import JourneyGrid
from tui.core.edits import SetTouchpointField


async def test_fast_entry_keys_reach_the_host_and_undo_is_your_own(shared, tmp_path, monkeypatch):
    path, open_link = shared
    alice = open_link("alice")
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "Réécrite\\n" > "$1"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VISUAL", str(script))
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        assert app.session.role == "participant"
        marketing = "Équipe marketing du distributeur"
        await pilot.press("j", *["l"] * 6, "quotation_mark")  # Sensibilisation #2, Qui: as above
        await until(pilot, lambda: alice.map.touchpoint(0, 1).who == marketing)
        await pilot.press("j", "full_stop")  # Recherche #1: the same change again
        await until(pilot, lambda: alice.map.touchpoint(1, 0).who == marketing)
        app.screen.query_one(JourneyGrid).post_message(events.Paste("Collé ici"))
        await until(pilot, lambda: alice.map.touchpoint(1, 0).who == "Collé ici")
        await pilot.press("h", "h", "ctrl+e")  # Réponse, in $VISUAL
        await until(pilot, lambda: alice.map.touchpoint(1, 0).response == "Réécrite")
        count = len(alice.map.stages[1].touchpoints)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: len(alice.map.stages[1].touchpoints) == count + 1)
        assert alice.map.touchpoint(1, 1) == alice.map.touchpoint(1, 0)
        assert app.session.version == alice.version == 5
        alice.apply(SetTouchpointField("t1", "who", "Alice"))
        await until(pilot, lambda: app.session.version == 6)
        await pilot.press(*["u"] * 5)  # Bob's five edits, not Alice's
        await until(pilot, lambda: alice.version == 11)
        assert alice.map.touchpoint(0, 0).who == "Alice"
        assert alice.map.touchpoint(0, 1).who != marketing and len(alice.map.stages[1].touchpoints) == count
        assert app.session.map == alice.map


async def test_the_record_applies_what_you_typed_and_keeps_what_others_changed(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        await pilot.press("j", "j", "j", "o")  # Recherche #2 (t4)
        record = app.screen
        assert isinstance(record, RecordScreen)
        alice.apply(SetTouchpointField("t4", "who", "Alice, pendant ce temps"))
        await until(pilot, lambda: app.session.map.touchpoint(1, 1).who == "Alice, pendant ce temps")
        # Qui was not typed into: it shows Alice's change at once, nothing stale.
        await until(pilot, lambda: record.query_one("#field-who", Input).value == "Alice, pendant ce temps")
        record.query_one("#field-pain", TextArea).focus()
        await pilot.press("end", "enter", *"Et la revente ?", "tab")
        await until(pilot, lambda: alice.map.touchpoint(1, 1).pain.endswith("\nEt la revente ?"))
        await pilot.press("escape")  # every field is looked at again: Qui was not typed into
        await until(pilot, lambda: not isinstance(app.screen, RecordScreen))
        await pilot.pause(0.2)
        assert alice.map.touchpoint(1, 1).who == "Alice, pendant ce temps"
        assert alice.version == 2


async def test_the_record_shows_others_changes_but_keeps_what_you_are_typing(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        await pilot.press("j", "j", "j", "o")  # Recherche #2 (t4), the cursor on Étape
        record = app.screen
        assert isinstance(record, RecordScreen)
        record.query_one("#field-response", TextArea).focus()
        await pilot.press("end", *" (Bob)")
        alice.apply(SetTouchpointField("t4", "response", "Alice réécrit"))
        alice.apply(SetTouchpointField("t4", "pain", "Alice ajoute un irritant"))
        await until(pilot, lambda: record.query_one("#field-pain", TextArea).text == "Alice ajoute un irritant")
        assert " (Bob)" in record.query_one("#field-response", TextArea).text  # being typed: kept
        await pilot.press("escape")
        await until(pilot, lambda: " (Bob)" in alice.map.touchpoint(1, 1).response)  # the later wins
        assert alice.map.touchpoint(1, 1).pain == "Alice ajoute un irritant"


async def test_the_record_describes_the_catalogue_value_you_typed_once_it_is_applied(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        await pilot.press("l", "l", "o")  # Canal: « Plateformes communautaires », described
        about = app.screen.query_one("#about-channel", Static)
        assert str(about.render()).startswith("réseaux sociaux")
        await pilot.press("ctrl+u", *"Pigeon voyageur", "tab")
        await until(pilot, lambda: alice.map.touchpoint(0, 0).channel == "Pigeon voyageur")
        await until(pilot, lambda: str(about.render()) == "hors catalogue : gardé comme texte libre")


async def test_leaving_keeps_what_was_being_typed_for_the_others(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        await pilot.press(*["l"] * 6, "e", "ctrl+u", *"Bob, en partant", "ctrl+q")  # Qui, being typed
        await until(pilot, lambda: alice.map.touchpoint(0, 0).who == "Bob, en partant")


@pytest.mark.parametrize("typing", [("l", "l", "l", "l", "e", *" (Bob)", "enter"), ("l", "l", "e", *"Bob", "enter")],
                         ids=["cell editor", "picker"])
async def test_an_edit_of_a_touchpoint_deleted_meanwhile_is_refused_not_put_on_the_next_one(shared, typing):
    from tui.core.edits import DeleteTouchpoint

    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        *opening, commit = typing
        await pilot.press("j", "j", "j", *opening)  # Recherche #2 (t4): Réponse, or Canal's picker
        alice.apply(DeleteTouchpoint("t4"))  # meanwhile: its row is Sélection #1 (t5) now
        await until(pilot, lambda: app.session.version == 1)
        before = alice.map
        await pilot.press(commit)
        await until(pilot, lambda: any("supprimé" in str(line) for line in said))
        await pilot.pause(0.2)
        assert alice.map == before and alice.version == 1  # nothing landed on Sélection #1


async def test_the_record_says_once_when_its_touchpoint_is_deleted_meanwhile(shared):
    from tui.core.edits import DeleteTouchpoint

    path, open_link = shared
    alice = open_link("alice")
    app, said = editor(path, open_link("bob"))
    async with app.run_test(size=SIZE) as pilot:
        await joined(pilot, app)
        await pilot.press("j", "j", "j", "o")
        assert isinstance(app.screen, RecordScreen)
        alice.apply(DeleteTouchpoint("t4"))
        await until(pilot, lambda: "Ce point de contact n'existe plus" in said)
        alice.apply(SetTouchpointField("t3", "who", "Encore"))
        await until(pilot, lambda: app.session.version == 2)
        await pilot.pause()
        assert said.count("Ce point de contact n'existe plus") == 1


async def test_the_preview_page_shows_others_changes(shared):
    path, open_link = shared
    alice = open_link("alice")
    app, _said = editor(path, open_link("bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await joined(pilot, app)
        await pilot.press("p")  # at 80 columns, a page of its own
        page = app.screen

        def shown() -> str:
            from rich.console import Console

            console = Console(width=80, record=True, file=open(os.devnull, "w"))
            console.print(page.query_one("#preview-body", Static).content)
            return console.export_text()

        assert "Nouvel irritant" not in shown()
        assert isinstance(page, PreviewPage)
        alice.apply(SetTouchpointField("t1", "pain", "Nouvel irritant d'Alice"))
        await until(pilot, lambda: page.jmap.touchpoint(0, 0).pain == "Nouvel irritant d'Alice")
        await pilot.pause()
        assert "Nouvel irritant d'Alice" in " ".join(shown().split())
