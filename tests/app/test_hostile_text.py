"""The editor on a hostile map: every text is shown as typed, nothing is obeyed, nothing is markup.

The map holds, in every field and in its file name, an OSC title, an OSC 52
clipboard write, a screen clear, a bidi override, and the markup that vanished
(`[beta]`) or crashed the editor (`[/]`). Each test drives the editor where
such text shows (grid, status, header, preview, cell editor, dialogs, picker,
search, notices, recovery, the map picker) and reads what the screen would
show: `[beta]` and `[/]` as typed, no forbidden code point anywhere.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.app import App

from app_support import make_app
from live_editor import until
from hostile_maps import HOSTILE, hostile_map, map_file
from tui.app.app import ParcoursApp
from tui.app.picker_app import PickerApp
from tui.app.screens.dialogs import ConfirmScreen
from tui.app.screens.recover import RecoverScreen
from tui.core import storage
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.core.recovery import orphans
from tui.output.visible import FORBIDDEN

SIZE = (200, 40)
RAW = re.compile(f"[{FORBIDDEN}]")


def screen_text(app) -> str:
    """What the screen shows, as text: the screenshot's text, entities read, spaces as spaces."""
    svg = app.export_screenshot()
    return "".join(html.unescape(part) for part in re.findall(r"<text[^>]*>(.*?)</text>", svg)).replace("\xa0", " ")


def assert_shown(app, *expected: str) -> str:
    text = screen_text(app)
    assert not RAW.search(text), sorted(set(RAW.findall(text)))
    for piece in expected:
        assert piece in text, piece
    return text


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_map(tmp_path)


@pytest.fixture
def notices(monkeypatch) -> list[tuple[str, bool]]:
    """Every notification as Textual receives it: (message, whether it is read as markup)."""
    received: list[tuple[str, bool]] = []
    notify = App.notify

    def spy(self, message, *, markup=True, **kwargs):
        received.append((message, markup))
        return notify(self, message, markup=markup, **kwargs)

    monkeypatch.setattr(App, "notify", spy)
    return received


async def test_the_grid_status_header_and_preview_show_every_character_as_typed(hostile):
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # The header (title, persona, file name), the grid and the status line on the stage called `[/]`.
        assert_shown(app, "T ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J \\u202eabc [/] [beta] [bold]x[/bold]",
                     "carte [beta] ␛]0;nom␇ \\u202e.toml", "Étape · [/] #1")
        await pilot.press("l", "l", "l", "l")  # the cell bar: a bidi control drawn in place, as one �
        assert_shown(app, "Réponse · [/] #1", "R ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J �abc [/] [beta] [bold]x[/bold]")
        await pilot.press("p")
        await settle(app, pilot)
        assert_shown(app, "Persona : P ␛]0;pwned␇", "k␛]0;pwned␇")


async def test_the_cell_editor_and_the_details_dialog_show_the_value_without_obeying_it(hostile):
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "enter")
        await settle(app, pilot)
        assert_shown(app, "Réponse · [/] #1", "R ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J �abc [/] [beta] [bold]x[/bold]")
        await pilot.press("end", *" [/]", "enter")
        await settle(app, pilot)
        assert app.document.map.touchpoint(0, 0).response == "R " + HOSTILE + " [/]"  # the value itself is kept whole
        await pilot.press("t")
        await settle(app, pilot)
        assert_shown(app, "[/] [beta] [bold]x[/bold]")
        await pilot.press("escape")


async def test_the_picker_filter_takes_markup_as_text_and_keeps_it(hostile):
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "enter", *"[/]")
        await settle(app, pilot)
        assert_shown(app, "« [/] »")  # the picker's « keep what you typed » option quotes it
        await pilot.press("enter")  # not in the catalogue: kept as free text
        await settle(app, pilot)
        assert app.document.map.touchpoint(0, 0).channel == "[/]"
        assert_shown(app, "[/]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert tomllib.loads(hostile.read_text(encoding="utf-8"))["stages"][0]["touchpoints"][0]["channel"] == "[/]"


async def test_search_for_markup_finds_it_and_says_so(hostile, notices):
    app = make_app(hostile)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "slash", *"[/]")
        await settle(app, pilot)
        assert_shown(app, "[/]")
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.map_screen.view.search.matches) == 10  # the stage called `[/]`, and every value (ten columns)
        assert notices == [("[/] : résultat 10/10", False)]
        assert_shown(app, "[/] : résultat 10/10")


async def test_the_delete_stage_question_names_the_stage_as_typed(hostile):
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert_shown(app, "Supprimer l'étape « [/] » et 1 point de contact ?")
        await pilot.press("n")
        assert len(app.document.map.stages) == 2


