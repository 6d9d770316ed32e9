"""Several processes on one map: kill -9 the host, kill -9 a participant, and real editors in terminals.

Each peer is its own Python process (`peer.py`, a Link with no screen; and the
editor itself in a pseudo-terminal for the last test), so a kill is a real one:
no `finally`, no clean goodbye, only what the kernel does.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from live_support import map_file, wait_for

PEER = Path(__file__).with_name("peer.py")


class Peer:
    def __init__(self, path: Path, name: str) -> None:
        self.process = subprocess.Popen([sys.executable, str(PEER), str(path), name], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)
        self.ready = self._answer()["ready"]

    def _answer(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError("the peer ended")
        return json.loads(line)

    def ask(self, **command) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        return self._answer()

    def state(self) -> dict:
        return self.ask(do="state")

    def kill(self) -> None:
        self.process.kill()  # SIGKILL
        self.process.wait(timeout=10)

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def peers():
    started: list[Peer] = []

    def start(path: Path, name: str) -> Peer:
        peer = Peer(path, name)
        started.append(peer)
        return peer

    yield start
    for peer in started:
        peer.end()


def who(tp: str, value: str) -> dict:
    return {"op": "SetTouchpointField", "touchpoint": tp, "key": "who", "value": value}


def test_kill_9_of_the_host_loses_no_acknowledged_edit(tmp_path, peers):
    path = map_file(tmp_path)
    before = path.read_bytes()
    host, bob, carol = peers(path, "host"), peers(path, "bob"), peers(path, "carol")
    assert (host.ready, bob.ready, carol.ready) == ("host", "participant", "participant")
    bob.ask(do="apply", edit=who("t1", "Bob"))
    carol.ask(do="apply", edit={"op": "SetMapField", "key": "title", "value": "Carole"})
    # Acknowledged: each author saw its own change come back.
    wait_for(lambda: bob.state()["version"] == 2 and carol.state()["version"] == 2)
    host.kill()
    wait_for(lambda: {bob.state()["role"], carol.state()["role"]} == {"host", "participant"}
             and bob.state()["connected"] and carol.state()["connected"], seconds=20, what="a new host")
    for peer in (bob, carol):
        wait_for(lambda: peer.state()["title"] == "Carole" and peer.state()["who"][0] == "Bob", what="both edits")
        assert peer.state()["dirty"]
    assert path.read_bytes() == before  # nothing saved: the edits live in the new host's journal
    carol.ask(do="apply", edit=who("t2", "Carole"))
    wait_for(lambda: bob.state()["who"][1] == "Carole")
    [new_host] = [p for p in (bob, carol) if p.state()["role"] == "host"]
    new_host.ask(do="save")
    wait_for(lambda: not bob.state()["dirty"] and not carol.state()["dirty"])
    text = path.read_text(encoding="utf-8")
    assert 'title = "Carole"' in text and 'who = "Bob"' in text and 'who = "Carole"' in text


def test_kill_9_of_a_participant_loses_nothing_of_the_others(tmp_path, peers):
    path = map_file(tmp_path)
    host, bob = peers(path, "host"), peers(path, "bob")
    host.ask(do="apply", edit=who("t1", "Hôte"))
    bob.ask(do="apply", edit=who("t2", "Bob"))
    wait_for(lambda: bob.state()["version"] == 2 and host.state()["version"] == 2)
    wait_for(lambda: host.state()["people"] == 2)
    bob.kill()
    wait_for(lambda: host.state()["people"] == 1, what="the host sees Bob go")
    carol = peers(path, "carol")
    wait_for(lambda: carol.state()["who"][:2] == ["Hôte", "Bob"])
    assert host.state()["role"] == "host" and host.state()["version"] == 2


def test_when_the_last_one_goes_the_map_is_journaled_as_ever(tmp_path, peers):
    from tui.core.recovery import orphans

    path = map_file(tmp_path)
    host, bob = peers(path, "host"), peers(path, "bob")
    bob.ask(do="apply", edit=who("t1", "Bob"))
    wait_for(lambda: bob.state()["version"] == 1)
    bob.ask(do="leave")
    host.kill()
    found, errors = orphans(path)
    assert errors == [] and len(found) == 1
    assert [type(e).__name__ for e in found[0].edits] == ["SetTouchpointField"]
    found[0].release()


def _editor(path: Path, name: str):
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "tui", str(path), "--name", name], stdin=follower,
                               stdout=follower, stderr=follower, env={**os.environ, "TERM": "xterm-256color"},
                               start_new_session=True)
    os.close(follower)
    return process, leader


def _drain(leader: int, seconds: float) -> bytes:
    import select

    seen = b""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([leader], [], [], min(left, 0.05))
        if ready:
            try:
                seen += os.read(leader, 65536)
            except OSError:
                break
    return seen


def test_two_editors_in_terminals_share_the_map_and_survive_a_kill_9_of_the_host(tmp_path):
    from tui.core.journal import map_key, state_folder

    path = map_file(tmp_path)
    first, first_tty = _editor(path, "Alice")
    second = second_tty = None
    screens = {"first": b"", "second": b""}

    def shows(which: str, tty: int, text: bytes) -> bool:
        screens[which] += _drain(tty, 0.2)
        return text in screens[which]

    try:
        wait_for(lambda: shows("first", first_tty, b"concert"), seconds=30, what="the first editor")
        second, second_tty = _editor(path, "Bob")
        # (the header may be cut at the terminal's width: "en direct · 2 participants")
        wait_for(lambda: shows("second", second_tty, "en direct · 2".encode()), seconds=30,
                 what="the second editor joining")
        os.write(second_tty, b"d")  # Bob deletes the first touchpoint, in the host's session
        journals = lambda: list(state_folder().glob(f"{map_key(path)}.*.jsonl"))  # noqa: E731
        wait_for(lambda: any("DeleteTouchpoint" in j.read_text(encoding="utf-8") for j in journals()), seconds=20,
                 what="the host journaling Bob's edit")
        _drain(second_tty, 0.3)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        # Bob's editor now hosts: the old journal was replayed into its own, and dropped.
        wait_for(lambda: len(journals()) == 1 and "DeleteTouchpoint" in journals()[0].read_text(encoding="utf-8")
                 and _drain(second_tty, 0.1) is not None and _owner_alive(journals()[0]), seconds=20,
                 what="Bob's editor hosting with the edit")
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        for tty in (first_tty, second_tty):
            if tty is not None:
                os.close(tty)


def _owner_alive(journal: Path) -> bool:
    """A live session holds its journal's lock."""
    import fcntl

    with open(journal, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
