"""The messages of a live session: one JSON object a line, each a frozen dataclass.

A participant may be anything that reached the socket (or `serve`'s bridge):
every line is read strictly. A message is an object whose `type` names one of
the kinds its direction allows, with exactly that kind's fields, each of the
right type and size (no NaN, no lone surrogate, no boolean for a number); an
edit is checked by the edit registry (`Edit.decode`). Anything else is a
`ProtocolError`, and the connection that sent it is closed; nobody else is
affected.

Edits name items by identity (stage id, touchpoint key), so an intent still
means the same item after others' edits; `seen` is the version the sender
had when it asked. Versions are the host `Session`'s: each applied change is
the next one, and a participant that sees a gap asks for a snapshot.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tui.core.edits import Edit
from tui.core.edits.base import Kind as Check  # what a field may hold: the journal's own notion
from tui.core.edits.base import read_fields

#: The version of this protocol, said in `hello`; a host refuses another.
PROTOCOL = 1
#: Longest line a host reads from a participant: an edit with a long text, and room to spare.
MAX_TO_HOST = 1 << 20
#: Longest line a participant reads from its host: a snapshot carries the whole map (8 MB at most).
MAX_TO_PARTICIPANT = 64 << 20
#: Bounds of every count on the wire (JSON numbers past 2**53 are not exact elsewhere).
MAX_NUMBER = (1 << 53) - 1

_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class ProtocolError(ValueError):
    """A line that is not a message this side accepts: the connection ends."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER


def text(most: int) -> Check:
    return Check(f"a string of at most {most} characters", lambda v: isinstance(v, str) and len(v) <= most)


def optional(check: Check) -> Check:
    return Check(f"{check.what} or null", lambda v: v is None or check.accepts(v), check.load, check.dump)


NUMBER = Check("a whole number from 0", _is_int)
FLAG = Check("true or false", lambda v: isinstance(v, bool))
TOKEN = Check("a token of letters, digits, - and _", lambda v: isinstance(v, str) and _TOKEN.fullmatch(v) is not None)
NAME = text(64)
#: The map's file name (a participant shows it and saves under it): one name, never a path.
FILE_NAME = Check("a file name", lambda v: isinstance(v, str) and 0 < len(v) <= 255 and v not in (".", "..")
                  and "/" not in v and "\x00" not in v)
KEY = text(200)
EDIT = Check("an edit", lambda v: isinstance(v, dict), load=Edit.decode, dump=lambda edit: edit.encode())
KEYS = Check("a list of touchpoint keys", lambda v: isinstance(v, list) and all(isinstance(k, str) and len(k) <= 12 for k in v),
             load=tuple, dump=list)


def wire(check: Check, **kwargs: Any) -> Any:
    return field(metadata={"check": check}, **kwargs)


