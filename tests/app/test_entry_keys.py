"""The keys for entering a meeting quickly (CONTRACT §5): tab, `"`, `.`, `]` `[`, `y` and paste,
the record (`o`), ctrl+e, and read-only saying so. Each asserts on the model and the saved bytes."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import Input, TextArea

from tui.app.screens.dialogs import QuitScreen
from tui.app.screens.preview_page import PreviewPage
from tui.app.screens.record import RecordScreen
from tui.app.widgets.catalogue_panel import CataloguePanel
from tui.app.widgets.cell_editor import CellEditor
from tui.app.widgets.grid import JourneyGrid
from tui.output.cells import KEYS, Row

from app_support import changed_lines, make_app, save, typed_at_once

SIZE = (80, 24)


def grid(app) -> JourneyGrid:
    return app.screen.query_one(JourneyGrid)


def saved(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


def notes(app) -> list[str]:
    """What the app tells the person, collected (in place of toasts)."""
    said: list[str] = []
    app.notify = lambda message, **kwargs: said.append(str(message))
    return said


async def test_tab_keeps_the_text_and_edits_the_next_cell_then_the_next_row(concert):
    before = concert.read_text(encoding="utf-8")
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        table = grid(app)
        await pilot.press(*["l"] * 6, "e", "ctrl+u", *"Marketing", "tab")  # Qui, then on
        assert app.document.map.touchpoint(0, 0).who == "Marketing"
        spot = (table.cursor_row, KEYS[table.cursor_column])
        assert spot in ((0, "pain"), (1, "channel"))  # past Émotion: Irritant if the grid shows it, else the next row
        if spot == (0, "pain"):
            await pilot.press("tab", "tab")  # Irritant, Opportunité, then round to the next row
        assert (table.cursor_row, KEYS[table.cursor_column]) == (1, "channel")
        assert app.screen.query_one(CataloguePanel).picking  # Canal opens its picker
        await pilot.press("shift+tab")  # back: the picker leaves the cell as it was
        assert not app.screen.query_one(CataloguePanel).picking
        assert table.cursor_row == 0 and app.focused is app.screen.query_one(CellEditor)
        await pilot.press("escape")
        await save(app, pilot)
    assert changed_lines(before, concert.read_text(encoding="utf-8")) == [
        '-who = "Équipe marketing du distributeur"', '+who = "Marketing"']


async def test_keys_typed_at_once_before_enter_or_tab_are_kept(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["l"] * 6, "e", "ctrl+u")  # Qui
        typed_at_once(app, *"Marketing digital", "tab")  # then Irritant
        await pilot.pause()
        await pilot.pause()
        typed_at_once(app, *"Trop de pub", "enter")
        await pilot.pause()
        await pilot.pause()
        touchpoint = app.document.map.touchpoint(0, 0)
        assert (touchpoint.who, touchpoint.pain) == ("Marketing digital", "Trop de pub")


@pytest.mark.parametrize("opens", ["e", "o"], ids=["cell editor", "record"])
async def test_ctrl_s_saves_what_is_being_typed(concert, opens):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["l"] * 6, opens, "ctrl+u", *"Marketing", "ctrl+s")  # Qui, being typed
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert saved(concert)["stages"][0]["touchpoints"][0]["who"] == "Marketing"
        if opens == "e":  # kept as enter keeps it: the editor is closed
            assert isinstance(app.focused, CellEditor) and not app.focused.editing  # the cell bar browses: the screen's keys drive the grid
            return
        assert isinstance(app.screen, RecordScreen)  # the record stays open, to type on
        await pilot.press("ctrl+u", *"Ventes", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert saved(concert)["stages"][0]["touchpoints"][0]["who"] == "Ventes"


@pytest.mark.parametrize("opens", ["e", "o"], ids=["cell editor", "record"])
async def test_quit_asks_before_throwing_away_what_is_being_typed(concert, opens):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["l"] * 6, opens, "ctrl+u", *"Marketing", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert saved(concert)["stages"][0]["touchpoints"][0]["who"] == "Marketing"


async def test_tab_in_the_picker_keeps_the_choice_and_opens_the_next_cell(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "enter", *"synchr", "tab")  # Canal: the word start first
        assert app.document.map.touchpoint(0, 0).channel == "communication-synchrone"
        assert grid(app).current_key == "support"
        await pilot.press(*"chatbot", "tab")
        assert app.document.map.touchpoint(0, 0).support == "chatbot"
        assert app.focused is app.screen.query_one(CellEditor)  # Réponse: the text editor
        await pilot.press("ctrl+u", *"Bonjour", "enter")
        await save(app, pilot)
    tp = saved(concert)["stages"][0]["touchpoints"][0]
    assert (tp["channel"], tp["support"], tp["response"]) == ("communication-synchrone", "chatbot", "Bonjour")


async def test_same_as_above_and_repeat(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", *["l"] * 6)  # Sensibilisation #2, Qui
        await pilot.press("quotation_mark")
        assert app.document.map.touchpoint(0, 1).who == "Équipe marketing du distributeur"
        await pilot.press("j", "full_stop")  # Recherche #1: again, from its own cell above
        assert app.document.map.touchpoint(1, 0).who == "Équipe marketing du distributeur"
        await pilot.press("e", "ctrl+u", *"Billetterie", "enter", "j", "full_stop")  # repeat a typed value
        assert app.document.map.touchpoint(1, 1).who == "Billetterie"
        await pilot.press("minus", "j", "full_stop")  # repeat a step of the feeling
        assert app.document.map.touchpoint(1, 1).emotion == -1
        assert app.document.map.touchpoint(2, 0).emotion == 0
        await pilot.press(*["u"] * 6)  # six edits, each undone alone
        assert not app.history.can_undo


async def test_brackets_jump_to_the_next_and_previous_empty_cell(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        table = grid(app)
        jmap = app.document.map
        await pilot.press("right_square_bracket")
        row, key = table.current_row, table.current_key
        assert key in ("channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
        assert getattr(jmap.touchpoint(row.stage, row.touchpoint), key) in ("", None)
        here = (table.cursor_row, table.cursor_column)
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert (table.cursor_row, table.cursor_column) == here
        await pilot.press("e", *"x", "enter")  # filled: ] goes on to the next one
        assert not app.document.map.stages[row.stage].touchpoints[row.touchpoint].get(key) in ("", None)


async def test_y_copies_the_cell_and_a_paste_sets_it(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "y")  # Support: its label is the text
        assert app.clipboard == "Bannières"
        await pilot.press("j")
        grid(app).post_message(events.Paste("Bannières"))
        await pilot.pause()
        assert app.document.map.touchpoint(0, 1).support == "bannieres"  # the label names the entry
        await pilot.press("l")
        grid(app).post_message(events.Paste("Deux lignes\ncollées\n"))
        await pilot.pause()
        assert app.document.map.touchpoint(0, 1).response == "Deux lignes\ncollées"
        await pilot.press("u")
        assert app.document.map.touchpoint(0, 1).response.startswith("Extrait vidéo")
        await save(app, pilot)
    assert saved(concert)["stages"][0]["touchpoints"][1]["support"] == "bannieres"


async def test_read_only_says_so_and_changes_nothing(concert):
    before = concert.read_bytes()
    app = make_app(concert, read_only=True)
    said = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("d", "a", "plus", "e", "quotation_mark", "full_stop", "ctrl+d", "W", "ctrl+s", "ctrl+e"):
            said.clear()
            await pilot.press(key)
            assert said == ["Lecture seule"], key
        grid(app).post_message(events.Paste("x"))
        await pilot.pause()
        assert said[-1] == "Lecture seule"
        await pilot.press("y")  # copying changes nothing: allowed
        assert app.clipboard
        assert not app.history.dirty
    assert concert.read_bytes() == before


async def test_read_only_speaks_english_in_english(concert):
    app = make_app(concert, lang="en", read_only=True)
    said = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
    assert said == ["Read-only"]


async def test_the_record_shows_every_field_and_edits_them_one_by_one(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "o")  # Recherche #2: the FAQ, with a pain point
        record = app.screen
        assert isinstance(record, RecordScreen)
        assert record.query_one("#field-pain", TextArea).text == "La FAQ ne dit pas si les billets sont nominatifs"
        assert record.query_one("#field-support", Input).value == "FAQ – Frequent Asked Questions"
        assert record.query_one("#field-response", TextArea).text.startswith("FAQ sur l'accès")
        record.query_one("#field-pain", TextArea).focus()
        await pilot.press("end", "enter", *"Et la revente ?", "tab")  # enter adds a line; tab goes on
        tp = app.document.map.touchpoint(1, 1)
        assert tp.pain == "La FAQ ne dit pas si les billets sont nominatifs\nEt la revente ?"
        assert app.focused is record.query_one("#field-opportunity")
        await pilot.press("shift+tab", "shift+tab", "ctrl+u", *"2", "escape")  # Émotion
        assert app.document.map.touchpoint(1, 1).emotion == 2
        assert not isinstance(app.screen, RecordScreen)
        await pilot.press("u")  # each field was one edit
        assert app.document.map.touchpoint(1, 1).emotion == 0
        assert app.document.map.touchpoint(1, 1).pain.endswith("Et la revente ?")
        await save(app, pilot)
    assert saved(concert)["stages"][1]["touchpoints"][1]["pain"].endswith("\nEt la revente ?")


async def test_the_record_takes_catalogue_labels_and_keeps_free_text(concert):
    app = make_app(concert, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        record = app.screen
        record.query_one("#field-type", Input).focus()
        await pilot.press("ctrl+u", *"Technical", "enter")  # the English label names the entry
        assert app.document.map.touchpoint(0, 0).type == "technique"
        record.query_one("#field-channel", Input).focus()
        await pilot.press("ctrl+u", *"Pigeon voyageur", "escape")
        assert app.document.map.touchpoint(0, 0).channel == "Pigeon voyageur"


async def test_read_only_the_record_shows_and_edits_nothing(concert):
    before = concert.read_bytes()
    app = make_app(concert, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "o")
        record = app.screen
        assert isinstance(record, RecordScreen) and not record.query(Input) and not record.query(TextArea)
        await pilot.press("x", "down", "escape")
        assert not isinstance(app.screen, RecordScreen) and not app.history.dirty
    assert concert.read_bytes() == before


def _fake_editor(tmp_path, body: str):
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


async def test_ctrl_e_takes_the_text_back_from_the_editor_as_one_edit(concert, tmp_path, monkeypatch):
    seen = tmp_path / "seen"
    editor = _fake_editor(tmp_path, f'cp "$1" {seen}; ls -ld "$(dirname "$1")" >> {seen}; '
                                    'printf "Réécrite\\nen deux lignes\\n" > "$1"')
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "ctrl+e")
        assert app.document.map.touchpoint(0, 0).response == "Réécrite\nen deux lignes"
        await pilot.press("u")
        assert app.document.map.touchpoint(0, 0).response.startswith("Publicité ciblée")
        await pilot.press("ctrl+r")
        await save(app, pilot)
    text, folder = seen.read_text(encoding="utf-8").split("\n", 1)
    assert text == "Publicité ciblée selon ses goûts musicaux, lien direct vers la billetterie"
    assert folder.startswith("drwx------")  # a folder only its owner opens
    assert saved(concert)["stages"][0]["touchpoints"][0]["response"] == "Réécrite\nen deux lignes"
    assert not any(p.name.startswith("parcours-") for p in (tmp_path / "..").iterdir() if p.is_dir())


async def test_ctrl_e_changes_nothing_when_the_editor_fails_or_changes_nothing(concert, tmp_path, monkeypatch):
    app = make_app(concert)
    said = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setenv("VISUAL", str(_fake_editor(tmp_path, 'echo gâché > "$1"; exit 3')))
        await pilot.press("l", "l", "l", "l", "ctrl+e")
        assert not app.history.dirty and "code 3" in said[-1]
        monkeypatch.setenv("VISUAL", str(_fake_editor(tmp_path, "true")))
        await pilot.press("ctrl+e")
        assert not app.history.dirty
        monkeypatch.setenv("VISUAL", os.fspath(tmp_path / "no-such-editor"))
        await pilot.press("ctrl+e")
        assert not app.history.dirty and said[-1].startswith("L'éditeur a échoué")


async def test_the_picker_keeps_the_edited_cell_in_view_at_80_columns(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        table = grid(app)
        for column in ("channel", "support", "type"):
            await pilot.press("escape", "home")
            while table.current_key != column:
                await pilot.press("l")
            await pilot.press("enter")
            await pilot.pause()
            panel = app.screen.query_one(CataloguePanel)
            start, end = table.column_span(table.cursor_column)
            left, right = table.region.x + start, table.region.x + end
            assert table.region.x <= left and right <= table.region.right, column  # on screen
            assert right <= panel.region.x or left >= panel.region.right, column  # and not under the picker
            assert table.size.width == SIZE[0], column  # the picker is over the grid: its size stays


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_notice_never_covers_the_picker_being_typed_into(concert, size):
    app = make_app(concert)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("l", "l", "enter", *"bouche", "tab")  # free text kept, and said; Support opens
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert toasts  # the notice is up while the next picker is typed into
        picker = app.screen.query_one("#panel-filter", Input).region
        options = app.screen.query_one(CataloguePanel).query_one("#panel-options").region
        best = Region(options.x, options.y, options.width, 1)  # the option enter and tab take
        bar = app.screen.query_one("#editor").region  # the cell bar: where and what the cell is
        for toast in toasts:
            for hidden in (picker, best, bar):
                assert not toast.region.overlaps(hidden), (toast.region, hidden)


async def test_the_preview_takes_the_screen_at_80_columns_and_p_or_escape_close_it(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PreviewPage)
        await pilot.press("pagedown", "p")
        assert not isinstance(app.screen, PreviewPage)
        await pilot.press("p", "escape")
        assert not isinstance(app.screen, PreviewPage)
        assert isinstance(app.focused, CellEditor) and not app.focused.editing  # the cell bar browses: the screen's keys drive the grid


async def test_the_palette_speaks_french_and_offers_no_screenshot(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Thème" in titles and "Screenshot" not in titles and "Keys" not in titles
        assert not any(t in ("Quit", "Theme") for t in titles)
        assert any(t.startswith("Enregistrer sous (W)") for t in titles)
        await pilot.press("ctrl+p")
        assert app.screen.query_one(Input).placeholder == "Chercher une commande…"


async def test_the_palette_speaks_english_in_english(concert):
    app = make_app(concert, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in titles and any(t.startswith("Record (o)") for t in titles)
        await pilot.press("ctrl+p")
        assert app.screen.query_one(Input).placeholder == "Search for commands…"


async def test_a_long_field_of_the_record_is_entered_at_its_end(concert):
    """Tab into Réponse and type: the words go after what is written, not before it."""
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "o")  # Recherche #2, the record on Étape
        record = app.screen
        record.query_one("#field-support", Input).focus()
        await pilot.press("tab", *" et la revente", "tab")  # Réponse, a long field
        assert app.document.map.touchpoint(1, 1).response == (
            "FAQ sur l'accès à la salle, l'âge minimum et les objets interdits et la revente")
