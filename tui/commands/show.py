"""`parcours show MAP`: the map for reading in a terminal, or in a pipe as plain text."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from rich.console import Console

from tui.catalogue import load_catalogues
from tui.document import MapDocument
from tui.faces import Faces
from tui.i18n import detect_lang
from tui.render import render_map
from tui.summary import summarize


def plain_output() -> bool:
    """No escape codes at all when piped or when NO_COLOR is set (to anything non-empty)."""
    return not sys.stdout.isatty() or bool(os.environ.get("NO_COLOR"))


def console_for(width: int | None) -> Console:
    plain = plain_output()
    width = width or shutil.get_terminal_size((80, 24)).columns
    return Console(
        width=width,
        force_terminal=not plain and None,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def run(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 20:
        print("parcours: --width must be at least 20", file=sys.stderr)
        return 2
    path = Path(args.map)
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    jmap = document.map
    lang = detect_lang(args.lang, jmap.locale)
    faces = Faces(ascii=args.ascii)
    console = console_for(args.width)
    drawing = render_map(jmap, catalogues, summarize(jmap, catalogues, lang), lang, faces, console.width)
    if plain_output():
        # Plain text is for pipes, files and git's textconv: no padding at line ends.
        with console.capture() as captured:
            console.print(drawing)
        sys.stdout.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")
    else:
        console.print(drawing)
    return 0
