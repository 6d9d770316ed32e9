"""ctrl+e: a cell's text edited in the person's own editor (`$VISUAL`, else `$EDITOR`, else vi).

The App is suspended (`App.suspend`) while the editor has the terminal. The
text goes through a file in a folder only its owner can open, removed
afterwards, so a cell's words never sit in a shared temporary folder. The
result comes back as one edit, or not at all: an editor that fails, a file
that no longer reads, or an unchanged text change nothing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from textual.app import App, SuspendNotSupported

from tui.output.i18n import N_, _

NO_EDITOR = N_("Aucun éditeur trouvé : définissez $VISUAL ou $EDITOR")
CANNOT_SUSPEND = N_("Pas d'éditeur externe ici (navigateur) : e modifie la cellule")
FAILED = N_("L'éditeur a échoué ({why}) : la cellule n'a pas changé")


class EditorFailed(Exception):
    """The editor could not run, or failed: said in one line, nothing changed."""


def editor_command(environ: Mapping[str, str]) -> list[str] | None:
    """The editor to run, as words; None when there is none."""
    for name in ("VISUAL", "EDITOR"):
        try:
            words = shlex.split(environ.get(name, ""))
        except ValueError:  # an unclosed quote: not a command
            words = []
        if words:
            return words
    found = shutil.which("vi")
    return [found] if found else None


def edit_text(app: App, text: str, name: str) -> str | None:
    """`text` after the person edited it; None when it did not change. EditorFailed (with the
    reason in words) when there is no editor, it cannot run here, or it failed."""
    command = editor_command(os.environ)
    if command is None:
        raise EditorFailed(_(NO_EDITOR))
    with tempfile.TemporaryDirectory(prefix="parcours-") as folder:  # made 0700 by mkdtemp
        path = Path(folder) / f"{name}.txt"
        path.write_text(f"{text}\n" if text else "", encoding="utf-8")
        try:
            if app.is_headless:  # tests: no terminal to hand over
                result = subprocess.run([*command, str(path)], stdin=subprocess.DEVNULL, check=False)
            else:
                with app.suspend():
                    result = subprocess.run([*command, str(path)], check=False)
            new = path.read_text(encoding="utf-8")
        except SuspendNotSupported:
            raise EditorFailed(_(CANNOT_SUSPEND)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise EditorFailed(_(FAILED).format(why=getattr(error, "strerror", None) or error)) from None
    if result.returncode != 0:
        raise EditorFailed(_(FAILED).format(why=_("code {code}").format(code=result.returncode)))
    new = new.removesuffix("\n").removesuffix("\r")
    return None if new == text else new
