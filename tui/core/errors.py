"""One error type for everything a user can get wrong in a file.

Every message a user sees for bad input has the same shape,
`FILE:LINE:COL: message`, so editors and CI logs can jump to the spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.core.words import _


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Issue:
    """A problem found in a file; a warning does not make the file invalid."""

    path: Path | str
    message: str
    position: Position | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = str(self.path)
        if self.position is not None:
            where = f"{where}:{self.position.line}:{self.position.column}"
        if self.warning:
            return _("{where}: attention : {message}").format(where=where, message=self.message)
        return f"{where}: {self.message}"


class MapError(Exception):
    """Bad input that stops a command: carries the issue to print, never a traceback."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue

    @classmethod
    def at(
        cls, path: Path | str, message: str, line: int | None = None, column: int = 1
    ) -> MapError:
        position = Position(line, column) if line is not None else None
        return cls(Issue(path, message, position))
