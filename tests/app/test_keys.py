"""Every key of CONTRACT §5, driven with Pilot, asserting on the state and on the saved file."""

from __future__ import annotations

import tomllib

from textual.widgets import Input

from tui.app.screens.dialogs import ConfirmScreen, PromptScreen, QuitScreen
from tui.app.screens.help import HelpScreen
from tui.app.widgets.catalogue_panel import CataloguePanel
from tui.app.widgets.grid import JourneyGrid
from tui.app.widgets.preview import Preview
from tui.output.cells import Row

from app_support import changed_lines, make_app, save

SIZE = (80, 24)


def grid(app) -> JourneyGrid:
    return app.screen.query_one(JourneyGrid)


def saved(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def test_save_without_edits_is_byte_identical(concert):
    before = concert.read_bytes()
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert concert.read_bytes() == before


async def test_arrows_and_hjkl_move_the_cell_cursor(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        table = grid(app)
        await pilot.press("l", "right", "j", "down")
        assert (table.cursor_row, table.cursor_column) == (2, 2)
        await pilot.press("h", "left", "k", "up")
        assert (table.cursor_row, table.cursor_column) == (0, 0)


async def test_editing_one_text_cell_changes_exactly_one_line(concert):
    before = concert.read_text(encoding="utf-8")
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "enter")
        await pilot.press("end", *" et plus")
        await pilot.press("enter")
        assert app.history.dirty
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.history.dirty
    after = concert.read_text(encoding="utf-8")
    diff = changed_lines(before, after)
    assert len(diff) == 2, diff
    assert diff[1] == '+response = "Publicité ciblée selon ses goûts musicaux, lien direct vers la billetterie et plus"'


async def test_escape_cancels_the_inline_editor(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "e", "x", "y", "escape")
        assert not app.history.dirty
        assert app.document.map.stages[0].situation.startswith("Voit sur Facebook")


async def test_edit_undo_save_is_byte_identical(concert):
    before = concert.read_bytes()
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "e", "x", "enter")
        await pilot.press("a", "d", "plus", "J")
        await pilot.press("u", "u", "ctrl+z", "u", "ctrl+z")
        assert not app.history.can_undo
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert concert.read_bytes() == before


async def test_picker_filters_without_accents_and_sets_the_id(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "enter")
        panel = app.screen.query_one(CataloguePanel)
        assert panel.picking
        assert app.focused is panel.query_one(Input)
        await pilot.press(*"evene")
        await pilot.press("enter")
        assert app.document.map.touchpoint(0, 0).support == "evenements-participatifs"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert saved(concert)["stages"][0]["touchpoints"][0]["support"] == "evenements-participatifs"


async def test_picker_up_down_choose_and_escape_cancels(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "l", "enter")  # Type column
        await pilot.press("down", "up", "escape")
        assert not app.history.dirty
        # The picker opens on the current value (Promotionnelle); down goes to the next one.
        await pilot.press("enter", "down", "enter")
        assert app.document.map.touchpoint(0, 0).type == "support"


async def test_free_text_outside_the_catalogue_is_kept_by_enter(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "enter", *"pigeon", "enter")
        assert not isinstance(app.screen, ConfirmScreen)  # no question: what was typed is kept
        assert app.document.map.touchpoint(0, 0).channel == "pigeon"
        assert "pigeon ?" in str(grid(app).get_cell_at((0, 2)))  # and marked as outside the catalogue
        await save(app, pilot)
    assert saved(concert)["stages"][0]["touchpoints"][0]["channel"] == "pigeon"


async def test_typed_text_that_matches_can_still_be_kept_as_free_text(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "l", "enter", *"tech")  # Type: « Technique » matches
        options = app.screen.query_one(CataloguePanel).query_one("#panel-options")
        assert options.highlighted_option.id == "technique"
        assert options.options[-1].id == CataloguePanel.KEEP
        await pilot.press(*["down"] * (len(options.options) - 1))
        assert options.highlighted_option.id == CataloguePanel.KEEP
        await pilot.press("enter")  # the last option: keep « tech »
        assert app.document.map.touchpoint(0, 0).type == "tech"


async def test_plus_and_minus_change_the_emotion(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["l"] * 7)
        await pilot.press("minus", "minus", "minus")
        assert app.document.map.touchpoint(0, 0).emotion == -1
        await pilot.press("plus")
        assert app.document.map.touchpoint(0, 0).emotion == 0
        for _ in range(6):
            await pilot.press("minus")
        assert app.document.map.touchpoint(0, 0).emotion == -2


