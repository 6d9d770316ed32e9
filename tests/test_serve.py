"""`parcours serve`: two secret links on loopback, a warning off it; a busy port or a bad map fails in one line."""

from __future__ import annotations

import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests_support import EXAMPLE
from tui.output.visible import FORBIDDEN

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(url: str, attempts: int = 100) -> tuple[int, str, str]:
    """(status, Set-Cookie, body) once the server answers."""
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.headers.get("Set-Cookie", ""), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Set-Cookie", ""), error.read().decode("utf-8")
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on {url}")


def _start(*arguments: str, cwd: Path, map_path: Path = EXAMPLE) -> tuple[subprocess.Popen, list[str]]:
    """A running `serve` and the lines it printed up to its watch link."""
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", str(map_path), *arguments],
                              cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    assert server.stderr is not None
    for line in server.stderr:
        lines.append(line.rstrip("\n"))
        if "watch:" in line:
            return server, lines
    server.wait(timeout=10)
    raise AssertionError(f"serve printed no links: {lines}")


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)
    assert server.stderr is not None
    server.stderr.close()


def _links(lines: list[str]) -> tuple[str, str]:
    found = dict(re.findall(r"^\s+(edit|watch)[^:]*: (http://\S+)$", "\n".join(lines), re.MULTILINE))
    return found["edit"], found["watch"]


def test_serve_prints_two_secret_links_and_refuses_without_them(tmp_path):
    port = _free_port()
    server, lines = _start("--port", str(port), "--read-only", cwd=tmp_path)
    try:
        edit, watch = _links(lines)
        base = f"http://127.0.0.1:{port}"
        assert edit.startswith(f"{base}/?token=") and watch.startswith(f"{base}/watch/?token=")
        assert _status(f"{base}/")[0] == 403
        code, cookie, page = _status(edit)
        assert code == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert EXAMPLE.name in page
        assert _status(watch)[0] == 200
    finally:
        _stop(server)
    assert not any("warning" in line for line in lines)


def test_serve_names_a_hostile_map_file_through_the_gate(tmp_path):
    """The file name is printed in serve's first line: shown, never obeyed."""
    hostile = tmp_path / "carte [beta] \x1b]0;nom\x07 \u202e\x9b.toml"
    shutil.copyfile(EXAMPLE, hostile)
    server, lines = _start("--port", str(_free_port()), cwd=tmp_path, map_path=hostile)
    _stop(server)
    printed = "\n".join(lines)
    assert not re.search(f"[{FORBIDDEN}]", printed), printed
    assert "carte [beta] ␛]0;nom␇ \\u202e\\x9b.toml" in lines[0]


def test_serve_off_loopback_warns(tmp_path):
    server, lines = _start("--host", "0.0.0.0", "--port", str(_free_port()), cwd=tmp_path)
    _stop(server)
    warnings = [line for line in lines if "warning" in line]
    assert len(warnings) == 1 and "0.0.0.0" in warnings[0]


def test_serve_needs_at_least_one_client(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tui", "serve", str(EXAMPLE), "--max-clients", "0"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stderr.strip() == "parcours: --max-clients must be at least 1"


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


def test_browser_sessions_run_a_confined_editor(tmp_path):
    from tui.cli import editor_parser
    from tui.cli.serve import editor_command

    for read_only in (False, True):
        words = shlex.split(editor_command(Path("maps/concert.toml"), read_only, "en"))
        args = editor_parser().parse_args(words[3:])
        assert args.served and args.read_only is read_only
        assert Path(args.map).is_absolute()
