"""Where an edit's change goes in the text: the layout of a map's TOML.

An edit changes the model, and tells a layout what changed, naming places as
the model does (stage index, touchpoint index). Two layouts hold the text:
`PieceLayout` (here) edits the pieces of the usual shape (see `tui.core.pieces`)
and parses with tomlkit only the piece it touches; `WholeLayout`
(`tui.core.edits.whole`) edits a whole tomlkit tree, for any other shape.

What a layout hands back to put things back exactly (`item`, `held`) is its
own business: an edit keeps it in its inverse, never in a journal. Here it is
the piece as it was: an undo puts back that very string, so undo gives the
original bytes back by construction. A swap is undone only when the piece in
place is still the one the edit made; otherwise (edits interleaved by someone
else) the key is set again, as a journal would.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from tui.core.edits import toml
from tui.core.edits.base import Values
from tui.core.pieces import STAGE, TOUCHPOINT, Piece, Pieces, ends_blank, fit_eol

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

_HEADERS = {STAGE: "[[stages]]", TOUCHPOINT: "[[stages.touchpoints]]"}


@dataclass(frozen=True)
class Swap:
    """A piece an edit replaced (`before`) by the one it made (`after`)."""

    before: Piece
    after: Piece


def values(piece: Piece) -> Values:
    """A stage's or touchpoint's own keys and values, read with tomllib (a tenth of tomlkit's time)."""
    data = tomllib.loads(piece.body)
    return tuple((k, v) for k, v in data.items() if not _nested(v) and k != "touchpoints")


def _nested(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(i, dict) for i in value))


