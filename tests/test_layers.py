"""The floors hold: import-linter's contracts (pyproject.toml) pass on this tree.

`tui/core` importing Textual or Rich, or any import running upward, fails here;
the test proves it can fail by linting a copy of the tree with one bad import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": str(tree)}
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", "--no-logo", str(tree / "pyproject.toml")],
                          cwd=tree, capture_output=True, text=True, timeout=120, env=env)


def test_the_layer_contracts_are_kept():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" in done.stdout and " 0 broken" in done.stdout


def test_a_core_module_importing_rich_breaks_the_contract(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tui", tree / "tui", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    model = tree / "tui" / "core" / "model.py"
    model.write_text(model.read_text() + "\nfrom rich.text import Text  # noqa\n")
    done = lint(tree)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout
