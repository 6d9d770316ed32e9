"""The recovery journal: every unsaved edit, on disk within a moment of being made.

An SSH connection drops, the terminal is closed, the process is killed: the
edits since the last save are still in the journal, one JSON line each, under
the user's state folder (never beside the map, so a repository stays clean).
The next `parcours MAP` offers them back and replays them through the normal
edit operations, so each can be undone. A save or a clean quit removes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import queue
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tui.core import edits
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.core.history import History
from tui.core.storage import MAX_BYTES

#: The edit classes a journal may name; anything else in a journal is refused.
OPS = {
    cls.__name__: cls
    for cls in (
        edits.SetMapField, edits.SetPersonaField, edits.RemovePersona, edits.SetStageField,
        edits.InsertStage, edits.DeleteStage, edits.MoveStage, edits.SetTouchpointField,
        edits.InsertTouchpoint, edits.DeleteTouchpoint, edits.MoveTouchpoint,
    )
}
_SCALARS = (str, int, float, bool, type(None))


def state_folder() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("parcours")) / "journal"


def journal_path(map_path: Path, folder: Path | None = None) -> Path:
    key = hashlib.sha256(str(map_path.resolve()).encode("utf-8")).hexdigest()[:20]
    return (folder or state_folder()) / f"{key}.jsonl"


def encode(edit: edits.Edit) -> dict[str, Any]:
    """An edit as JSON data; a restored tomlkit item is dropped (its values are kept)."""
    data: dict[str, Any] = {"op": type(edit).__name__}
    for field in dataclasses.fields(edit):  # type: ignore[arg-type]
        if field.name == "item":
            continue
        value = getattr(edit, field.name)
        data[field.name] = [list(pair) for pair in value] if field.name == "values" else value
    return data


def decode(data: Any) -> edits.Edit:
    """An edit from JSON data, checking every field's type; ValueError if anything is off."""
    if not isinstance(data, dict) or data.get("op") not in OPS:
        raise ValueError(f"unknown operation {data.get('op') if isinstance(data, dict) else data!r}")
    cls = OPS[data["op"]]
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name == "item":
            continue
        if field.name not in data:
            raise ValueError(f"{data['op']} lacks '{field.name}'")
        value = data[field.name]
        if field.name in ("stage", "index", "to", "to_stage", "to_index"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{data['op']}.{field.name} must be a whole number >= 0")
        elif field.name == "values":
            if not isinstance(value, list) or not all(
                isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], _SCALARS) for p in value
            ):
                raise ValueError(f"{data['op']}.values must be [key, value] pairs")
            value = tuple(tuple(p) for p in value)
        elif field.name == "key":
            if not isinstance(value, str):
                raise ValueError(f"{data['op']}.key must be a string")
        elif not isinstance(value, _SCALARS):
            raise ValueError(f"{data['op']}.{field.name} must be a plain value")
        kwargs[field.name] = value
    return cls(**kwargs)


@dataclass(frozen=True)
class Recovery:
    """Edits left by a session that did not save, and the map version they started from."""

    path: Path
    base: str | None
    started: str
    edits: tuple[edits.Edit, ...]


class Journal:
    """Appends each applied edit for one map; `History(on_change=journal.record)`.

    `record` only queues the line: a thread writes and fsyncs it, so a slow
    disk (a home folder on NFS) never holds up a key. The lines are on disk
    within moments; `flush` waits for them.
    """

    def __init__(self, map_path: Path, base: str | None, folder: Path | None = None) -> None:
        self.map_path = map_path
        self.base = base
        self.path = journal_path(map_path, folder)
        self._started = False
        self._queue: queue.Queue[str] = queue.Queue()
        self._writer: threading.Thread | None = None

    def record(self, edit: edits.Edit) -> None:
        self._queue.put(json.dumps(encode(edit), ensure_ascii=False))
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_lines, name="parcours-journal", daemon=True)
            self._writer.start()

    def flush(self) -> None:
        """Wait until every recorded edit is on disk."""
        self._queue.join()

    def _write_lines(self) -> None:
        while True:
            lines = [self._queue.get()]
            while not self._queue.empty():
                lines.append(self._queue.get_nowait())
            try:
                self._append(lines)
            finally:
                for _ in lines:
                    self._queue.task_done()

    def _append(self, lines: list[str]) -> None:
        try:
            if not self._started:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                header = {"map": str(self.map_path.resolve()), "base": self.base,
                          "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
                with self.path.open("w", encoding="utf-8") as stream:
                    stream.write(json.dumps(header, ensure_ascii=False) + "\n")
                self._started = True
            with self.path.open("a", encoding="utf-8") as stream:
                stream.write("".join(line + "\n" for line in lines))
                stream.flush()
                os.fsync(stream.fileno())
        except OSError:
            # A journal that cannot be written must not stop the editing; saving still works.
            self._started = False

    def restart(self, base: str | None) -> None:
        """After a save: the saved file is the new base and the old edits are safe."""
        self.clear()
        self.base = base

    def clear(self) -> None:
        self.flush()
        self._started = False
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass

    def set_aside(self) -> Path:
        self.flush()
        self._started = False
        return set_aside(self.path)


def set_aside(path: Path) -> Path:
    """Keep a journal that could not be read or replayed out of the way, for a person to look at."""
    target = path.with_suffix(".bad")
    try:
        os.replace(path, target)
    except OSError:
        pass
    return target


def pending(map_path: Path, folder: Path | None = None) -> Recovery | None:
    """The edits a previous session left for this map, or None; a damaged journal is a MapError."""
    path = journal_path(map_path, folder)
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_BYTES:
            raise MapError.at(path, "recovery journal is too large")
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise MapError.at(path, "recovery journal is not UTF-8 text") from None
    except OSError as error:
        raise MapError.at(path, f"cannot read the recovery journal: {error.strerror or error}") from None
    if not lines:
        return None
    found: list[edits.Edit] = []
    header: Any = None
    for number, line in enumerate(lines, 1):
        try:
            data = json.loads(line)
            if number == 1:
                header = data
                if not isinstance(header, dict) or not isinstance(header.get("started", ""), str):
                    raise ValueError("the first line is not a journal header")
                continue
            found.append(decode(data))
        except (ValueError, RecursionError) as error:
            raise MapError.at(path, f"damaged recovery journal: {error}", number, 1) from None
    if not found:
        return None
    base = header.get("base")
    return Recovery(path, base if isinstance(base, str) else None, header.get("started", ""), tuple(found))


class ReplayError(ValueError):
    """A recovered edit that does not fit the map, or a result that would not validate."""

    def __init__(self, number: int, reason: object) -> None:
        super().__init__(f"{reason}")
        #: 1-based position of the edit that failed (the last one when the result is wrong).
        self.number = number


def replay(document: MapDocument, recovery: Recovery) -> History:
    """A fresh history over `document` with the recovered edits applied, so each can be undone.

    All or nothing: a journal written by hand or by another version may name a
    touchpoint that is not there or a value the map cannot hold; then
    ReplayError is raised and `document` is left as it was, so the editor
    never starts on a half-applied or invalid map.
    """
    before = document.text()
    history = History(document)
    number = 0
    try:
        for number, edit in enumerate(recovery.edits, 1):
            history.do(edit)
        # The same check as opening a map: the first error, with its position, is a MapError.
        MapDocument.from_text(document.path, document.text())
    except (IndexError, KeyError, TypeError, ValueError, AttributeError, MapError, OverflowError) as error:
        document.restore(before)
        raise ReplayError(number, error) from None
    return history
