"""First paint and peak memory, measured on real processes in a pseudo-terminal.

Each app is started as a user starts it (a new Python process) in an 80×24
pty; the clock stops when the first grid row ("Sensibilisation", the first
stage) has been written to the terminal. Both apps are timed the same way, so
the ratio is what parcours adds to what Textual itself costs.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = b"Sensibilisation"


@dataclass(frozen=True)
class Run:
    seconds: float
    #: Peak resident memory of the process (VmHWM), in MB, after a few keys.
    peak_mb: float


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _read_until(leader: int, marker: bytes, timeout: float) -> bool:
    seen = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([leader], [], [], 0.01)
        if ready:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:
                return False
            seen = seen[-len(marker):] + chunk
            if marker in seen:
                return True
    return False


def _drain(leader: int, seconds: float) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([leader], [], [], min(left, 0.05))
        if ready:
            try:
                os.read(leader, 1 << 16)
            except OSError:
                return


def first_paint(argv: list[str], env: dict[str, str], keys: bytes = b"jjjjjjjjjjkkkkkk") -> Run:
    """Start `argv` in a pty, time its first grid row, press `keys`, read its peak memory."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, env=env,
                               start_new_session=True)
    os.close(follower)
    try:
        if not _read_until(leader, MARKER, timeout=60):
            raise RuntimeError(f"no first paint from {' '.join(argv)}")
        seconds = time.perf_counter() - start
        for key in keys:
            os.write(leader, bytes([key]))
            _drain(leader, 0.02)
        _drain(leader, 0.3)
        peak = _peak_mb(process.pid)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        os.close(leader)
    return Run(seconds, peak)


def parcours_argv(path: Path) -> list[str]:
    return [sys.executable, "-m", "tui", str(path)]


def bare_argv(path: Path) -> list[str]:
    return [sys.executable, str(HERE / "bare_app.py"), str(path)]
