"""A map's title and stage count from the head of its file, for a list of many maps.

A list must show every file of a folder at once, whatever lies there: reading
each file whole let one 2 GB `*.toml` hold the map picker for 15 s and 4 GB of
memory. So only the first HEAD_BYTES of a file are read, files over SKIP_BYTES
are not opened at all, and a map longer than its head shows the stages the
head holds as a lower bound.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

#: What is read of each file: the title and the first stages of any real map.
HEAD_BYTES = 16 * 1024
#: Larger files are listed with a note and never opened.
SKIP_BYTES = 10 * 1024 * 1024

_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_STAGE = re.compile(r"^[ \t]*\[\[[ \t]*(?:stages|\"stages\"|'stages')[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class Glance:
    """What a list shows of one file without reading it all."""

    path: Path
    size: int = 0
    title: str = ""
    #: Stages seen; None when the head says nothing sure about them.
    stages: int | None = None
    #: The head did not reach the end of the file: there may be more stages than `stages`.
    more: bool = False
    #: Over SKIP_BYTES: not opened.
    skipped: bool = False
    #: The file could not be opened or is not a regular file.
    unreadable: bool = False
    #: The whole file was read and is not TOML: the editor will say where.
    invalid: bool = False


def glance(path: Path) -> Glance:
    """The title and stage count of `path`, reading at most HEAD_BYTES of it."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return Glance(path, unreadable=True)
    if not stat.S_ISREG(info.st_mode):
        return Glance(path, unreadable=True)
    if info.st_size > SKIP_BYTES:
        return Glance(path, info.st_size, skipped=True)
    head = _head(path)
    if head is None:
        return Glance(path, info.st_size, unreadable=True)
    complete = len(head) <= HEAD_BYTES
    if not complete:  # a line cut in two would not parse: keep whole lines only
        head = head[: head.rfind(b"\n", 0, HEAD_BYTES) + 1]
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    if complete:
        whole = _whole(path, info.st_size, text)
        if whole is not None:
            return whole
    return Glance(path, info.st_size, _title(text), len(_STAGE.findall(text)), more=not complete,
                  invalid=complete)


def _head(path: Path) -> bytes | None:
    """The first HEAD_BYTES + 1 bytes; non-blocking, so a FIFO swapped in meanwhile cannot hang the list."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        chunks, wanted = [], HEAD_BYTES + 1
        while wanted > 0:
            chunk = os.read(descriptor, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _whole(path: Path, size: int, text: str) -> Glance | None:
    """A file that fits in its head is parsed for real: exact count, inline arrays too."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    title = data.get("title")
    stages = data.get("stages")
    return Glance(path, size, title if isinstance(title, str) else "",
                  len(stages) if isinstance(stages, list) else 0)


def _title(text: str) -> str:
    """The top-level title, from the lines before the first table (where TOML puts it)."""
    table = _TABLE.search(text)
    top = text[: table.start()] if table else text
    try:
        title = tomllib.loads(top).get("title")
    except (tomllib.TOMLDecodeError, RecursionError):
        return ""
    return title if isinstance(title, str) else ""
