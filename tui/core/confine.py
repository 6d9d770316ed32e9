"""Where a served editor may write: a new map file inside the map's folder, and nowhere else.

A browser session of `parcours serve` is driven by whoever holds its link, so
its save-as must not become a way to write the user's other files (a shell
profile, a git hook, another map). A typed path is resolved as the system will
resolve it when writing (relative to the map's folder, `..` and symbolic links
followed, dangling ones too) and must then land inside the folder, name a
`.toml` file that is not hidden, and not exist yet.

The check is made when the path is chosen, not at the write itself: a file
that appears in between (two browser sessions choosing one new name in the
same instant) is not caught. The browser cannot create files by other means.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path


class Refusal(Enum):
    """Why a path was refused; the face that asked says it in the user's words."""

    OUTSIDE = "outside"  # leaves the folder, or cannot be resolved at all
    NOT_A_MAP = "not-a-map"  # not a `.toml` name, or hidden (`.git/…`, `.config/…`)
    EXISTS = "exists"  # something is already there (a file, a folder, a link)


class PathRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


def new_file_in(folder: Path, answer: str, default_name: str) -> Path:
    """The resolved path `answer` names inside `folder`, or PathRefused.

    A relative answer is taken from the folder (not from wherever the server
    was started) and `~` is not expanded; an answer naming a folder means
    `default_name` inside it, as the unconfined save-as does.
    """
    try:
        root = folder.resolve()
        candidate = Path(answer)
        if not candidate.is_absolute():
            candidate = root / candidate
        if os.path.isdir(candidate):
            candidate = candidate / default_name
        resolved = candidate.resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops (RuntimeError before 3.13), NUL bytes
        raise PathRefused(Refusal.OUTSIDE) from None
    if resolved == root or not resolved.is_relative_to(root):
        raise PathRefused(Refusal.OUTSIDE)
    inside = resolved.relative_to(root).parts
    if resolved.suffix.lower() != ".toml" or any(part.startswith(".") for part in inside):
        raise PathRefused(Refusal.NOT_A_MAP)
    if os.path.lexists(candidate) or os.path.lexists(resolved):
        raise PathRefused(Refusal.EXISTS)
    return resolved