async def test_a_save_error_naming_a_file_with_markup_is_a_notice_not_a_crash(tmp_path, monkeypatch, notices):
    folder = tmp_path / "a["
    folder.mkdir()
    path = hostile_map(folder, "]b.toml")  # its full name holds `[/]`

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    app = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a", "ctrl+s")
        await settle(app, pilot)
        assert app.is_running and app.history.dirty
        [(message, markup)] = notices
        assert f"{folder}/]b.toml" in message and not markup
        assert_shown(app, "Échec de l'enregistrement")
        await pilot.press("W", "ctrl+u", *str(tmp_path / "nulle[/]part.toml"), "enter")  # a folder that is not there
        await settle(app, pilot)
        assert "nulle[/]part.toml" in notices[-1][0] and not notices[-1][1]
        assert_shown(app)


async def test_the_recovery_screen_quotes_the_lost_edits_as_typed(hostile):
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert app.session.journal.flush()
        app.session.journal.release()  # the session is lost: no save, no quit
    [recovery], _ = orphans(hostile)
    # A journal is a file too: its header's time, not a time at all, is said as it is written.
    header, rest = recovery.path.read_text(encoding="utf-8").split("\n", 1)
    started = json.loads(header)["started"]
    recovery.path.write_text(header.replace(started, "\\u001b]0;pwned\\u0007 [/] \\u202e") + "\n" + rest,
                             encoding="utf-8")
    recovery.release()
    [recovery], _ = orphans(hostile)
    again = ParcoursApp(MapDocument.load(hostile), load_catalogues(hostile), recoveries=[recovery])
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, RecoverScreen)
        assert_shown(again, "[/] #1", "session du ␛]0;pwned␇ [/]")
        await pilot.press("escape")


async def test_the_map_picker_lists_and_filters_hostile_maps(hostile, tmp_path):
    app = PickerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert_shown(app, "carte [beta] ␛]0;nom␇ \\u202e.toml", "T ␛]0;pwned␇")
        await pilot.press("slash", *"[/]")
        await settle(app, pilot)
        assert app.is_running
        assert_shown(app, "[/]", "carte [beta]")  # the title holds `[/]`: still listed
        await pilot.press("enter", "enter")
    assert app.return_value == hostile


async def test_the_header_gives_way_in_its_title_never_in_its_marks(concert):
    """At 80 columns a long title is cut with an ellipsis; unsaved, live and the file name stay whole."""
    from tui.app.widgets.map_header import MapHeader

    app = make_app(concert)
    async with app.run_test(size=(80, 24)) as pilot:
        header = app.screen.query_one(MapHeader)
        header.show(app.document.map, "concert.toml", True, live="en direct · 3 participants")
        await pilot.pause()
        text = str(header.content)
        assert text.endswith("concert.toml  ● modifié  ◉ en direct · 3 participants"), text
        assert "…" in text and len(text) <= header.size.width


@pytest.mark.parametrize("read_only", [False, True])
async def test_the_record_shows_every_field_as_typed(hostile, read_only):
    app = make_app(hostile, read_only=read_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "l", "o")  # the record, on Réponse
        await settle(app, pilot)
        assert_shown(app, "Fiche · [/] #1", "R ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J", "[/] [beta] [bold]x[/bold]")
        await pilot.press("tab", "tab")  # Qui, a short field, and its line
        await settle(app, pilot)
        assert_shown(app)


async def test_ctrl_e_brings_back_hostile_text_kept_whole_and_shown_and_says_a_failure_plainly(hostile, tmp_path,
                                                                                               monkeypatch):
    import stat

    script = tmp_path / "editeur"
    script.write_text('#!/bin/sh\nprintf "\\033]0;pwned\\007 \\342\\200\\256 [/]" > "$1"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VISUAL", str(script))
    app = make_app(hostile)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "l", "l", "l", "ctrl+e")  # Réponse
        await settle(app, pilot)
        assert app.document.map.touchpoint(0, 0).response == "\x1b]0;pwned\x07 \u202e [/]"
        assert_shown(app, "Réponse · [/] #1", "␛]0;pwned␇ � [/]")
        script.write_text('#!/bin/sh\nprintf "\\233\\033[2J" > "$1"\n', encoding="utf-8")  # not UTF-8
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert_shown(app, "L'éditeur a échoué")


async def test_a_hostile_catalogue_shows_its_labels_and_descriptions_as_typed(tmp_path):
    """A project's `catalog/` is input too: its labels, groups and descriptions in the grid, the status
    line, the panel and its filter, the record and the preview."""
    from tui.output.formats.map_toml import value

    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "channels.toml").write_text(
        f'[[groups]]\nid = "g"\nlabel = {value("G " + HOSTILE)}\n\n[[channels]]\nid = "c1"\n'
        f'label = {value("L " + HOSTILE)}\ngroup = "g"\ndescription = {value("D " + HOSTILE)}\n', encoding="utf-8")
    (folder / "types.toml").write_text(
        f'[[types]]\nid = "t1"\nlabel = {value("TL " + HOSTILE)}\ndescription = {value("TD " + HOSTILE)}\n',
        encoding="utf-8")
    jmap = JourneyMap("Titre", (Stage("s1", "Étape", "", (Touchpoint(channel="c1", type="t1", response="r"),)),))
    path = tmp_path / "carte.toml"
    path.write_text(map_file(jmap), encoding="utf-8")
    label = "L ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J \\u202eabc [/] [beta] [bold]x[/bold]"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l")  # Canal: the cell bar and the panel
        await settle(app, pilot)
        assert_shown(app, "Canal · Étape #1", label.replace("\\u202e", "�"), "── G ␛]0;pwned␇")
        await pilot.press("enter", *"L ")  # the picker, filtered
        await settle(app, pilot)
        assert_shown(app, "L ␛]0;pwned␇")
        await pilot.press("escape", "o")  # the record: the entries' descriptions under their fields
        await settle(app, pilot)
        assert_shown(app, "D ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇", "TD ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇")
        await pilot.press("escape", "p")  # the preview's channels and types
        await settle(app, pilot)
        assert_shown(app, "G ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇", "TL ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇")