async def test_a_adds_a_touchpoint_below_and_puts_the_cursor_on_its_canal_cell(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "a")
        assert len(app.document.map.stages[0].touchpoints) == 3
        assert grid(app).current_row == Row(0, 1)
        assert grid(app).current_key == "channel"
        await pilot.press("l", "l", "e", *"Nouveau", "enter", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert saved(concert)["stages"][0]["touchpoints"][1]["response"] == "Nouveau"


async def test_shift_a_adds_a_stage_after_the_current_one(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Après-vente", "enter")
        stages = app.document.map.stages
        assert [s.id for s in stages[:2]] == ["sensibilisation", "apres-vente"]
        assert grid(app).current_row == Row(1, None)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert saved(concert)["stages"][1] == {"id": "apres-vente", "name": "Après-vente", "situation": ""}


async def test_d_and_delete_remove_the_touchpoint(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert len(app.document.map.stages[0].touchpoints) == 1
        await pilot.press("delete")
        assert app.document.map.stages[0].touchpoints == ()
        assert grid(app).current_row == Row(0, None)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "touchpoints" not in saved(concert)["stages"][0]


async def test_moving_a_touchpoint_within_and_across_stages(concert):
    app = make_app(concert)
    first = app.document.map.touchpoint(0, 0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        assert app.document.map.touchpoint(0, 1) == first
        await pilot.press("ctrl+down")
        assert app.document.map.touchpoint(1, 0) == first
        assert grid(app).current_row == Row(1, 0)
        await pilot.press("K", "ctrl+up")
        assert app.document.map.touchpoint(0, 0) == first
        await pilot.press("K")
        assert app.document.map.touchpoint(0, 0) == first


async def test_redo_with_ctrl_y_and_ctrl_r(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "d", "u", "u")
        assert len(app.document.map.stages[0].touchpoints) == 2
        await pilot.press("ctrl+y")
        assert len(app.document.map.stages[0].touchpoints) == 1
        await pilot.press("ctrl+r")
        assert len(app.document.map.stages[0].touchpoints) == 0


async def test_p_shows_and_hides_the_preview(concert):
    app = make_app(concert)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not any(preview.display for preview in app.screen.query(Preview))  # made when first shown
        await pilot.press("p")
        preview = app.screen.query_one(Preview)
        assert preview.display
        await pilot.press("d")
        await pilot.press("p")
        assert not preview.display


async def test_search_and_next_previous(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"equipe produit", "enter")
        table = grid(app)
        first = (table.cursor_row, table.cursor_column)
        assert app.document.map.stages[grid(app).current_row.stage].id == "decouverte"
        await pilot.press("n")
        second = (table.cursor_row, table.cursor_column)
        assert second > first
        await pilot.press("N")
        assert (table.cursor_row, table.cursor_column) == first


async def test_question_mark_and_f1_open_the_help(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_ctrl_p_opens_the_palette_with_every_action(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for word in ("Enregistrer", "Annuler", "Aperçu", "Titre/persona", "Étape +"):
            assert any(word in t for t in titles), word
        await pilot.press("ctrl+p")
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)  # the gate's (`ShownPalette`), Textual's all the same


async def test_quit_without_changes_just_quits(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_quit_with_changes_asks_and_cancel_keeps_editing(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, QuitScreen)


async def test_quit_and_discard_leaves_the_file(concert):
    before = concert.read_bytes()
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+q", "d")
    assert concert.read_bytes() == before


async def test_quit_and_save_writes_then_quits(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+q", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert len(saved(concert)["stages"][0]["touchpoints"]) == 1


async def test_title_and_persona_form(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("end", *" (v2)", "enter")
        assert app.document.map.title == "Achat de billets de concert (v2)"
        await pilot.press("u")
        assert app.document.map.title == "Achat de billets de concert"


async def test_stage_rename_and_delete(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" !", "enter")
        assert app.document.map.stages[0].name == "Sensibilisation !"
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.document.map.stages[0].id == "recherche"


async def test_read_only_refuses_edits(concert):
    app = make_app(concert, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "a", "plus", "e", "ctrl+s")
        assert not app.history.dirty
        await pilot.press("j", "p")
        assert app.screen.query_one(Preview).display


async def test_english_interface(concert):
    app = make_app(concert, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        table = grid(app)
        assert table.headings[:3] == ["Stage", "Situation", "Channel"]
        assert str(table.get_cell_at((0, 2))).startswith("Communit")  # "Community platforms", cut to its column


async def test_ctrl_d_duplicates_the_touchpoint_below_itself(concert):
    app = make_app(concert)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "ctrl+d")  # Recherche #1
        stage = app.document.map.stages[1]
        assert len(stage.touchpoints) == 3 and stage.touchpoints[1] == stage.touchpoints[0]
        assert grid(app).current_row == Row(1, 1)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(saved(concert)["stages"][1]["touchpoints"]) == 3
        await pilot.press("u")
        assert len(app.document.map.stages[1].touchpoints) == 2
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any("Dupliquer (ctrl+d)" in t for t in titles)


async def test_read_only_cannot_duplicate(concert):
    app = make_app(concert, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        assert len(app.document.map.stages[0].touchpoints) == 2
