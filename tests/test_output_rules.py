"""The rules for a command's output file (`tui.core.storage.write_output`), and conflict markers.

An existing file is replaced only with consent, the file being read never,
and a FIFO, a terminal or a device stays what it is.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from tui.core import storage
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.core.storage import EXISTS, atomic_write, check_output, status, write_output
from tui.core.validate import validate_file
from tui.output.i18n import _

from tests_support import EXAMPLE

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")


def _refused(path: Path, match: str, **rules) -> None:
    with pytest.raises(MapError, match=match) as raised:
        write_output(path, b"new\n", **rules)
    assert str(raised.value).startswith(str(path))


def test_a_new_file_is_written(tmp_path):
    target = tmp_path / "out.md"
    write_output(target, b"hello\n")
    assert target.read_bytes() == b"hello\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_an_existing_file_needs_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"old\n")
    _refused(target, _(EXISTS))
    assert target.read_bytes() == b"old\n"
    write_output(target, b"new\n", force=True)
    assert target.read_bytes() == b"new\n"


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("how", ["same-name", "relative", "symlink", "hard-link", "dotdot"])
def test_the_file_being_read_is_never_written_even_with_force(tmp_path, monkeypatch, how, force):
    source = tmp_path / "carte.toml"
    source.write_bytes(b"map\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    if how == "same-name":
        target = source
    elif how == "relative":
        target = Path("carte.toml")
    elif how == "symlink":
        target = tmp_path / "lien.toml"
        target.symlink_to(source)
    elif how == "hard-link":
        target = tmp_path / "dur.toml"
        os.link(source, target)
    else:
        target = Path("sub/../carte.toml")
    _refused(target, "is the file being read", force=force, source=source)
    assert source.read_bytes() == b"map\n"


def test_a_folder_is_never_an_output(tmp_path):
    _refused(tmp_path, "is a folder", force=True)


def test_a_missing_folder_is_named(tmp_path):
    _refused(tmp_path / "absent" / "out.md", "folder .*absent does not exist")


def test_a_file_in_place_of_a_folder_is_one_line(tmp_path):
    (tmp_path / "file").write_bytes(b"")
    _refused(tmp_path / "file" / "out.md", "not a folder")


def test_a_fifo_is_opened_and_written_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"x" * 200_000)  # more than a pipe holds: written in several goes
    reader.join(timeout=30)
    assert received == [b"x" * 200_000]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_device_is_written_in_place(tmp_path):
    write_output(Path("/dev/null"), b"nothing\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


FULL = Path("/dev/full")
#: Another program on this machine may have replaced /dev/full by a file: never write onto that.
FULL_DEVICE = FULL.is_char_device()


@pytest.mark.skipif(not FULL_DEVICE, reason="no /dev/full device here")
def test_a_full_device_is_one_error_and_stays_a_device():
    with pytest.raises(MapError, match="/dev/full: cannot write: No space left on device"):
        write_output(FULL, b"data\n")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_link_loop_is_one_error(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    _refused(loop, "symbolic links", force=True)


def test_a_name_too_long_is_one_error(tmp_path):
    _refused(tmp_path / ("a" * 300 + ".md"), "too long", force=True)


def test_a_name_of_255_bytes_is_still_written(tmp_path):
    """The temporary file's name is shortened, so the longest legal name still saves."""
    target = tmp_path / ("a" * 252 + ".md")
    write_output(target, b"ok\n")
    assert target.read_bytes() == b"ok\n"


def test_a_folder_that_may_not_be_searched_is_named(tmp_path, monkeypatch):
    target = tmp_path / "out.md"

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))

    monkeypatch.setattr(storage.os, "stat", denied)
    with pytest.raises(MapError, match=r"out.md: cannot write: Permission denied"):
        check_output(target)


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path):
    """Without consent the new file is linked into place, which fails if one is there now."""
    target = tmp_path / "out.md"
    target.write_bytes(b"someone else's\n")
    with pytest.raises(MapError, match=_(EXISTS)):
        atomic_write(target, b"mine\n", replace=False)
    assert target.read_bytes() == b"someone else's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_without_hard_links_a_new_file_is_renamed_into_place(tmp_path, monkeypatch):
    def unsupported(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(storage.os, "link", unsupported)
    target = tmp_path / "out.md"
    atomic_write(target, b"mine\n", replace=False)
    assert target.read_bytes() == b"mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_status_says_none_for_nothing_there_and_names_the_rest(tmp_path):
    assert status(tmp_path / "absent") is None
    assert stat.S_ISDIR(status(tmp_path).st_mode)
    with pytest.raises(MapError, match="NUL"):
        status(Path("a\x00b"))


# saving after the map's folder was deleted and made again


def test_a_save_after_the_current_folder_was_deleted_is_one_error(tmp_path, monkeypatch):
    folder = tmp_path / "cartes"
    folder.mkdir()
    (folder / "carte.toml").write_bytes(EXAMPLE.read_bytes())
    monkeypatch.chdir(folder)
    document = MapDocument.load(Path("carte.toml"))
    os.unlink(folder / "carte.toml")
    folder.rmdir()
    folder.mkdir()
    with pytest.raises(MapError, match="carte.toml: cannot save: the current folder no longer exists"):
        document.save(force=True)
    assert list(folder.iterdir()) == []


# merge conflict markers

CONFLICTED = """schema = 1
title = "Carte"

[[stages]]
id = "a"
<<<<<<< HEAD
name = "Étape A"
=======
name = "Stage A"
>>>>>>> branche
"""


def test_conflict_markers_are_named_at_the_first_marker(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text(CONFLICTED, encoding="utf-8")
    [issue] = validate_file(path)
    assert str(issue) == f"{path}:6:1: unresolved merge conflict markers at line 6"
    with pytest.raises(MapError, match="unresolved merge conflict markers at line 6"):
        MapDocument.load(path)


@pytest.mark.parametrize("marker", ["=======", ">>>>>>> theirs", "||||||| base"])
def test_any_marker_counts(tmp_path, marker):
    path = tmp_path / "carte.toml"
    path.write_text(f'schema = 1\ntitle = "x"\n{marker}\n', encoding="utf-8")
    assert "unresolved merge conflict markers at line 3" in str(validate_file(path)[0])


def test_markers_inside_a_multiline_string_are_a_value(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text('schema = 1\ntitle = """\n<<<<<<< HEAD\n=======\n>>>>>>> x\n"""\n', encoding="utf-8")
    assert validate_file(path) == []
    assert MapDocument.load(path).map.title.startswith("<<<<<<< HEAD")


def test_a_crlf_map_with_markers_is_recognised(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_bytes(CONFLICTED.replace("\n", "\r\n").encode("utf-8"))
    assert "merge conflict markers at line 6" in str(validate_file(path)[0])


def test_an_ordinary_syntax_error_is_not_called_a_conflict(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text('schema = 1\ntitle = "x\n# <<<<<<< not at a line start\n', encoding="utf-8")
    assert "conflict" not in str(validate_file(path)[0])
