"""A spreadsheet (.xlsx), both ways: the rows of `table_rows` on one sheet, every text cell typed as text.

CSV cannot say "this is text", so a spreadsheet guesses, and `0612345678`
loses its zero, `1/2` becomes a date and `=1+1` a sum. Here every text cell
is a string cell with the text number format (`@`), so nothing is guessed,
and the score is a number. The header row and the two stage columns stay in
view when scrolling; columns are as wide as their text, up to a cap, and
long text wraps.

The sheet is named after the map's title (cut to the 31 characters a sheet
name holds). What the rows cannot hold, the whole title, the locale and the
persona, travels in a second, hidden sheet named `parcours` (part, key,
value), so a map comes back from a spreadsheet whole, not only its stages.

OOXML cannot hold most control characters; Excel writes them as `_xHHHH_`
(and a literal `_x0041_` as `_x005F_x0041_`). The writer does the same and
the reader undoes it, so any text survives the round trip.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.catalogue import Catalogues
from tui.core.errors import MapError
from tui.output.formats import Source, Unwritable
from tui.output.i18n import _
from tui.output.formats.table_rows import (
    COLUMNS, TEXT_COLUMNS, Reading, header_columns, map_lines, own_lines, read_rows, rows, with_own,
)

#: Characters OOXML text cannot hold raw (XML 1.0 forbids them, or reading would turn CR into LF).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: Widest a column gets, in characters; longer text wraps.
MAX_WIDTH = 60
#: The hidden sheet holding the title, locale and persona.
ABOUT = "parcours"
MIN_WIDTH = 8
#: Most characters a cell holds (Excel's limit); openpyxl cuts longer text without a word.
CELL_LIMIT = 32_767
#: A sheet's name: at most 31 characters, none of these.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")


def escape(text: str) -> str:
    return _UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


def _stored(text: str, where: Callable[[], str]) -> str:
    """The text as the cell stores it; longer than a cell holds is refused rather than cut.
    `where` names the cell in words, asked only then (not for each of a big map's cells)."""
    stored = escape(text)
    if len(stored) > CELL_LIMIT:
        raise Unwritable(_(
            "{where} : {count} caractères ; une cellule de tableur en contient au plus {limit}"
            " (exportez plutôt en csv ou en json)"
        ).format(where=where(), count=len(stored), limit=CELL_LIMIT))
    return stored


def sheet_name(title: str) -> str:
    """The table's sheet: the title in what a sheet name may hold, never a name Excel or the hidden sheet takes."""
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", title).split()).strip("'")[:31].strip()
    return name if name and name.lower() not in ("history", ABOUT) else "carte"


def _width(text: str) -> float:
    longest = max((len(line) for line in text.split("\n")), default=0)
    return min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))


def render(source: Source) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(source.jmap.title)
    book.properties.title = escape(source.jmap.title)
    book.properties.creator = "parcours"
    widths = {column: _width(column) for column in COLUMNS}
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type, cell.number_format = "s", "@"
    for number, row in enumerate(rows(source.jmap, source.catalogues), start=2):
        for index, column in enumerate(COLUMNS, start=1):
            value = row[column]
            cell = sheet.cell(row=number, column=index)
            if column not in TEXT_COLUMNS:
                cell.value = value
                continue
            cell.value = _stored(value, lambda: _("étape '{stage}', colonne {column}").format(stage=row["stage"],
                                                                                            column=column))
            cell.data_type, cell.number_format = "s", "@"  # after the value: "=1+1" would have made it a formula
            cell.alignment = wrap
            widths[column] = max(widths[column], _width(value))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = widths[column]
    sheet.freeze_panes = "C2"
    about = book.create_sheet(ABOUT)
    about.sheet_state = "hidden"
    for line in (("part", "key", "value"), *map_lines(source.jmap)):
        about.append([_stored(part, lambda: " ".join(line[:2])) for part in line])
        for cell in about[about.max_row]:
            cell.data_type, cell.number_format = "s", "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_text(value: Any) -> str:
    """A cell as text, whatever the sheet made of it after someone edited it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _sheet(path: Path, raw: bytes) -> tuple[list[list[str]], list[list[str]]]:
    """The rows of the first sheet and of the hidden `parcours` sheet (if any), as text.

    openpyxl parses a file that may have been made by anything; whatever it
    raises on a damaged one is reported as one line rather than a traceback.
    """
    from openpyxl import load_workbook

    def text_rows(sheet: Any) -> list[list[str]]:
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        try:
            about = text_rows(book[ABOUT]) if ABOUT in book.sheetnames[1:] else []
            return text_rows(book.worksheets[0]), about
        finally:
            book.close()
    except zipfile.BadZipFile:
        raise MapError.at(path, "not an .xlsx spreadsheet (not a zip archive); save it from the spreadsheet as .xlsx") from None
    except Exception as error:  # noqa: BLE001 - see the docstring
        raise MapError.at(path, f"cannot read this spreadsheet: {type(error).__name__}: {error}") from None


def read(path: Path, raw: bytes, catalogues: Catalogues, title: str | None = None) -> Reading:
    cells, about = _sheet(path, raw)
    if not cells or not any(cell.strip() for cell in cells[0]):
        raise MapError.at(path, "empty sheet: no header row", 1, 1)
    header = cells[0]
    while header and not header[-1].strip():  # a sheet's rows run as wide as its widest row
        header.pop()
    columns = header_columns(path, header, lambda number, _: number + 1)
    own = own_lines(about[1:])
    name = title or own.get(("map", "title"), path.stem)
    return with_own(read_rows(path, columns, enumerate(cells[1:], start=2), catalogues, name), own)
