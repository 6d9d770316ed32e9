"""Helpers for the live-session tests: links on one map, waiting for conditions, raw clients."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import time
from collections.abc import Callable
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.live.link import Link
from tui.core.live.rendezvous import Place

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], object], seconds: float = 10.0, what: str = "the condition") -> None:
    """Poll `condition` until it holds; fail after `seconds` (a bound, never a timing assertion)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"{what} did not come within {seconds} s")


class Face:
    """A link and everything it heard, as a face would."""

    def __init__(self, path: Path, name: str, **kwargs) -> None:
        self.heard: list[object] = []
        self.link = Link.open(path, MapDocument.load(path), name=name, **kwargs)
        self.link.listen(self.heard.append)

    def said(self, kind: type) -> list:
        return [e for e in list(self.heard) if isinstance(e, kind)]


def map_file(tmp_path: Path, name: str = "concert.toml") -> Path:
    target = tmp_path / name
    shutil.copyfile(ROOT / "maps" / name, target)
    return target


def raw_client(path: Path) -> socket.socket:
    """A plain socket on the map's session, for sending what no parcours would."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(str(Place.of(path).socket))
    sock.settimeout(10)
    return sock


def hello(client: str = "raw0000", name: str = "raw") -> bytes:
    return json.dumps({"type": "hello", "client": client, "name": name, "read_only": False, "observer": False,
                       "protocol": 1}).encode() + b"\n"


def read_until_closed(sock: socket.socket, limit: int = 1 << 26) -> bytes:
    """Everything the host sends until it closes the connection (socket.timeout if it never does)."""
    data = b""
    while len(data) < limit:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:  # closed with our lines unread: closed all the same
            return data
        if not chunk:
            return data
        data += chunk
    return data


def messages(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines() if line.strip()]


__all__ = ["Face", "asyncio", "hello", "map_file", "messages", "raw_client", "read_until_closed", "wait_for"]
