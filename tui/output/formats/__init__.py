"""The file formats of a map, both ways: one module per format, its writer beside its reader.

Every writer is `render(source: Source) -> str | bytes` and works from the
model, the catalogues and the one summary only, so what it says matches
`show` and the editor: catalogue labels rather than ids, the same counts, the
same faces and the same way of writing a feeling. The formats a map can be
built back from also have `read(path, raw, catalogues, title) -> Reading`
(see `table_rows.Reading`), and the command writes the map `map_toml` lays out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap
from tui.output.faces import Faces

if TYPE_CHECKING:
    from tui.output.summary import Summary

#: Format name -> module holding its `render`; imported only when used.
FORMATS = {
    "markdown": "tui.output.formats.markdown",
    "csv": "tui.output.formats.table_csv",
    "xlsx": "tui.output.formats.table_xlsx",
    "html": "tui.output.formats.html_page",
    "mermaid": "tui.output.formats.mermaid",
    "json": "tui.output.formats.json_data",
}
#: Formats whose output is bytes, not text: never written to a terminal.
BINARY = frozenset({"xlsx"})
#: File suffix (lower case) -> module holding the `read` that builds a map back from it;
#: any other file is read as CSV, whatever it is called.
READERS = {
    ".xlsx": "tui.output.formats.table_xlsx",
    ".json": "tui.output.formats.json_data",
}
#: Spreadsheet files no format here reads, and what to do instead.
UNREAD = {".xls": "an old Excel file", ".ods": "a LibreOffice file", ".xlsm": "an Excel file with macros"}


class Unwritable(Exception):
    """A map the format cannot hold without losing part of it (a value longer than a spreadsheet
    cell takes): the command says so, naming the map, and writes nothing."""


@dataclass(frozen=True)
class Source:
    """What every writer draws from, with the summary computed once for all of them.

    `text` is the map's TOML as read, for the writers that carry every key of
    the file (JSON); without it they carry what the model holds. The words are
    in the language in use (`tui.output.i18n.use_language`).
    """

    jmap: JourneyMap
    catalogues: Catalogues
    text: str | None = None
    faces: Faces = field(default_factory=Faces)
    #: CSV only: write number- and date-like text so that spreadsheets keep it as text.
    excel: bool = False

    @cached_property
    def summary(self) -> Summary:
        from tui.output.summary import summarize

        return summarize(self.jmap, self.catalogues)

    @cached_property
    def raw(self) -> dict[str, Any] | None:
        """The map as the TOML file has it, keys parcours does not know included; None without the text."""
        if self.text is None:
            return None
        import tomllib

        return tomllib.loads(self.text.removeprefix("\ufeff"))


Renderer = Callable[[Source], "str | bytes"]


def renderer(name: str) -> Renderer:
    return import_module(FORMATS[name]).render


def reader(suffix: str):  # -> the module's `read`
    """The `read` for a file suffix: `.xlsx` and `.json` their own, anything else CSV."""
    return import_module(READERS.get(suffix.lower(), "tui.output.formats.table_csv")).read
