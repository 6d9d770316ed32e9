"""A running `parcours serve` for the live tests, and a reader of its watch page's event stream."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`parcours serve MAP` in a subprocess, with the links it printed."""

    def __init__(self, path: Path, *arguments: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, "-m", "tui", "serve", str(path), "--port", str(self.port),
                                         *arguments], cwd=path.parent, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            if "watch:" in line:
                break
        else:
            raise AssertionError(f"serve printed no links: {self.lines}")
        text = "\n".join(self.lines)
        self.edit = re.search(r"edit[^:]*: (http://\S+)", text).group(1)
        self.watch = re.search(r"watch: (http://\S+)", text).group(1)
        self._wait_listening()

    def _wait_listening(self) -> None:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("serve does not listen")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


class Stream:
    """The watch page's server-sent events, read as they come (each a JSON update)."""

    def __init__(self, watch_link: str) -> None:
        parts = urllib.parse.urlsplit(watch_link)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
        self.connection.request("GET", f"/watch/events?{parts.query}")
        self.response = self.connection.getresponse()
        assert self.response.status == 200, self.response.status
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> dict:
        while True:
            line = self.response.readline()
            if not line:
                raise AssertionError("the stream ended")
            if line.startswith(b"data: "):
                return json.loads(line[6:])

    def until(self, condition, seconds: float = 10.0) -> dict:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            update = self.next()
            if condition(update):
                return update
        raise AssertionError("no such update came")

    def close(self) -> None:
        self.connection.close()
