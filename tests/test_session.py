"""The editing Session without any face: journals that cannot hurt each other, saves that keep
what came in meanwhile, recovery by identity, and a watcher that stats before it hashes."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tui.core import journal as journal_module
from tui.core import session as session_module
from tui.core.document import MapDocument
from tui.core.edits import DeleteTouchpoint, InsertTouchpoint, ItemGone, MoveTouchpoint, SetMapField, SetTouchpointField
from tui.core.journal import map_key
from tui.core.recovery import ReplayError, orphans
from tui.core.session import Changed, Conflict, DiskChanged, JournalFailing, Replaced, Saved, Session



def _session(path: Path, folder: Path, **kwargs) -> tuple[Session, list]:
    session = Session(MapDocument.load(path), journal_folder=folder, **kwargs)
    events: list = []
    session.listen(events.append)
    return session, events


def _journals(folder: Path, path: Path) -> list[Path]:
    return sorted(folder.glob(f"{map_key(path)}.*.jsonl")) if folder.exists() else []


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "state" / "journal"


def test_edits_are_journaled_by_identity_in_a_private_file(map_copy, folder):
    path = map_copy()
    session, events = _session(path, folder)
    session.apply(DeleteTouchpoint("t1"))
    session.apply(SetTouchpointField("t2", "who", "Moi"))
    assert session.journal.flush()
    [journal] = _journals(folder, path)
    assert session.journal.session in journal.name
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    header, *lines = _lines(journal)
    assert header["base"] == session.document.disk_digest
    assert [(line["op"], line.get("touchpoint")) for line in lines] == [("DeleteTouchpoint", "t1"),
                                                                     ("SetTouchpointField", "t2")]
    assert [e.version for e in events if isinstance(e, Changed)] == [1, 2]


def _two_editors(path: Path, folder: Path) -> tuple[Session, Session]:
    """Alice and Bob, each with an unsaved edit of the same map."""
    alice, _ = _session(path, folder)
    bob, _ = _session(path, folder)
    alice.apply(SetMapField("title", "Alice"))
    bob.apply(SetMapField("title", "Bob"))
    return alice, bob


def test_two_sessions_on_one_map_never_offer_each_other_their_live_journal(map_copy, folder):
    path = map_copy()
    alice, bob = _two_editors(path, folder)
    assert alice.journal.flush() and bob.journal.flush()
    assert len(_journals(folder, path)) == 2
    assert orphans(path, folder) == ([], [])  # both alive: nothing to offer, nothing touched
    alice.journal.release()  # Alice's process dies
    found, _ = orphans(path, folder)
    assert [r.path for r in found] == [alice.journal.path] and found[0].edits == (SetMapField("title", "Alice"),)
    found[0].release()
    bob.journal.release()
    found, _ = orphans(path, folder)
    assert sorted(r.path for r in found) == sorted([alice.journal.path, bob.journal.path])
    assert all(r.started for r in found)


def test_a_read_only_session_never_makes_or_removes_a_journal(map_copy, folder):
    path = map_copy()
    editor, _ = _session(path, folder)
    editor.apply(SetMapField("title", "Mine"))
    editor.journal.flush()
    viewer, _ = _session(path, folder, read_only=True)
    assert viewer.journal is None
    with pytest.raises(PermissionError):
        viewer.apply(SetMapField("title", "Theirs"))
    assert viewer.undo() is None and viewer.save() is False
    viewer.close()
    assert _journals(folder, path) == [editor.journal.path]


def test_a_save_or_a_clean_close_removes_only_this_sessions_journal(map_copy, folder):
    path = map_copy()
    alice, bob = _two_editors(path, folder)
    assert alice.save()
    alice.journal.flush(), bob.journal.flush()
    assert _journals(folder, path) == [bob.journal.path]
    bob.close()
    assert _journals(folder, path) == []


def test_an_edit_made_while_a_save_is_written_stays_unsaved_and_journaled(map_copy, folder, monkeypatch):
    path = map_copy()
    session, events = _session(path, folder)
    session.apply(SetMapField("title", "Écrit"))
    writing, go = threading.Event(), threading.Event()
    real = session_module.write_proven

    def slow(*args):
        writing.set()
        assert go.wait(10)
        return real(*args)

    monkeypatch.setattr(session_module, "write_proven", slow)
    saver = threading.Thread(target=session.save)
    saver.start()
    assert writing.wait(10)
    session.apply(SetTouchpointField("t1", "who", "Pendant"))  # the save's snapshot is already taken
    go.set()
    saver.join(10)
    assert MapDocument.load(path).map.title == "Écrit"
    assert MapDocument.load(path).map.touchpoint(0, 0).who != "Pendant"
    assert session.dirty
    [saved] = [e for e in events if isinstance(e, Saved)]
    assert saved.version == 1
    assert session.journal.flush()
    [journal] = _journals(folder, path)
    header, *lines = _lines(journal)
    assert header["base"] == session.document.disk_digest
    assert [line["op"] for line in lines] == ["SetTouchpointField"]
    session.undo()
    assert not session.dirty


def test_a_save_over_a_file_changed_by_someone_else_is_a_conflict(map_copy, folder):
    path = map_copy()
    session, events = _session(path, folder)
    session.apply(SetMapField("title", "Mine"))
    other = path.read_bytes().replace(b"Camille", b"Dominique")
    path.write_bytes(other)
    assert not session.save()
    assert isinstance(events[-1], Conflict) and path.read_bytes() == other
    assert session.save(force=True) and MapDocument.load(path).map.title == "Mine"


def test_journal_failure_is_told_and_so_is_its_end(map_copy, tmp_path):
    path = map_copy()
    blocker = tmp_path / "state"
    blocker.write_text("not a folder")
    session, events = _session(path, blocker / "journal")
    told = {True: threading.Event(), False: threading.Event()}
    session.listen(lambda e: told[e.failing].set() if isinstance(e, JournalFailing) else None)
    session.apply(SetMapField("title", "Mine"))
    assert not session.journal.flush()
    assert told[True].wait(10) and session.journal_failing
    blocker.unlink()  # the folder can be made again
    session.journal.retry()
    assert session.journal.flush()
    assert told[False].wait(10) and not session.journal_failing
    [journal] = _journals(blocker / "journal", path)
    assert [line["op"] for line in _lines(journal)[1:]] == ["SetMapField"]
    assert [e.failing for e in events if isinstance(e, JournalFailing)] == [True, False]


def test_a_failed_fsync_never_truncates_what_was_journaled(map_copy, folder, monkeypatch):
    path = map_copy()
    session, _ = _session(path, folder)
    session.apply(SetMapField("title", "Un"))
    session.apply(SetMapField("title", "Deux"))
    assert session.journal.flush()
    [journal] = _journals(folder, path)
    good = journal.read_bytes()

    def broken(descriptor):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(journal_module.os, "fsync", broken)
    session.apply(SetMapField("title", "Trois"))
    assert not session.journal.flush()
    assert journal.read_bytes().startswith(good)
    monkeypatch.undo()
    session.journal.retry()
    assert session.journal.flush()
    assert [line.get("value") for line in _lines(journal)[1:]] == ["Un", "Deux", "Trois"]


def test_recovery_onto_a_reordered_map_applies_to_the_same_touchpoints(map_copy, folder):
    path = map_copy()
    lost, _ = _session(path, folder)
    who = lost.map.touchpoint(1, 1).who
    lost.apply(SetTouchpointField("t4", "emotion", -2))  # Recherche #2
    lost.apply(DeleteTouchpoint("t1"))
    lost.journal.release()
    # Meanwhile someone else saves the map with the stages in another order.
    other = Session(MapDocument.load(path), read_only=False, journal_folder=folder / "other")
    other.apply(MoveTouchpoint("t4", "recherche", None))
    other.apply(MoveTouchpoint("t2", "selection", None))
    assert other.save()
    session, events = _session(path, folder)
    [recovery], _ = orphans(path, folder)
    lines = session.describe(recovery)
    assert lines[0] == "Recherche #1 · émotion → -2"
    assert session.recover(recovery) == 2
    jmap = session.map
    assert [t.who for t in jmap.stages[1].touchpoints if t.emotion == -2] == [who]
    assert jmap.touchpoint(2, 0).who == MapDocument.load(path).map.touchpoint(2, 0).who  # t2, moved: kept
    assert len(jmap.stages[0].touchpoints) == 0
    assert isinstance(events[-1], Replaced) and session.dirty
    assert orphans(path, folder) == ([], [])  # recovered: the lost journal is gone


def test_recovery_that_cannot_place_an_edit_applies_none_and_keeps_the_journal(map_copy, folder):
    path = map_copy()
    lost, _ = _session(path, folder)
    lost.apply(SetMapField("title", "Récupéré"))
    lost.apply(SetTouchpointField("t4", "emotion", -2))
    lost.journal.release()
    path.write_bytes(path.read_bytes().replace("l'âge minimum".encode(), "l'âge requis".encode(), 1))
    session, _ = _session(path, folder)
    [recovery], _ = orphans(path, folder)
    before = (session.document.text(), session.map)
    with pytest.raises(ReplayError) as raised:
        session.recover(recovery)
    assert raised.value.number == 2 and raised.value.words.startswith("Recherche #2 · émotion")
    assert (session.document.text(), session.map) == before and not session.dirty
    assert [r.path for r in orphans(path, folder)[0]] == [recovery.path]


def test_the_watcher_stats_first_and_hashes_only_a_changed_file(map_copy, folder, monkeypatch):
    path = map_copy()
    session, events = _session(path, folder)
    hashed = []
    real = session_module.digest
    monkeypatch.setattr(session_module, "digest", lambda data: (hashed.append(1), real(data))[1])
    for _ in range(3):
        session.check_disk()
    assert hashed == [] and events == []
    path.write_bytes(path.read_bytes().replace(b"Camille", b"Dominique"))
    session.check_disk()
    session.check_disk()
    assert len(hashed) == 1
    assert [type(e) for e in events] == [Replaced, DiskChanged] and events[1].reloaded
    assert session.map.persona.name.startswith("Dominique")


@pytest.mark.usefixtures("english_messages")  # about the English wording
def test_a_file_that_no_longer_reads_is_told_once_until_it_changes_again(map_copy, folder):
    path = map_copy()
    session, events = _session(path, folder)
    text = path.read_text(encoding="utf-8")
    path.write_text("<<<<<<< HEAD\n" + text + "=======\n>>>>>>> other\n", encoding="utf-8")
    for _ in range(3):
        session.check_disk()
    assert len(events) == 1 and not events[0].reloaded and events[0].error is not None
    path.write_text(text.replace("Camille", "Dominique"), encoding="utf-8")
    session.check_disk()
    assert [type(e) for e in events[1:]] == [Replaced, DiskChanged]


def test_unsaved_edits_are_kept_when_the_file_changes_and_told_once(map_copy, folder):
    path = map_copy()
    session, events = _session(path, folder)
    session.apply(SetMapField("title", "Mine"))
    path.write_bytes(path.read_bytes().replace(b"Camille", b"Dominique"))
    session.check_disk()
    session.check_disk()
    assert [e for e in events if isinstance(e, DiskChanged)] == [DiskChanged(False)]
    assert session.map.title == "Mine"
    session.undo()  # nothing unsaved any more: the next look reloads
    session.check_disk()
    assert session.map.persona.name.startswith("Dominique")


def test_an_edit_to_an_item_that_is_gone_changes_nothing_and_is_not_journaled(map_copy, folder):
    path = map_copy()
    session, events = _session(path, folder)
    session.apply(DeleteTouchpoint("t1"))
    with pytest.raises(ItemGone):
        session.apply(InsertTouchpoint("sensibilisation", "t1"))
    assert session.version == 1 and len(events) == 1
    session.journal.flush()
    [journal] = _journals(folder, path)
    assert len(_lines(journal)) == 2


def test_recovery_after_an_insert_and_a_save_applies_to_the_same_touchpoint(map_copy, folder):
    """The lost session inserted, saved, then edited: its keys were no longer the file's order.

    Found by hand in tmux: the edit was replayed onto the inserted touchpoint (the one that
    took its position in a map opened afresh), not the one it was made on.
    """
    path = map_copy()
    lost, _ = _session(path, folder)
    second = lost.map.touchpoint(0, 1)  # Sensibilisation #2, key t2
    lost.apply(InsertTouchpoint("sensibilisation", "t1", (("who", "Nouveau"),)))  # now #2; #2 becomes #3
    assert lost.save()
    lost.apply(SetTouchpointField(second.key, "who", "Corrigé"))
    lost.journal.flush()
    lost.journal.release()
    session, _ = _session(path, folder)
    [recovery], _ = orphans(path, folder)
    assert session.describe(recovery) == ["Sensibilisation #3 · qui → 'Corrigé'"]
    assert session.recover(recovery) == 1
    stage = session.map.stages[0]
    assert [t.who for t in stage.touchpoints[:3]] == [stage.touchpoints[0].who, "Nouveau", "Corrigé"]
    assert stage.touchpoints[2].response == second.response


def test_a_journal_key_that_no_longer_holds_what_it_did_stops_the_recovery(map_copy, folder):
    """Keys are never trusted blindly: the touchpoint must hold what the journal says it held."""
    path = map_copy()
    lost, _ = _session(path, folder)
    lost.apply(SetTouchpointField("t2", "who", "Corrigé"))
    lost.journal.flush()
    lost.journal.release()
    journal = next(folder.glob("*.jsonl"))
    lines = journal.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["order"][0] = list(reversed(header["order"][0]))  # a header that lies about the order
    journal.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    session, _ = _session(path, folder)
    [recovery], _ = orphans(path, folder)
    with pytest.raises(ReplayError):
        session.recover(recovery)
    assert not session.dirty