class Message:
    """Base of every message; a subclass is a frozen dataclass registered under its `kind`."""

    kind: ClassVar[str] = ""
    kinds: ClassVar[dict[str, type[Message]]] = {}

    def __init_subclass__(cls, kind: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind:
            if kind in Message.kinds:
                raise TypeError(f"two messages of kind {kind}")
            cls.kind = kind
            Message.kinds[kind] = cls

    def encode(self) -> bytes:
        """One line: the JSON object and a newline."""
        data: dict[str, Any] = {"type": self.kind}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            data[f.name] = f.metadata["check"].dump(getattr(self, f.name))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8") + b"\n"


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number here")


def _clean(value: Any) -> None:
    """Refuse lone surrogates (they cannot be written as UTF-8, to a journal or a file) anywhere."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("a string holds a lone surrogate") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def decode(line: bytes, allowed: frozenset[str]) -> Message:
    """The message a line holds, if it is one of the `allowed` kinds; ProtocolError otherwise."""
    try:
        data = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
        if not isinstance(data, dict):
            raise ValueError("a message is a JSON object")
        _clean(data)
        kind = data.get("type")
        if not isinstance(kind, str) or kind not in allowed:
            raise ValueError(f"no message of type {str(kind)[:40]!r} here")
        cls = Message.kinds[kind]
        fields = {f.name: f.metadata["check"] for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        return cls(**read_fields(kind, fields, data, "type"))
    except (ValueError, UnicodeDecodeError, RecursionError, TypeError) as error:
        raise ProtocolError(str(error)[:200]) from None


# -- a participant, as everyone sees it ----------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """Someone in the session: a public id (`p1`…), a name, a colour, and where their cursor is.

    `line` is where the cursor's row is on their screen (0: the top row): with
    it, someone who follows them scrolls as they do.
    """

    pid: str
    name: str
    colour: str
    read_only: bool = False
    stage: str | None = None
    touchpoint: str | None = None
    column: str | None = None
    line: int = 0


def _is_participant(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 8 and TOKEN.accepts(value[0]) and NAME.accepts(value[1])
            and TOKEN.accepts(value[2]) and FLAG.accepts(value[3])
            and all(v is None or KEY.accepts(v) for v in value[4:7]) and _is_int(value[7]))


PARTICIPANTS = Check(
    "a list of participants", lambda v: isinstance(v, list) and len(v) <= 1000 and all(_is_participant(p) for p in v),
    load=lambda v: tuple(Participant(*p) for p in v),
    dump=lambda v: [list(dataclasses.astuple(p)) for p in v],
)


# -- from a participant to the host --------------------------------------------------------------


@dataclass(frozen=True)
class Hello(Message, kind="hello"):
    """The first line: who is asking. `client` is a secret of the participant's process, the same
    after a reconnection, so its re-sent requests are recognised; `observer`: no cursor, not listed."""

    client: str = wire(TOKEN)
    name: str = wire(NAME)
    read_only: bool = wire(FLAG)
    observer: bool = wire(FLAG)
    protocol: int = wire(NUMBER)


@dataclass(frozen=True)
class Apply(Message, kind="edit"):
    seq: int = wire(NUMBER)
    seen: int = wire(NUMBER)
    edit: Edit = wire(EDIT)


@dataclass(frozen=True)
class Undo(Message, kind="undo"):
    """Undo the sender's own last edit."""

    seq: int = wire(NUMBER)
    seen: int = wire(NUMBER)


@dataclass(frozen=True)
class Redo(Message, kind="redo"):
    seq: int = wire(NUMBER)
    seen: int = wire(NUMBER)


@dataclass(frozen=True)
class Save(Message, kind="save"):
    """Save the shared map; `force` past a conflict, `copy` to a new file beside it."""

    seq: int = wire(NUMBER)
    force: bool = wire(FLAG)
    copy: bool = wire(FLAG)


@dataclass(frozen=True)
class Reload(Message, kind="reload"):
    """Drop every unsaved edit and read the file again (after a conflict, the sender confirmed)."""

    seq: int = wire(NUMBER)


@dataclass(frozen=True)
class Cursor(Message, kind="cursor"):
    stage: str | None = wire(optional(KEY))
    touchpoint: str | None = wire(optional(KEY))
    column: str | None = wire(optional(KEY))
    line: int = wire(NUMBER)


@dataclass(frozen=True)
class Resync(Message, kind="resync"):
    """Send me the whole map again (I saw a gap)."""


TO_HOST = frozenset({"hello", "edit", "undo", "redo", "save", "reload", "cursor", "resync"})


# -- from the host to a participant --------------------------------------------------------------


@dataclass(frozen=True)
class Welcome(Message, kind="welcome"):
    """You are `pid`, in `colour`; the host's journal is `journal` (a new host replays it)."""

    pid: str = wire(TOKEN)
    colour: str = wire(TOKEN)
    journal: str = wire(optional(TOKEN))


@dataclass(frozen=True)
class Snapshot(Message, kind="snapshot"):
    """The whole map at `version`: its text, and its touchpoints' keys in map order."""

    version: int = wire(NUMBER)
    name: str = wire(FILE_NAME)
    text: str = wire(text(MAX_TO_PARTICIPANT))
    keys: tuple[str, ...] = wire(KEYS)
    dirty: bool = wire(FLAG)
    failing: bool = wire(FLAG)


@dataclass(frozen=True)
class Change(Message, kind="change"):
    """The edit that made `version`, as applied (new keys chosen); `author` and `seq` say whose
    request it answers (the author's acknowledgement: it is in the host's journal)."""

    version: int = wire(NUMBER)
    edit: Edit = wire(EDIT)
    author: str | None = wire(optional(TOKEN))
    seq: int = wire(NUMBER)
    dirty: bool = wire(FLAG)


@dataclass(frozen=True)
class Refused(Message, kind="refused"):
    """Request `seq` was not done: `reason` is a code (see `tui.core.live.members.REASONS`)."""

    seq: int = wire(NUMBER)
    reason: str = wire(TOKEN)
    detail: str = wire(text(400))


@dataclass(frozen=True)
class Done(Message, kind="done"):
    """Request `seq` was handled already (a request re-sent after a reconnection)."""

    seq: int = wire(NUMBER)


@dataclass(frozen=True)
class Saved(Message, kind="saved"):
    version: int = wire(NUMBER)
    name: str = wire(FILE_NAME)
    dirty: bool = wire(FLAG)


@dataclass(frozen=True)
class SaveFailed(Message, kind="save_failed"):
    """The save the receiver asked for failed: the error's message, and its line and column (0: none)."""

    message: str = wire(text(4096))
    line: int = wire(NUMBER)
    column: int = wire(NUMBER)


@dataclass(frozen=True)
class Conflict(Message, kind="conflict"):
    """The save the receiver asked for found the file changed by someone else: nothing written."""

    name: str = wire(FILE_NAME)


@dataclass(frozen=True)
class Status(Message, kind="status"):
    dirty: bool = wire(FLAG)
    failing: bool = wire(FLAG)


@dataclass(frozen=True)
class Notice(Message, kind="notice"):
    """The file changed on disk: `reloaded`, kept (`unsaved` edits), or `unreadable` (the error's
    message, line and column; 0: none)."""

    what: str = wire(TOKEN)
    message: str = wire(text(4096))
    line: int = wire(NUMBER)
    column: int = wire(NUMBER)


@dataclass(frozen=True)
class Roster(Message, kind="roster"):
    participants: tuple[Participant, ...] = wire(PARTICIPANTS)


@dataclass(frozen=True)
class Moved(Message, kind="moved"):
    """One participant's cursor moved."""

    participant: Participant = wire(Check("a participant", _is_participant, load=lambda v: Participant(*v),
                                          dump=lambda p: list(dataclasses.astuple(p))))


TO_PARTICIPANT = frozenset({"welcome", "snapshot", "change", "refused", "done", "saved", "save_failed", "conflict",
                            "status", "notice", "roster", "moved"})
