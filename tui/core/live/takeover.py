"""Taking over a map whose host is gone: its journal, replayed into a session of one's own.

The old host acknowledged nothing it had not journaled, so its journal holds
every edit anyone saw (and perhaps one or two it never got to send). Whoever
takes the lock next opens the map as it is on disk and replays that journal,
the one the host named in its welcome; any other lost session's journal is
left for the next editor that opens the map alone to offer. The journal's
tags say which participants' requests are in it, so none is done twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.journal import journal_path
from tui.core.recovery import Recovery, ReplayError, orphans
from tui.core.session import Session


def adopt(path: Path, journal: str | None, folder: Path | None = None,
          new_map: Callable[[], str] | None = None) -> tuple[Session, list[str | None]]:
    """A session on `path` with the journal `journal` (the old host's) replayed in it, and the tags of
    what was replayed. MapError when the map does not read now (blocking: run it in a thread)."""
    if path.exists() or new_map is None:
        document = MapDocument.load(path)
    else:  # a new map, never saved: the template it started from
        document = MapDocument.from_text(path, new_map(), on_disk=False)
    session = Session(document, journal_folder=folder)
    found, _errors = orphans(path, folder)
    wanted = journal_path(path, journal, folder).name if journal else None
    theirs: Recovery | None = None
    for recovery in found:
        if recovery.path.name == wanted and theirs is None:
            theirs = recovery
        else:
            recovery.release()  # another lost session's: offered the next time the map opens alone
    if theirs is None:
        return session, []
    try:
        session.recover(theirs)
    except ReplayError:
        return session, []  # the journal stays on disk, to be offered; the map is the file as saved
    return session, [entry.by for entry in theirs.entries]
