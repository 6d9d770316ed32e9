"""`parcours` with no map: choose one of the maps here, or start a new one from the template.

Lists `./maps/*.toml`, else the `*.toml` maps of the current folder. A small
App of its own that exits with the chosen path; the editor then opens it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.dialogs import PromptScreen
from tui.output.i18n import _


def map_files(folder: Path) -> list[Path]:
    maps = folder / "maps"
    source = maps if maps.is_dir() else folder
    return sorted(p for p in source.glob("*.toml") if p.is_file() and p.name != "pyproject.toml")


def title_of(path: Path) -> str:
    """The map's title for the list; a file that does not read shows its name only."""
    try:
        with path.open("rb") as stream:
            title = tomllib.load(stream).get("title")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ""
    return title if isinstance(title, str) else ""


class PickerApp(App[Path | None]):
    CSS = "OptionList { height: 1fr; } #heading { padding: 0 1; text-style: bold; }"
    BINDINGS = [
        Binding("n", "new", "", id="picker-new"),
        Binding("escape,ctrl+q", "quit_picker", "", id="picker-quit", priority=True),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.maps = map_files(folder)

    def compose(self) -> ComposeResult:
        yield Static(_("Choisissez une carte (entrée), ou n pour en créer une"), id="heading")
        options = [Option(f"{p.relative_to(self.folder)}  {title_of(p)}", id=str(p)) for p in self.maps]
        options.append(Option(_("+ Nouvelle carte…"), id="new"))
        yield OptionList(*options)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new()
        else:
            self.exit(Path(event.option.id))

    def action_new(self) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            name = name if name.endswith(".toml") else f"{name}.toml"
            folder = self.folder / "maps" if (self.folder / "maps").is_dir() else self.folder
            self.exit(folder / name)

        self.push_screen(PromptScreen(_("Nom du fichier de la nouvelle carte :")), named)

    def action_quit_picker(self) -> None:
        self.exit(None)


def pick_map(folder: Path | None = None) -> Path | None:
    return PickerApp(folder or Path.cwd()).run()
