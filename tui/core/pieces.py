"""A map's text as pieces: the head, then each `[[stages]]` and each `[[stages.touchpoints]]`.

Why: tomlkit, which edits a text and keeps its comments, needs ~15 s and most of
600 MB for a map of 30,000 touchpoints. Cut at its table headers, the same text
is a few thousand bytes per piece: an edit parses one piece with tomlkit (a
fraction of a millisecond), the file is the concatenation of the pieces, and an
untouched piece is the very string that was read.

How a text is cut. Every line that starts (after blanks) with `[` may be a
header; the one after the last key of the head that reads `[[stages]]` starts
the stages, and from there every `[[stages]]` and `[[stages.touchpoints]]` line
starts a piece. A piece's *lead* is the comment lines just above its header (a
comment block that hangs under the keys above, before a blank line, stays up
there): it is the header's comment, and what an edit adds before the header
goes before its comment too. Anything unusual (another table after the stages,
a header spelled otherwise, `stages = [...]` inline in the head, `touchpoints`
written inside a stage) makes the text one WHOLE piece, edited with tomlkit as
a whole, as before: correctness first, speed where the shape is the usual one.

Why the pieces mean what the whole text means (the seams). TOML is read left
to right, one expression per line, and a header only ever starts a line. Each
piece is checked on its own: its lead lines by pattern (blank or comment, with
no character a comment may not hold), its header line by pattern (exactly
`[[stages]]` or `[[stages.touchpoints]]`, blanks and a comment allowed), and the
keys below by tomllib, from an empty document. A part that reads on its own
closes everything it opens (strings, arrays), so the whole text's reader, having
read the same characters from a boundary, is at a boundary again after it: by
induction from the start of the file, every cut is where an expression starts,
and no cut is inside a multi-line string or array (a false header there leaves
the part above it unclosed, which does not read; the text is then read whole).
Then: `[[stages]]` appends a new, empty table to the root's `stages` (which the
head does not define, or the text is read whole), `[[stages.touchpoints]]`
appends one to the last stage's `touchpoints` (which that stage's keys do not
define, same rule), and the keys below a header are keys of that new table,
as they are of an empty document. So the whole text means: the head's data,
with `stages` the stages' data in order, each with `touchpoints` its
touchpoints' data in order. Removing the final newline of a text that ends
with one (`open_end`) changes no meaning either.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.errors import MapError
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.core.storage import MAX_DEPTH, deeper_than
from tui.core.validate import BOM, check, issues, parse

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

HEAD, STAGE, TOUCHPOINT, WHOLE = "head", "stage", "touchpoint", "whole"

_COMMENT = r"#[^\x00-\x08\x0a-\x1f\x7f]*"
#: The end of a line that holds nothing but blanks and perhaps a comment.
_REST = r"[ \t]*(?:" + _COMMENT + r")?\r?\n"
_HEADERS = {
    STAGE: r"[ \t]*\[\[[ \t]*stages[ \t]*\]\][ \t]*(?:" + _COMMENT + ")?",
    TOUCHPOINT: r"[ \t]*\[\[[ \t]*stages[ \t]*\.[ \t]*touchpoints[ \t]*\]\][ \t]*(?:" + _COMMENT + ")?",
}
#: Every line that starts with `[`, with the blank and comment lines above it: a stage's
#: header, a touchpoint's, or another (`lastgroup` says which: "stage", "touchpoint", "lead").
#: It starts at the newline before them, which the regex engine finds fast; a header on the
#: first line is no stage (a map's first keys come before any header) and stays in the head.
_CANDIDATE = re.compile(
    rf"\n(?P<lead>(?:{_REST})*)(?:(?P<stage>{_HEADERS[STAGE]}(?=\r?\n))"
    rf"|(?P<touchpoint>{_HEADERS[TOUCHPOINT]}(?=\r?\n))|[ \t]*\[)")
#: Where a table header of each kind is written in the whole text (for depth limits).
DEPTH = {HEAD: 0, STAGE: 2, TOUCHPOINT: 4}


@cache
def lead_pattern(kind: str) -> re.Pattern[str]:
    """A lead (blank and comment lines) and the header line: what a piece's keys follow
    (compiled when first asked: `show` never asks)."""
    return re.compile(rf"(?:{_REST})*{_HEADERS[kind]}\r?\n")


@cache
def _trail() -> re.Pattern[str]:
    """The blank lines that end a piece."""
    return re.compile(r"(?<=\n)(?:[ \t]*\r?\n)*\Z")


class Unsplit(ValueError):
    """The text is not in the usual shape: it is read, and edited, whole."""


class Piece:
    """One piece of the text, immutable once made; `meaning` and the tomlkit tree are caches.

    `start` is where its keys begin (after the lead and the header line; 0 for
    the head). `meaning` is what the text was proven to mean (None: not yet):
    the head's map-level fields, a stage's own fields, or a Touchpoint.
    """

    __slots__ = ("_doc", "kind", "meaning", "start", "text")

    def __init__(self, kind: str, text: str, start: int = 0, meaning: Any = None) -> None:
        self.kind, self.text, self.start, self.meaning = kind, text, start, meaning
        self._doc: TOMLDocument | None = None

    def __repr__(self) -> str:
        return f"Piece({self.kind}, {self.text!r})"

    @property
    def body(self) -> str:
        """The keys and what follows them: what tomllib reads."""
        return self.text[self.start:] if self.start else self.text

    def split_trail(self) -> tuple[str, str]:
        """The keys, and the blank lines after them (kept out of tomlkit's tree, so that a new
        key follows the last one rather than a blank line)."""
        trail = _trail().search(self.text, self.start)
        cut = trail.start() if trail else len(self.text)
        return self.text[self.start:cut], self.text[cut:]

    def doc(self) -> TOMLDocument:
        """The keys as a tomlkit tree, parsed on first use."""
        if self._doc is None:
            import tomlkit

            self._doc = tomlkit.parse(self.split_trail()[0])
        return self._doc

    def take_doc(self) -> TOMLDocument:
        """The tree, for an edit to change: this piece forgets it, as it will no longer be its text."""
        doc, self._doc = self.doc(), None
        return doc

    def rewritten(self, doc: TOMLDocument, eol: str) -> Piece:
        """A piece with the same lead and trail and the keys of `doc`."""
        keys = fit_eol(doc.as_string(), eol)
        piece = Piece(self.kind, self.text[:self.start] + keys + self.split_trail()[1], self.start)
        piece._doc = doc
        return piece


def fit_eol(text: str, eol: str) -> str:
    """Lines tomlkit writes end in `\\n`: in a CRLF map they get the file's line ending."""
    return re.sub(r"(?<!\r)\n", "\r\n", text) if eol == "\r\n" and "\n" in text else text


