"""Printing Rich renderables for people in a terminal and for pipes alike.

In a terminal: colour and styles, at the terminal's width. Piped, or under
NO_COLOR: plain text with no escape codes and no padding at line ends, so the
output diffs cleanly and serves git's textconv.
"""

from __future__ import annotations

import os
import shutil
import sys

from rich.console import Console, RenderableType


def plain_output() -> bool:
    return not sys.stdout.isatty() or bool(os.environ.get("NO_COLOR"))


def console_for(width: int | None = None) -> Console:
    plain = plain_output()
    return Console(
        width=width or shutil.get_terminal_size((80, 24)).columns,
        force_terminal=None if not plain else False,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
    )


def emit(renderable: RenderableType, width: int | None = None, soft_wrap: bool = False) -> None:
    """Print for a person or a pipe; `soft_wrap` leaves long lines whole (for line-based output)."""
    console = console_for(width)
    if not plain_output():
        console.print(renderable, soft_wrap=soft_wrap)
        return
    with console.capture() as captured:
        console.print(renderable, soft_wrap=soft_wrap)
    lines = (line.rstrip() for line in captured.get().splitlines())
    sys.stdout.write("\n".join(lines) + "\n")
