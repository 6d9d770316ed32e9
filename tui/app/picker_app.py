"""`parcours` with no map: choose one of the maps here, or start a new one from the template.

Lists `./maps/*.toml`, else the `*.toml` maps of the current folder. A small
App of its own that exits with the chosen path; the editor then opens it.
Each map shows its title and stage count from the head of its file only
(`tui.core.glance`), read in a worker, so no file of the folder, however
large, can hold the list.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.gate import Notices, ShownInput
from tui.app.palette import Palette
from tui.app.screens.dialogs import PromptScreen
from tui.core.catalogue import fold
from tui.core.glance import SKIP_BYTES, Glance, glance
from tui.output.i18n import N_, _, ngettext
from tui.output.visible import visible_line

HEADING = N_("Choisissez une carte (entrée), / pour filtrer, ou n pour en créer une")
NEW_NAME = N_("Nom du fichier de la nouvelle carte :")
FILTER_HINT = N_("filtrer par nom ou titre (entrée : la liste, échap : effacer)")
NEW_ENTRY = N_("+ Nouvelle carte…")
AT_LEAST = N_("{n}+ étapes")
SKIPPED = N_("non lue : {size} Mo, plus de {limit} Mo")
UNREADABLE = N_("illisible")
INVALID = N_("TOML invalide")


def map_files(folder: Path) -> list[Path]:
    maps = folder / "maps"
    source = maps if maps.is_dir() else folder
    return sorted(p for p in source.glob("*.toml") if p.is_file() and p.name != "pyproject.toml")


def describe(found: Glance) -> str:
    """The note after a map's name: its stage count, or why it was not read."""
    if found.skipped:
        return _(SKIPPED).format(size=f"{found.size / 1024 / 1024:.1f}", limit=SKIP_BYTES // 1024 // 1024)
    if found.unreadable:
        return _(UNREADABLE)
    if found.invalid:
        return _(INVALID)
    if found.stages is None:
        return ""
    if found.more:
        return _(AT_LEAST).format(n=found.stages)
    return ngettext("{count} étape", "{count} étapes", found.stages).format(count=found.stages)


class MapList(OptionList):
    """The maps, with vi keys too: j and k move like down and up."""

    BINDINGS = [
        Binding("j", "cursor_down", "", show=False, id="picker-down"),
        Binding("k", "cursor_up", "", show=False, id="picker-up"),
    ]


class PickerApp(Notices, Palette, App[Path | None]):
    CSS = """
    MapList { height: 1fr; }
    #heading { padding: 0 1; text-style: bold; }
    #filter { display: none; }
    """
    BINDINGS = [
        Binding("n", "new", "", id="picker-new"),
        # A priority binding runs as the key is read, so the letters typed right after it
        # (`/con` in one burst) already go to the filter; check_action keeps it to the list.
        Binding("slash", "filter", "", id="picker-filter", priority=True),
        Binding("escape", "back", "", id="picker-back"),
        Binding("ctrl+q", "quit_picker", "", id="picker-quit", priority=True),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.found: list[Glance] = []

    def compose(self) -> ComposeResult:
        yield Static(_(HEADING), id="heading")
        yield ShownInput(placeholder=_(FILTER_HINT), id="filter")
        yield MapList(Option(_(NEW_ENTRY), id="new"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MapList).focus()
        self.look()

    @work(thread=True, exclusive=True, group="look")
    def look(self) -> None:
        """List and glance at the maps off the event loop: a slow disk must not freeze the keys."""
        found = [glance(path) for path in map_files(self.folder)]
        self.call_from_thread(self._found, found)

    def _found(self, found: list[Glance]) -> None:
        self.found = found
        self._show(self.query_one("#filter", Input).value)

    def _prompt(self, found: Glance) -> Text:
        """A file's line: data as Text, never markup, so `[/]` in a title shows as typed; made visible."""
        try:
            name = str(found.path.relative_to(self.folder))
        except ValueError:
            name = str(found.path)
        line = Text(visible_line(name), style="bold")
        if found.title:
            line.append("  ")
            line.append(visible_line(found.title))
        note = describe(found)
        if note:
            line.append(f"  · {note}", style="dim")
        return line

    def _show(self, query: str) -> None:
        """The maps whose name or title holds `query` (case and accents aside), then « new »."""
        wanted = fold(query.strip())
        options = [
            Option(self._prompt(found), id=str(found.path), disabled=found.skipped or found.unreadable)
            for found in self.found
            if not wanted or wanted in fold(f"{found.path.name} {found.title}")
        ]
        options.append(Option(_(NEW_ENTRY), id="new"))
        listing = self.query_one(MapList)
        listing.set_options(options)
        listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#filter")
    def _to_list(self) -> None:
        self.screen.set_focus(self.query_one(MapList))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new()
        elif event.option.id is not None:
            self.exit(Path(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return isinstance(self.focused, MapList)
        return True

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        # Now, not after the keys already queued: `/con` typed fast must all reach the filter.
        self.screen.set_focus(field)

    def action_back(self) -> None:
        """Escape: first out of the filter (clearing it), then out of the picker."""
        field = self.query_one("#filter", Input)
        if field.display:
            field.value = ""
            field.display = False
            self.screen.set_focus(self.query_one(MapList))
        else:
            self.exit(None)

    def action_new(self) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            name = name if name.endswith(".toml") else f"{name}.toml"
            folder = self.folder / "maps" if (self.folder / "maps").is_dir() else self.folder
            self.exit(folder / name)

        self.push_screen(PromptScreen(_(NEW_NAME)), named)

    def action_quit_picker(self) -> None:
        self.exit(None)


def pick_map(folder: Path | None = None) -> Path | None:
    return PickerApp(folder or Path.cwd()).run()