class PieceLayout:
    """Edits on the pieces of a map's text: one small tomlkit tree at a time."""

    def __init__(self, pieces: Pieces) -> None:
        self.pieces = pieces

    def flush(self) -> None:
        """Nothing to render: every edit leaves its piece's text written."""

    def warm(self) -> None:
        """Nothing to parse ahead: a piece is parsed when an edit touches it."""

    # -- one piece's keys -------------------------------------------------------------------

    def _edit(self, get: Callable[[], Piece], put: Callable[[Piece], None], item: Any,
              change: Callable[[TOMLDocument], Any], read: Callable[[TOMLDocument], Any]) -> tuple[Any, Swap]:
        current = get()
        if isinstance(item, Swap) and item.after is current:
            old = read(current.doc())
            put(item.before)
            return old, Swap(current, item.before)
        doc = current.take_doc()
        old = change(doc)
        new = current.rewritten(doc, self.pieces.eol)
        put(new)
        return old, Swap(current, new)

    def _keys(self, get: Callable[[], Piece], put: Callable[[Piece], None], key: str, value: Any,
              item: Any) -> tuple[Any, Swap]:
        return self._edit(get, put, item, lambda doc: toml.set_key(doc, key, value)[0],
                          lambda doc: toml.plain(doc.get(key)))

    def _head(self) -> Piece:
        return self.pieces.head

    def _put_head(self, piece: Piece) -> None:
        self.pieces.head = piece

    def set_root(self, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        return self._keys(self._head, self._put_head, key, value, item)

    def set_persona(self, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        def change(doc: TOMLDocument) -> Any:
            if "persona" not in doc:
                import tomlkit

                doc["persona"] = tomlkit.table()
            return toml.set_key(doc["persona"], key, value)[0]

        return self._edit(self._head, self._put_head, item, change,
                          lambda doc: toml.plain(doc["persona"].get(key)) if "persona" in doc else None)

    def remove_persona(self, item: Any) -> tuple[Values, Any]:
        found = toml.values(self.pieces.head.doc()["persona"])
        _, swap = self._edit(self._head, self._put_head, item, lambda doc: doc.remove("persona"), lambda doc: None)
        return found, swap

    def set_stage(self, s: int, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        groups = self.pieces.groups
        return self._keys(lambda: groups[s][0], lambda piece: groups.__setitem__(s, (piece, groups[s][1])),
                          key, value, item)

    def set_touchpoint(self, s: int, t: int, key: str, value: Any, item: Any) -> tuple[Any, Any]:
        touchpoints = self.pieces.groups[s][1]
        return self._keys(lambda: touchpoints[t], lambda piece: touchpoints.__setitem__(t, piece),
                          key, value, item)

    def touchpoint_values(self, s: int, t: int) -> Values:
        return values(self.pieces.groups[s][1][t])

    # -- pieces in and out ------------------------------------------------------------------

    def _previous(self, s: int, t: int | None) -> Piece:
        """The piece just before where a piece goes: touchpoint `t` of stage `s`, or stage `s` (t None)."""
        groups = self.pieces.groups
        if t is not None:
            return groups[s][1][t - 1] if t > 0 else groups[s][0]
        if s == 0:
            return self.pieces.head
        stage, touchpoints = groups[s - 1]
        return touchpoints[-1] if touchpoints else stage

    def _new(self, kind: str, pairs: Values, previous: Piece, ends: bool) -> Piece:
        """A new piece, spaced as its neighbours are: one blank line between tables, none at the end."""
        import tomlkit

        doc = tomlkit.document()
        for key, value in pairs:
            if value is not None:
                doc[key] = toml.string(None, value) if isinstance(value, str) else value
        eol = self.pieces.eol
        lead = "" if ends_blank(previous.text) else eol
        header = lead + _HEADERS[kind] + eol
        piece = Piece(kind, header + fit_eol(doc.as_string(), eol) + ("" if ends else eol), len(header))
        piece._doc = doc
        return piece

    def insert_touchpoint(self, s: int, index: int, pairs: Values, item: Any, held: Any) -> tuple[dict, Any]:
        groups = self.pieces.groups
        touchpoints = groups[s][1]
        index = min(index, len(touchpoints))
        if isinstance(item, Piece):
            piece = item
        else:
            ends = s == len(groups) - 1 and index == len(touchpoints)
            piece = self._new(TOUCHPOINT, pairs, self._previous(s, index), ends)
        touchpoints.insert(index, piece)
        return tomllib.loads(piece.body), None

    def take_touchpoint(self, s: int, t: int, held: Any) -> tuple[Values, Any, Any]:
        piece = self.pieces.groups[s][1].pop(t)
        return values(piece), piece, None

    def move_touchpoint(self, s: int, t: int, to_stage: int, to: int, item: Any, held: Any) -> tuple[Any, Any]:
        groups = self.pieces.groups
        groups[to_stage][1].insert(to, groups[s][1].pop(t))
        return None, None

    def insert_stage(self, index: int, pairs: Values, touchpoints: tuple[tuple[str, Values], ...], item: Any,
                     held: Any) -> Any:
        groups = self.pieces.groups
        if isinstance(item, tuple):
            groups.insert(index, (item[0], list(item[1])))
            return None
        ends = index == len(groups)
        stage = self._new(STAGE, pairs, self._previous(index, None), ends and not touchpoints)
        made: list[Piece] = []
        for number, (_key, values_) in enumerate(touchpoints):
            last = ends and number == len(touchpoints) - 1
            made.append(self._new(TOUCHPOINT, values_, made[-1] if made else stage, last))
        groups.insert(index, (stage, made))
        return None

    def take_stage(self, s: int, held: Any) -> tuple[Values, list[Values], Any, Any]:
        stage, touchpoints = self.pieces.groups.pop(s)
        return values(stage), [values(t) for t in touchpoints], (stage, tuple(touchpoints)), None

    def move_stage(self, s: int, to: int, held: Any) -> Any:
        groups = self.pieces.groups
        groups.insert(to, groups.pop(s))
        return None



if TYPE_CHECKING:
    from tui.core.edits.whole import WholeLayout

#: What an edit applies to: the pieces of the usual shape, or a whole tree.
Layout = Union[PieceLayout, "WholeLayout"]
