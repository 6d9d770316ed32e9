"""The suite tests this tree: `tui` comes from the checkout, here and in every subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parents[1]


def test_tui_is_imported_from_the_working_tree():
    assert Path(tui.__file__).resolve() == ROOT / "tui" / "__init__.py"


def test_a_command_in_a_subprocess_imports_the_working_tree(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import tui; print(tui.__file__)"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert Path(done.stdout.strip()).resolve() == ROOT / "tui" / "__init__.py"


def test_home_and_state_folders_are_a_sandbox(isolated_home):
    from platformdirs import user_runtime_dir, user_state_dir

    assert Path(user_state_dir("parcours")).is_relative_to(isolated_home)
    assert Path(user_runtime_dir("parcours")).is_relative_to(isolated_home)
    assert Path.home() == isolated_home
