"""Paths the tests share (a plain module: conftest fixtures are for fixtures)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "maps" / "concert.toml"


def modules_loaded_by(command: list[str], cwd: Path) -> set[str]:
    """The top-level modules a command line loads, run in a fresh interpreter (for layering and speed checks)."""
    probe = (
        "import sys, io, contextlib, tui.cli\n"
        f"with contextlib.redirect_stdout(io.StringIO()): code = tui.cli.main({command!r})\n"
        "assert code == 0, code\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())
