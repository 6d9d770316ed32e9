"""`parcours serve`: the page is served on loopback; a busy port or a bad map fails in one line."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests_support import EXAMPLE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, attempts: int = 100) -> str:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on {url}")


def test_serve_answers_with_the_page(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", str(EXAMPLE), "--host", "127.0.0.1", "--port", str(port), "--read-only"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        page = _fetch(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "<html" in page.lower()
    assert EXAMPLE.name in page


def test_serve_on_a_busy_port_says_so(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "tui", "serve", str(EXAMPLE), "--host", "127.0.0.1", "--port", str(port)],
            cwd=tmp_path, capture_output=True, text=True, timeout=30,
        )
    assert done.returncode == 1
    assert f"port {port}" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_broken_map(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = 1\ntitle = "x"\n[[stages]\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tui", "serve", str(broken), "--port", str(_free_port())],
        cwd=tmp_path, capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"{broken}:3:")
    assert "Traceback" not in done.stderr
