"""A map's title and stage count from the head of its file (`tui.core.glance`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core import glance as glance_module
from tui.core.glance import HEAD_BYTES, SKIP_BYTES, glance

from tests_support import EXAMPLE, ROOT


@pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.toml")), ids=lambda p: p.name)
def test_the_examples_show_their_title_and_exact_stage_count(path):
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = glance(path)
    assert (found.title, found.stages, found.more) == (data["title"], len(data["stages"]), False)


def test_an_inline_array_of_stages_is_counted(tmp_path):
    path = tmp_path / "inline.toml"
    path.write_text('schema = 1\ntitle = "En ligne"\nstages = [{id = "a", name = "A"}, {id = "b", name = "B"}]\n')
    assert (glance(path).title, glance(path).stages) == ("En ligne", 2)


def test_a_long_map_reads_only_its_head_and_gives_a_lower_bound(tmp_path, monkeypatch):
    path = tmp_path / "long.toml"
    stages = "".join(f'\n[[stages]]\nid = "s{i}"\nname = "Étape {i}"\n' for i in range(5000))
    path.write_text(f'schema = 1\ntitle = "Très longue"\n{stages}', encoding="utf-8")
    wanted: list[int] = []
    real_read = os.read
    monkeypatch.setattr(glance_module.os, "read", lambda fd, n: (wanted.append(n), real_read(fd, n))[1])
    found = glance(path)
    assert sum(wanted) <= HEAD_BYTES + 1
    assert found.title == "Très longue" and found.more
    assert 0 < found.stages < 5000


def test_a_file_over_the_limit_is_never_opened(tmp_path, monkeypatch):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(SKIP_BYTES + 1)
    monkeypatch.setattr(glance_module.os, "open", lambda *a, **k: pytest.fail("opened"))
    found = glance(path)
    assert found.skipped and found.size == SKIP_BYTES + 1 and found.stages is None


def test_a_broken_map_is_invalid_with_what_its_head_says(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('schema = 1\ntitle = "Cassée"\n[[stages]]\nid = "a"\nname = "A\n', encoding="utf-8")
    found = glance(path)
    assert found.invalid and found.title == "Cassée" and found.stages == 1


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"[" * 20000, b"title = 3\n", b""])
def test_any_bytes_give_a_glance_never_an_error(tmp_path, content):
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    found = glance(path)
    assert found.title == "" and not found.skipped


def test_what_is_not_a_regular_file_is_unreadable(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert glance(fifo).unreadable and glance(loop).unreadable and glance(tmp_path).unreadable
    assert glance(Path(tmp_path / "absent.toml")).unreadable


def test_a_byte_order_mark_and_crlf_are_read(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert glance(path).title == glance(EXAMPLE).title and glance(path).stages == glance(EXAMPLE).stages
