"""Getting back the edits a lost session left in its journal.

Every journal of a map that no live session holds (its lock is free) is an
orphan, offered with its start time and number of edits; a journal locked by
another session is never offered and never touched. A damaged journal is set
aside (renamed `.bad`) with one line naming it, never a reason not to open.

Replaying is all or nothing. Onto the very map the journal started from, each
touchpoint key is translated by position through the key order the journal's
header recorded for that map (a map opened afresh numbers its touchpoints in
file order, which the lost session's keys no longer were after an insert and a
save). Onto a map that changed since (someone saved meanwhile), each touchpoint
an edit names is found again by its stage id and the fingerprint of its
content. Either way, a touchpoint is used only when its content is what the
journal says it was just before the edit: an edit that cannot be placed
without doubt stops the recovery, which applies nothing and keeps the journal.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.edits import Edit
from tui.core.errors import MapError
from tui.core.history import History
from tui.core.journal import FORMAT, Entry, decode, fingerprint, map_key, state_folder
from tui.core.model import ItemGone, JourneyMap
from tui.core.storage import MAX_BYTES


@dataclass(eq=False)
class Recovery:
    """An orphaned journal, held (locked) by this process while it is offered."""

    path: Path
    base: str | None
    started: str
    entries: tuple[Entry, ...]
    #: The base map's touchpoint keys, stage by stage in file order (None: not recorded).
    order: tuple[tuple[str, ...], ...] | None = None
    _descriptor: int | None = field(default=None, repr=False)

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(entry.edit for entry in self.entries)

    def drop(self) -> None:
        """Delete the journal: its edits were recovered or refused."""
        try:
            os.unlink(self.path)
        except OSError:
            pass
        self.release()

    def release(self) -> None:
        """Let go of the journal, leaving it on disk to be offered again."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def set_aside(path: Path) -> Path:
    """Keep a journal that could not be read out of the way, for a person to look at."""
    target = path.with_suffix(".bad")
    try:
        os.replace(path, target)
    except OSError:
        pass
    return target


def _read(path: Path, descriptor: int) -> Recovery | None:
    """The journal's edits; a MapError at the first damaged line; None when it holds no edit."""
    try:
        if os.fstat(descriptor).st_size > MAX_BYTES:
            raise MapError.at(path, "recovery journal is too large")
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            lines = stream.read().decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise MapError.at(path, "recovery journal is not UTF-8 text") from None
    except OSError as error:
        raise MapError.at(path, f"cannot read the recovery journal: {error.strerror or error}") from None
    if not lines:
        return None
    entries: list[Entry] = []
    header: dict = {}
    for number, line in enumerate(lines, 1):
        try:
            data = json.loads(line)
            if number == 1:
                if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("started"), str):
                    raise ValueError(f"the first line is not a journal header (format {FORMAT})")
                header = data
                continue
            entries.append(decode(data))
        except (ValueError, RecursionError) as error:
            raise MapError.at(path, f"damaged recovery journal: {error}", number, 1) from None
    if not entries:
        return None
    base = header.get("base")
    order = header.get("order")
    if not (isinstance(order, list) and all(isinstance(keys, list) and all(isinstance(k, str) for k in keys)
                                            for keys in order)):
        order = None
    return Recovery(path, base if isinstance(base, str) else None, header["started"], tuple(entries),
                    None if order is None else tuple(tuple(keys) for keys in order))


def orphans(map_path: Path, folder: Path | None = None) -> tuple[list[Recovery], list[MapError]]:
    """The journals of `map_path` that no live session holds, oldest first, each locked by
    this process until it is dropped or released; and what was wrong with the damaged ones
    (set aside). Empty orphans are removed."""
    folder = folder or state_folder()
    key = map_key(map_path)
    found: list[Recovery] = []
    errors: list[MapError] = []
    try:
        candidates = sorted(folder.glob(f"{key}.*.jsonl")) + [p for p in (folder / f"{key}.jsonl",) if p.exists()]
    except OSError:
        return [], []
    for path in candidates:
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live session's journal: not ours to offer
            os.close(descriptor)
            continue
        try:
            recovery = _read(path, descriptor)
        except MapError as error:
            errors.append(MapError.at(path, f"{error.issue.message} (set aside as {set_aside(path).name})",
                                      *((error.issue.position.line, error.issue.position.column)
                                        if error.issue.position else ())))
            os.close(descriptor)
            continue
        if recovery is None:
            Recovery(path, None, "", (), descriptor).drop()
            continue
        recovery._descriptor = descriptor
        found.append(recovery)
    found.sort(key=lambda r: r.started)
    return found, errors