def ends_blank(text: str) -> bool:
    """Whether a text ends with a blank line (one table spaced from the next)."""
    return text.endswith(("\n\n", "\n\r\n"))


class Snapshot:
    """The text at one moment, as immutable pieces (cheap to take under a lock); WHOLE mode is one head.

    A plain class: a dataclass would cost `show` half a millisecond to define."""

    __slots__ = ("bom", "groups", "head", "open_end")

    def __init__(self, head: Piece, groups: tuple[tuple[Piece, tuple[Piece, ...]], ...], bom: bool,
                 open_end: bool) -> None:
        self.head, self.groups, self.bom, self.open_end = head, groups, bom, open_end

    def replace(self, head: Piece | None = None,
                groups: tuple[tuple[Piece, tuple[Piece, ...]], ...] | None = None) -> Snapshot:
        """The same text with another head or other groups (tests tamper with pieces this way)."""
        return Snapshot(head or self.head, self.groups if groups is None else groups, self.bom, self.open_end)

    def pieces(self) -> list[Piece]:
        found = [self.head]
        for stage, touchpoints in self.groups:
            found.append(stage)
            found += touchpoints
        return found

    def text(self) -> str:
        body = "".join([p.text for p in self.pieces()])
        if self.open_end and body.endswith("\n"):
            body = body.removesuffix("\n").removesuffix("\r")
        return "\ufeff" + body if self.bom else body


class Pieces:
    """The text as the document holds it: the head, and per stage its piece and its touchpoints' pieces."""

    def __init__(self, head: Piece, groups: list[tuple[Piece, list[Piece]]], *, bom: bool, open_end: bool,
                 eol: str) -> None:
        self.head, self.groups = head, groups
        self.bom, self.open_end, self.eol = bom, open_end, eol

    @property
    def whole(self) -> bool:
        return self.head.kind == WHOLE

    def snapshot(self) -> Snapshot:
        groups = tuple((stage, tuple(touchpoints)) for stage, touchpoints in self.groups)
        return Snapshot(self.head, groups, self.bom, self.open_end)


def _lead_start(lead: str, start: int) -> int:
    """Where the lead begins, given the blank and comment lines above a header (from `start`):
    at its comment lines, not at those hanging under the keys above (a first block that a
    blank line ends), nor at the blank lines (they stay with the table above)."""
    if "#" not in lead:
        return start + len(lead)
    lines = lead.splitlines(keepends=True)  # no other line break: `_REST` lines end in \n alone
    blank = [not line.lstrip(" \t").startswith("#") for line in lines]
    index = 0
    if any(blank):
        while not blank[index]:  # hangs under the keys above
            index += 1
        while index < len(lines) and blank[index]:
            index += 1
    return start + sum(len(line) for line in lines[:index])


