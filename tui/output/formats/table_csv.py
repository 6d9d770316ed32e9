"""CSV for spreadsheets, both ways: one row per touchpoint (see `table_rows`).

Written as UTF-8 with the byte-order mark Excel needs to see accents, CRLF
line ends and the csv module's quoting (commas, quotes and line breaks inside
a cell). Read back with commas, semicolons (French Excel) or tabs, the BOM or
not; a broken quote stops the import at the line it starts on.

A spreadsheet reads a cell starting with `=`, `+`, `-` or `@` as a formula: a
response like "- relance par courriel" would show as an error, and a crafted
one could run. Such text cells get a leading apostrophe, which spreadsheets
take as "this is text" and `read` removes.

A spreadsheet also turns text that looks like a number, a date or a truth
value into one: `0612345678` loses its zero, `1/2` becomes the 1st of
February. Plain CSV cannot say "this is text"; with `excel=True` such cells
(and those a formula would start) are written as the formula `="0612345678"`,
whose value is that text, which Excel and LibreOffice show as written (checked
with LibreOffice 7.4, "detect special numbers" on), and which `read` unwraps.

What the rows have no room for (the whole title, the locale, the persona)
follows them after a blank row, one line each, marked in the first column:
`#parcours,map,title,…`, `#parcours,persona,name,…`. A spreadsheet shows them
as a small footer; `read` takes them back, so a map comes back whole. A `#`
cannot start a stage id, so such a row is never a stage.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tui.core.catalogue import Catalogues
from tui.core.errors import Issue, MapError
from tui.core.storage import decode
from tui.output.formats import Source
from tui.output.formats.table_rows import (
    COLUMNS, Reading, header_columns, map_lines, own_lines, read_rows, rows, with_own,
)

BOM = "\ufeff"
#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = (",", ";", "\t")
#: The first cell of a line that holds the map's own data, after the rows.
OWN = "#parcours"
#: Longest text a spreadsheet formula's string literal holds (Excel's limit).
FORMULA_TEXT = 255
#: What to do about the two ways a spreadsheet saves text that is not UTF-8.
SAVE_AS_UTF8 = "; save it from the spreadsheet as « CSV UTF-8 »"

_MONTHS = (r"(?:jan|janv|feb|fév|fev|févr|mar|mars|apr|avr|may|mai|jun|juin|jul|juil|aug|aoû|aou|sep|sept|oct"
           r"|nov|dec|déc)[a-zéû]*\.?")
#: Text that Excel or LibreOffice would read as a number, a date, a time or a truth value.
_CONVERTED = re.compile(
    r"[ \t]*(?:"
    r"[-+\d .,:/%'$€£¥()]*\d[-+\d .,:/%'$€£¥()eE]*"  # 0612…, 1/2, 12:30, 1 234,5 €, 50 %, (3), 1e5, 2024-01-02
    r"|\d{1,2}[ ./-]*" + _MONTHS + r"(?:[ ./-]*\d{1,4})?"  # 3 mars, 5-Jan-24
    r"|" + _MONTHS + r"[ ./-]*\d{1,4}"  # Jan 5, mars 2024
    r"|\d{1,2}(?::\d{2}){0,2}[ ]*[ap]\.?m\.?"  # 9 am, 12:30 PM
    r"|true|false|vrai|faux"
    r")[ \t]*",
    re.IGNORECASE,
)
_WRAPPED = re.compile(r'="((?:[^"]|"")*)"', re.DOTALL)


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def would_convert(text: str) -> bool:
    """Whether a spreadsheet opening the CSV would turn this text into a number, date or truth value."""
    return bool(_CONVERTED.fullmatch(text))


def as_text(text: str, excel: bool = False) -> str:
    """The cell for a text value: an apostrophe in front of what would read as a formula, and
    under `excel` a `="…"` around that or what would read as a number or a date (a formula's
    text is never evaluated, and shows without the apostrophe)."""
    formula = _looks_like_formula(text)
    if excel and len(text) <= FORMULA_TEXT and (formula or would_convert(text)) and "\n" not in text and "\r" not in text:
        return '="' + text.replace('"', '""') + '"'
    return "'" + text if formula else text


def from_text(cell: str) -> str:
    """The inverse of `as_text`, for import (either way of writing)."""
    if cell.startswith("'") and _looks_like_formula(cell[1:]):
        return cell[1:]
    wrapped = _WRAPPED.fullmatch(cell)
    return wrapped.group(1).replace('""', '"') if wrapped else cell


def render(source: Source) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(source.jmap, source.catalogues):
        writer.writerow(
            ("" if row[c] is None else str(row[c])) if c == "emotion" else as_text(row[c], source.excel) for c in COLUMNS
        )
    writer.writerow([])
    for line in map_lines(source.jmap):
        writer.writerow([OWN, *(as_text(part, source.excel) for part in line)])
    return BOM + out.getvalue()


def _delimiter(header_line: str) -> str:
    """The separator the header uses most: `,`, or `;` as French Excel writes, or a tab."""
    return max(DELIMITERS, key=header_line.count) if any(d in header_line for d in DELIMITERS) else ","


def _text(path: Path, raw: bytes) -> str:
    """The CSV's text; Excel's plain « CSV » (Windows-1252) and « Unicode text » (UTF-16) get a hint."""
    try:
        return decode(path, raw)
    except MapError as error:
        issue = error.issue
        message = "not valid UTF-8 text" if "UTF-8" in issue.message else "binary content (UTF-16?), not CSV text"
        raise MapError(Issue(issue.path, message + SAVE_AS_UTF8, issue.position)) from None


def _lines(path: Path, reader):  # type: ignore[no-untyped-def]
    """Each row with the line it starts on; a broken quote stops everything (nothing after it reads)."""
    end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise MapError.at(path, f"cannot read this row: {error} (a quote not closed?)", end + 1, 1) from None
        yield end + 1, row
        end = reader.line_num


def read(path: Path, raw: bytes, catalogues: Catalogues, title: str | None = None) -> Reading:
    text = _text(path, raw).removeprefix(BOM)
    if not text.strip():
        raise MapError.at(path, "empty file: no header row", 1, 1)
    header_line = text.splitlines()[0]
    # The csv module refuses a field over 128 KiB by default, and its limit is process-wide; no
    # field is longer than the file, which `read_bytes` caps, so that is the limit needed.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header_line), strict=True)
    lines = _lines(path, reader)
    _, header = next(lines)
    header = [from_text(name) for name in header]
    columns = header_columns(path, header, lambda _, heading: max(header_line.find(heading), 0) + 1)
    cells: list[tuple[int, list[str]]] = []
    own: list[list[str]] = []
    for line, row in lines:
        row = [from_text(cell) for cell in row]
        if row and row[0] == OWN:
            own.append(row[1:])
        else:
            cells.append((line, row))
    mine = own_lines(own)
    return with_own(read_rows(path, columns, cells, catalogues, title or mine.get(("map", "title"), path.stem)), mine)