class ReplayError(ValueError):
    """A recovered edit that cannot be placed or does not fit the map, or a result that would not validate."""

    def __init__(self, number: int, reason: object, words: str = "") -> None:
        super().__init__(f"{reason}")
        #: 1-based position of the edit that failed (the last one when the result is wrong).
        self.number = number
        #: That edit in words.
        self.words = words


def _fresh(jmap: JourneyMap, taken: set[str]) -> str:
    number = int(jmap.next_key()[1:])
    while f"t{number}" in taken:
        number += 1
    return f"t{number}"


def place(entry: Entry, jmap: JourneyMap, names: dict[str, str]) -> Edit:
    """The entry's edit with its touchpoints found in `jmap`; `names` (journal key → key here)
    grows as touchpoints are found or created. ItemGone when one cannot be placed without doubt."""
    edit = entry.edit
    taken = set(names.values())
    for key in edit.refers():
        if key in names:
            if key in entry.at:
                _check(jmap, names[key], *entry.at[key], key)
            continue
        if key not in entry.at:
            raise ItemGone(f"the journal does not say where touchpoint {key} was")
        stage_id, print_ = entry.at[key]
        stage = jmap.stages[jmap.stage_index(stage_id)]
        alike = [tp.key for tp in stage.touchpoints if tp.key not in taken and fingerprint(tp) == print_]
        if len(alike) != 1:
            what = "no touchpoint" if not alike else f"{len(alike)} touchpoints"
            raise ItemGone(f"{what} in stage '{stage_id}' like the one the journal names ({key})")
        names[key] = alike[0]
        taken.add(alike[0])
    for key in edit.creates():
        names[key] = _fresh(jmap, taken)
        taken.add(names[key])
    return edit.renamed(names)


def _check(jmap: JourneyMap, here: str, stage_id: str, print_: str, key: str) -> None:
    """The touchpoint `here` is the one the journal's `key` was: same stage, same content before the edit."""
    stage = jmap.stages[jmap.stage_index(stage_id)]
    if not any(tp.key == here and fingerprint(tp) == print_ for tp in stage.touchpoints):
        raise ItemGone(f"the touchpoint the journal names ({key}) is not in stage '{stage_id}' as it was")


def by_position(recovery: Recovery, jmap: JourneyMap) -> dict[str, str]:
    """The journal's keys → this map's, position by position, when the journal recorded its base's
    order and this map has the same shape (the same base, opened afresh); else nothing."""
    order = recovery.order
    if order is None or [len(keys) for keys in order] != [len(stage.touchpoints) for stage in jmap.stages]:
        return {}
    return {theirs: tp.key for keys, stage in zip(order, jmap.stages) for theirs, tp in zip(keys, stage.touchpoints)}


def describe(recovery: Recovery, jmap: JourneyMap, same_base: bool) -> list[str]:
    """Each edit in words, naming items as they are just before it (a dry run on the model)."""
    lines = []
    names = by_position(recovery, jmap) if same_base else {}
    for entry in recovery.entries:
        try:
            edit = place(entry, jmap, names)
        except ValueError:
            edit = entry.edit
        lines.append(edit.describe(jmap))
        try:
            jmap = edit.apply(None, jmap)[0]
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            pass
    return lines


def replay(history: History, recovery: Recovery, same_base: bool) -> list[tuple[Edit, JourneyMap]]:
    """Apply the recovered edits through `history`, so each can be undone; all or nothing.

    Returns each edit as applied with the map before it (for the session's own
    journal). On a ReplayError the document and the history are as they were.
    """
    document = history.document
    before_text, before_map = document.text(), document.map
    checkpoint = history.checkpoint()
    done: list[tuple[Edit, JourneyMap]] = []
    names = by_position(recovery, document.map) if same_base else {}
    number, words = 0, ""
    try:
        for number, entry in enumerate(recovery.entries, 1):
            jmap = document.map
            words = entry.edit.describe(jmap)
            edit = place(entry, jmap, names)
            words = edit.describe(jmap)
            done.append((history.do(edit), jmap))
        # The same check as opening a map: the first error, with its position, is a MapError.
        MapDocument.from_text(document.path, document.text())
    except (IndexError, KeyError, TypeError, ValueError, AttributeError, MapError, OverflowError) as error:
        try:
            history.rewind(checkpoint)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            pass  # the text below is the truth
        if document.text() != before_text:  # an edit failed half-way: the text is the truth
            document.restore(before_text, before_map)
        raise ReplayError(number, error, words) from None
    return done