def split(text: str, *, bom: bool = False, open_end: bool = False, eol: str = "\n") -> Pieces:
    """Cut a text (ending with a newline, no byte order mark) into pieces; Unsplit if unusual."""
    marks: list[tuple[str, int, int]] = []  # kind, lead start, keys start
    for candidate in _CANDIDATE.finditer(text):
        kind = candidate.lastgroup
        if kind == "lead" or (kind == TOUCHPOINT and not marks):
            if marks:
                raise Unsplit("a table other than a stage or a touchpoint after the stages")
            continue
        keys = text.index("\n", candidate.end()) + 1
        marks.append((kind, _lead_start(candidate["lead"], candidate.start("lead")), keys))
    first = marks[0][1] if marks else len(text)
    head = Piece(HEAD, text[:first])
    groups: list[tuple[Piece, list[Piece]]] = []
    for number, (kind, lead, keys) in enumerate(marks):
        end = marks[number + 1][1] if number + 1 < len(marks) else len(text)
        piece = Piece(kind, text[lead:end], keys - lead)
        if kind == STAGE:
            groups.append((piece, []))
        else:
            groups[-1][1].append(piece)
    return Pieces(head, groups, bom=bom, open_end=open_end, eol=eol)


def whole(text: str, *, bom: bool = False, open_end: bool = False, eol: str = "\n") -> Pieces:
    return Pieces(Piece(WHOLE, text), [], bom=bom, open_end=open_end, eol=eol)


def _read(kind: str, body: str) -> dict[str, Any]:
    """One piece's data; a piece nested deeper than a map may be is read whole, to be refused there.
    Each level of nesting costs a `[`, a `{` or a `.` (of a dotted key): counting them is enough
    to skip the walk through a piece that cannot be that deep."""
    data = tomllib.loads(body)
    limit = MAX_DEPTH - DEPTH[kind]
    if body.count("[") + body.count("{") + body.count(".") >= limit and deeper_than(data, limit):
        raise Unsplit("values nested too deep")
    return data


def read(pieces: Pieces) -> dict[str, Any]:
    """The data the pieces mean together (see the module's docstring); Unsplit or TOMLDecodeError."""
    data = _read(HEAD, pieces.head.text)
    if "stages" in data:
        raise Unsplit("the head defines stages")
    stages = []
    for stage, touchpoints in pieces.groups:
        values = _read(STAGE, stage.body)
        if "touchpoints" in values:
            raise Unsplit("a stage writes its touchpoints inside its table")
        if touchpoints:
            values["touchpoints"] = [_read(TOUCHPOINT, t.body) for t in touchpoints]
        stages.append(values)
    if pieces.groups:
        data["stages"] = stages
    return data


# -- what a piece means, as the model says it -------------------------------------------


def head_meaning(jmap: JourneyMap) -> tuple[Any, ...]:
    return jmap.title, jmap.schema, jmap.locale, jmap.persona


def stage_meaning(stage: Stage) -> tuple[str, str, str]:
    return stage.id, stage.name, stage.situation


def meaning(kind: str, data: dict[str, Any]) -> Any:
    """What one piece's data means to the model."""
    if kind == HEAD:
        return head_meaning(JourneyMap.from_data(data))
    if kind == STAGE:
        return stage_meaning(Stage.from_data(data))
    return Touchpoint.from_data(data)


def mark_proven(pieces: Pieces, jmap: JourneyMap) -> None:
    """The pieces were read into `jmap`: each means its part of it (the model is built piece by piece)."""
    if pieces.whole:
        pieces.head.meaning = jmap
        return
    pieces.head.meaning = head_meaning(jmap)
    for (stage, touchpoints), model in zip(pieces.groups, jmap.stages):
        stage.meaning = stage_meaning(model)
        for piece, touchpoint in zip(touchpoints, model.touchpoints):
            piece.meaning = touchpoint


# -- reading a map's text ------------------------------------------------------------------


def load(path: Path, text: str) -> tuple[JourneyMap, Pieces]:
    """Read and check a map's text into its model and its pieces (WHOLE when the shape is unusual);
    the first error is a MapError with its position, as the whole text's reader says it."""
    bom = text.startswith(BOM)
    body = text.removeprefix(BOM)
    eol = "\r\n" if "\r\n" in body else "\n"
    # tomlkit appends new tables straight after a last line with no newline, which breaks
    # the file: the pieces end with one, and the text drops it again.
    open_end = bool(body) and not body.endswith("\n")
    full = body + eol if open_end else body
    shape = {"bom": bom, "open_end": open_end, "eol": eol}
    data: dict[str, Any] | None = None
    if body.strip():
        try:
            pieces = split(full, **shape)
            data = read(pieces)
        except (Unsplit, tomllib.TOMLDecodeError, RecursionError):
            data = None
    if data is None:
        data = parse(path, text)  # the whole text's reader names the error, if there is one
        pieces = whole(full, **shape)
    errors = [i for i in issues(path, text, check(data)) if not i.warning]
    if errors:
        raise MapError(errors[0])
    jmap = JourneyMap.from_data(data)
    mark_proven(pieces, jmap)
    return jmap, pieces
