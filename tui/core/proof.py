"""Every save is proven before it replaces the map (#12.4), at the cost of what changed.

The promise: the one write path reads back the text it is about to write, with
the checks of opening a map, refuses unless it is the map being edited, and only
then replaces the file. Read whole, that costs a parse of the whole file (~0.3 s
at 3,000 touchpoints). Here the text is pieces (see `tui.core.pieces`), each an
immutable string that remembers what it was proven to mean; a save reads back
only the pieces that no proof has read yet, that is, the ones edits wrote.

Why this is as strong as reading the whole text back:

- What is written is the concatenation of the pieces that were proven, made here
  from the very snapshot proven: no other text can reach the file.
- A piece's text never changes (an edit makes a new piece), so what it was
  proven to mean, once, it means for good: on open (the model is read from the
  pieces one by one) or at an earlier save (read here with tomllib, on its own).
  Reading a piece again would give the same answer.
- The pieces mean, together, what the whole text means: the argument is in
  `tui.core.pieces`. It needs each piece to end with a newline, its lead and
  header to be the patterns the cut accepts, the head not to define `stages`, a
  stage not to define `touchpoints`, and a stage's or touchpoint's keys to hold
  no header: a piece is checked for all of that when it is proven. (Its keys may
  hold a line that starts with `[`, a header or a line of a multi-line string:
  read alone it could hide a header, so such a text is proven whole, as before.)
- The checks of opening a map: each one is about one piece (a touchpoint's
  fields, a stage's own keys, the head's), and is run on every piece when it is
  proven, except one that spans pieces (two stages with one id), run on the
  whole model each time; nesting depth is checked per piece, at its depth.
- Equality with the model: the model's parts are compared, each with the piece
  at its place (the head's fields, then stage by stage and touchpoint by
  touchpoint, counts included), which is what `JourneyMap.__eq__` compares.

A text read whole (the WHOLE shape) is proven whole, as before. A property test
(tests/test_pieces.py) checks that both proofs agree on generated maps and edits.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from tui.core.errors import MapError
from tui.core.model import JourneyMap
from tui.core.pieces import (
    DEPTH, HEAD, STAGE, WHOLE, Piece, Snapshot, head_meaning, lead_pattern, load, meaning, stage_meaning,
)
from tui.core.storage import MAX_DEPTH, atomic_write, deeper_than, toml_error
from tui.core.validate import check, check_stage, check_touchpoint


class UnprovenSave(MapError):
    """The text a save would write does not read back as the map being edited: the file is left alone."""


def _unreadable(path: Path, message: str) -> UnprovenSave:
    return UnprovenSave.at(path, f"not saved (the file is unchanged): the new text would not read back: {message}")


def _other(path: Path) -> UnprovenSave:
    return UnprovenSave.at(path, "not saved (the file is unchanged): the new text does not read back "
                                 "as the map being edited")


_CHECKS = {HEAD: check, STAGE: check_stage}
#: A line of a stage's or touchpoint's keys that starts with `[`: a header, or a line of a
#: multi-line string (a value typed with a line starting with `[`). Read on its own, the piece
#: would hide a header's meaning: such a text is proven whole.
_HEADER_LIKE = re.compile(r"(?<=\n)[ \t]*\[")


class _Whole(Exception):
    """A piece cannot be proven on its own: the text is proven whole."""


def _prove_piece(path: Path, piece: Piece) -> Any:
    """Read one piece on its own, with every check it can fail; remember and return what it means."""
    if not piece.text.endswith("\n"):
        raise _unreadable(path, "a table does not end its line")
    if piece.kind != HEAD:
        if lead_pattern(piece.kind).fullmatch(piece.text, 0, piece.start) is None:
            raise _unreadable(path, "a table's header is not where it should be")
        if _HEADER_LIKE.search(piece.text, piece.start):
            raise _Whole
    try:
        data = tomllib.loads(piece.body)
    except tomllib.TOMLDecodeError as error:
        raise _unreadable(path, toml_error(path, error).issue.message) from None
    except RecursionError:
        raise _unreadable(path, "values nested too deep") from None
    if deeper_than(data, MAX_DEPTH - DEPTH[piece.kind]):
        raise _unreadable(path, f"values nested more than {MAX_DEPTH} levels deep")
    if (piece.kind == HEAD and "stages" in data) or (piece.kind == STAGE and "touchpoints" in data):
        raise _unreadable(path, "a table would hold what the tables after it define")
    errors = [f for f in _CHECKS.get(piece.kind, check_touchpoint)(data) if not f.warning]
    if errors:
        raise _unreadable(path, errors[0].message)
    piece.meaning = meaning(piece.kind, data)
    return piece.meaning


def _proven(path: Path, piece: Piece) -> Any:
    return piece.meaning if piece.meaning is not None else _prove_piece(path, piece)


def prove(path: Path, snapshot: Snapshot, jmap: JourneyMap) -> bytes:
    """The bytes of `snapshot`, once proven to read back as `jmap`; UnprovenSave otherwise."""
    head = snapshot.head
    data = snapshot.text().encode("utf-8")
    if head.kind == WHOLE and head.meaning is not None:
        if head.meaning != jmap:
            raise _other(path)
        return data
    try:
        if head.kind == WHOLE:
            raise _Whole
        _prove_pieces(path, snapshot, jmap)
    except _Whole:
        prove_bytes(path, data, jmap)
        if head.kind == WHOLE:
            head.meaning = jmap
    return data


def _prove_pieces(path: Path, snapshot: Snapshot, jmap: JourneyMap) -> None:
    if _proven(path, snapshot.head) != head_meaning(jmap) or len(snapshot.groups) != len(jmap.stages):
        raise _other(path)
    for (stage, touchpoints), model in zip(snapshot.groups, jmap.stages):
        if _proven(path, stage) != stage_meaning(model) or len(touchpoints) != len(model.touchpoints):
            raise _other(path)
        for piece, touchpoint in zip(touchpoints, model.touchpoints):
            found = piece.meaning
            if found is touchpoint:
                continue
            if found is None:
                found = _prove_piece(path, piece)
            if found != touchpoint:
                raise _other(path)
            piece.meaning = touchpoint  # the same meaning; the next proof compares identities
    ids = [stage.id for stage in jmap.stages]
    if len(set(ids)) != len(ids):
        raise _unreadable(path, "duplicate stage id")


def prove_bytes(path: Path, data: bytes, jmap: JourneyMap) -> None:
    """The whole proof: read `data` back as a map is opened, and compare it with `jmap`."""
    try:
        again, _ = load(path, data.decode("utf-8"))
    except MapError as error:
        raise _unreadable(path, error.issue.message) from None
    if again != jmap:
        raise _other(path)


def write_proven(path: Path, data: bytes | Snapshot, jmap: JourneyMap) -> bytes:
    """The one way a map reaches its file: prove `data` (bytes, read whole, or a snapshot of the
    document's pieces, read where it changed), and only then replace the file atomically.
    Returns the bytes written."""
    if isinstance(data, Snapshot):
        data = prove(path, data, jmap)
    else:
        prove_bytes(path, data, jmap)
    atomic_write(path, data)
    return data
