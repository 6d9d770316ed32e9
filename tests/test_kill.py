"""Kill the editor mid-session (the SSH connection drops, or worse) and get the edits back."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests_support import EXAMPLE
from tui.core.journal import map_key, state_folder
from tui.core.recovery import orphans


#: `python -m tui`, with a hang-up's default action: a suite run under nohup hands its SIG_IGN down,
#: and an editor that ignores SIGHUP is not what a dropped SSH connection meets.
START = ("import runpy, signal; signal.signal(signal.SIGHUP, signal.SIG_DFL); "
         "runpy.run_module('tui', run_name='__main__', alter_sys=True)")


def _start(map_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-c", START, str(map_path)], stdin=follower, stdout=follower, stderr=follower,
        env={**env, "TERM": "xterm-256color"}, start_new_session=True,
    )
    os.close(follower)
    return process, leader


def _drain(leader: int, seconds: float) -> None:
    """Read whatever the app draws, so it never blocks on a full pty; never wait past `seconds`."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([leader], [], [], min(left, 0.1))
        if ready:
            try:
                os.read(leader, 65536)
            except OSError:
                return


def _wait_for(leader: int, condition, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        _drain(leader, 0.1)
    return False


def _journaled(map_path: Path) -> int:
    """How many edits the live session's journal holds (its header aside)."""
    files = list(state_folder().glob(f"{map_key(map_path)}.*.jsonl"))
    return sum(len(f.read_text(encoding="utf-8").splitlines()) - 1 for f in files)


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGKILL], ids=["SIGHUP", "SIGKILL"])
def test_killed_session_leaves_its_edits_recoverable(tmp_path, sig):
    map_path = tmp_path / "concert.toml"
    shutil.copyfile(EXAMPLE, map_path)
    before = map_path.read_bytes()
    process, leader = _start(map_path, dict(os.environ))
    try:
        _drain(leader, 3.0)
        os.write(leader, b"d")  # delete the first touchpoint
        _drain(leader, 0.5)
        os.write(leader, b"+")
        assert _wait_for(leader, lambda: _journaled(map_path) >= 2), "no journal"
        assert orphans(map_path) == ([], [])  # a live session's journal is never offered
        os.killpg(process.pid, sig)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        os.close(leader)
    assert map_path.read_bytes() == before
    [recovery], errors = orphans(map_path)
    assert errors == []
    assert [type(e).__name__ for e in recovery.edits] == ["DeleteTouchpoint", "SetTouchpointField"]
