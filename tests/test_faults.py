"""Faults around a save: each test fails if the protection it names is taken away."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tui.core import storage
from tui.core.document import MapDocument, StaleMap
from tui.core.edits import SetMapField, SetTouchpointField
from tui.core.errors import MapError

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")


def _edited(path: Path, title: str) -> MapDocument:
    document = MapDocument.load(path)
    document.apply(SetMapField("title", title))
    return document


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_two_documents_on_one_file_never_lose_the_first_save(map_copy):
    path = map_copy()
    alice, bob = _edited(path, "Alice"), _edited(path, "Bob")
    alice.save()
    with pytest.raises(StaleMap, match="changed on disk"):
        bob.save()
    assert MapDocument.load(path).map.title == "Alice"
    copy = bob.copy_path()
    bob.save(copy, force=True)
    assert copy.parent == path.parent and copy != path
    assert MapDocument.load(copy).map.title == "Bob"
    assert MapDocument.load(path).map.title == "Alice"


def test_a_change_on_disk_between_load_and_save_is_detected_by_content(map_copy):
    path = map_copy()
    document = _edited(path, "Mine")
    stamp = path.stat()
    changed = path.read_text(encoding="utf-8").replace("Achat de billets", "Achat de places")
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time: only the hash can tell
    assert document.changed_on_disk()
    with pytest.raises(StaleMap):
        document.save()
    assert path.read_text(encoding="utf-8") == changed
    document.save(force=True)
    assert MapDocument.load(path).map.title == "Mine"


def test_a_saved_document_can_save_again(map_copy):
    path = map_copy()
    document = _edited(path, "Un")
    document.save()
    document.apply(SetMapField("title", "Deux"))
    document.save()
    assert MapDocument.load(path).map.title == "Deux"


def test_a_deleted_map_is_a_change_on_disk(map_copy):
    path = map_copy()
    document = _edited(path, "Mine")
    path.unlink()
    with pytest.raises(StaleMap):
        document.save()


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failing_write_leaves_the_old_map_whole(map_copy, monkeypatch, failing):
    path = map_copy()
    before = path.read_bytes()
    document = _edited(path, "Jamais écrit")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                full()

        monkeypatch.setattr(storage.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(storage.os, failing, full)
    with pytest.raises(MapError, match="No space left"):
        document.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []
    assert document.changed_on_disk() is False  # still the old map: a later save may retry
    document.save()
    assert MapDocument.load(path).map.title == "Jamais écrit"


def test_a_folder_that_refuses_new_files_is_a_clear_error(map_copy, monkeypatch):
    path = map_copy()
    before = path.read_bytes()
    document = _edited(path, "Mine")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    with pytest.raises(MapError, match=r"cannot save in .*Permission denied"):
        document.save()
    assert path.read_bytes() == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_a_clear_error(map_copy):
    path = map_copy()
    before = path.read_bytes()
    document = _edited(path, "Mine")
    path.parent.chmod(0o500)
    try:
        with pytest.raises(MapError, match="cannot save in"):
            document.save()
    finally:
        path.parent.chmod(0o700)
    assert path.read_bytes() == before


def test_saving_keeps_the_permissions(map_copy):
    path = map_copy()
    path.chmod(0o640)
    _edited(path, "Mine").save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_follows_the_umask(tmp_path, map_copy):
    document = _edited(map_copy(), "Mine")
    old = os.umask(0o027)
    try:
        document.save(tmp_path / "nouvelle.toml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "nouvelle.toml").stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link_and_its_target_is_written(tmp_path, map_copy):
    target = map_copy()
    elsewhere = tmp_path / "dossier"
    elsewhere.mkdir()
    link = elsewhere / "lien.toml"
    link.symlink_to(target)
    document = MapDocument.load(link)
    document.apply(SetTouchpointField("t1", "who", "Quelqu'un"))
    document.save()
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert MapDocument.load(target).map.touchpoint(0, 0).who == "Quelqu'un"
    assert _leftovers(elsewhere) == [] and _leftovers(target.parent) == []


def test_the_temporary_file_sits_beside_the_map(map_copy, monkeypatch):
    """A rename is atomic only within one file system: the temporary file must be in the map's folder."""
    path = map_copy()
    seen: list[Path] = []
    real = storage.tempfile.mkstemp

    def spy(*args, **kwargs):
        handle, name = real(*args, **kwargs)
        seen.append(Path(name))
        return handle, name

    monkeypatch.setattr(storage.tempfile, "mkstemp", spy)
    _edited(path, "Mine").save()
    assert [p.parent for p in seen] == [path.parent]
    assert not seen[0].exists()


def test_the_data_reaches_the_disk_before_the_rename(map_copy, monkeypatch):
    calls: list[str] = []
    real_fsync, real_replace = storage.os.fsync, storage.os.replace
    monkeypatch.setattr(storage.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(storage.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    _edited(map_copy(), "Mine").save()
    assert calls[:2] == ["fsync", "replace"]