def drawn(widget) -> str:
    """The first line a widget draws, as text (an Input: its value, cursor and suggestion)."""
    return widget.render_line(0).text


async def test_an_input_shows_the_controls_rich_would_drop_one_for_one(hostile, tmp_path):
    """Rich's Text silently drops BEL, BS, VT, FF and CR: an Input drawing its value through one
    showed `␛]0;pwned` without its `␇`, and its cursor one cell short for each one dropped."""
    from textual.widgets import Input

    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the details dialog: the title's Input holds the map's BEL
        await settle(app, pilot)
        title = app.screen.query_one("#title", Input)
        await pilot.press("home")
        assert drawn(title).startswith("T ␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J �abc [/] [beta]")
        title.value = "a\x07b\x08c\rd"
        title.cursor_position = 7
        await pilot.pause()
        assert drawn(title).rstrip() == "a␇b␈c␍d"
    app = PickerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        app.query_one("#filter", Input).post_message(events.Paste("x\x07y\x08z"))
        await settle(app, pilot)
        assert drawn(app.query_one("#filter", Input)).rstrip() == "x␇y␈z"


async def test_the_records_suggestion_from_a_hostile_catalogue_stays_on_its_line(hostile):
    """A project's `catalog/` is input too: a label's line break reached the record's one-line
    Input as it was (Textual draws the suggestion after the highlighter), and broke the line."""
    from textual.widgets import Input

    folder = hostile.parent / "catalog"
    folder.mkdir()
    (folder / "channels.toml").write_text(
        '[[channels]]\nid = "lettre"\nlabel = "Lettre\\nsuite\\u2028\\tfin \\u001b]0;pwned\\u0007 \\u202e [/]"\n',
        encoding="utf-8")
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "o")  # the record, on Canal
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"Let")
        field = app.screen.query_one("#field-channel", Input)
        await until(pilot, lambda: len(drawn(field).rstrip()) > 3)
        assert drawn(field).rstrip() == "Lettre␊suite�␉fin ␛]0;pwned␇ � [/]"
        assert_shown(app)


@pytest.mark.parametrize("picker", [False, True])
async def test_the_command_palette_shows_a_pasted_text_without_obeying_it(hostile, tmp_path, picker):
    """The palette's own Input (Textual's) drew a pasted escape sequence raw, in both apps."""
    from textual.command import CommandInput, CommandPalette

    app = PickerApp(tmp_path) if picker else make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for themes in (False,) if picker else (False, True):
            if themes:
                app.search_themes()
            else:
                await pilot.press("ctrl+p")
            await settle(app, pilot)
            assert isinstance(app.screen, CommandPalette)
            app.screen.query_one(CommandInput).post_message(events.Paste(HOSTILE))
            await settle(app, pilot)
            assert_shown(app, "␛]0;pwned␇ ␛]52;c;cHduZWQ=␇ ␛[2J �abc [/] [beta]")
            await pilot.press("escape", "escape")
            await settle(app, pilot)


def test_every_input_text_area_and_palette_in_the_editor_draws_through_the_gate():
    """A plain Input, TextArea or CommandPalette would draw a map's escape sequences raw (the record
    did, and the palette's search field; an Input with the gate's highlighter alone lost BEL and CR):
    every one in `tui/app` is the gate's (`ShownInput`, `ShownTextArea`, `ShownPalette`)."""
    import ast

    found = []
    for path in sorted(Path("tui/app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in ("Input", "TextArea", "CommandPalette"):
                    found.append(f"{path}:{node.lineno}")
    assert not found
    assert len(list(Path("tui/app").rglob("*.py"))) > 20  # the scan saw the editor


def test_every_app_of_the_editor_says_its_notices_through_the_gate():
    """Screens and widgets notify through their App (`Widget.notify` asks for markup): every App
    in `tui/app` takes `Notices.notify`, plain text made visible, so no notice can read as markup."""
    import importlib
    import pkgutil

    import tui.app
    from tui.app.gate import Notices
    from tui.app.palette import Palette

    for module in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        importlib.import_module(module.name)
    apps, todo = set(), [App]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tui.app.") and sub is not Palette:
                apps.add(sub)
    assert {ParcoursApp, PickerApp} <= apps
    assert [app for app in apps if app.notify is not Notices.notify] == []
