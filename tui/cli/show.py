"""`parcours show MAP`: the map for reading in a terminal, or in a pipe as plain text."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import terminal_width
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.faces import Faces
from tui.output.i18n import detect_lang, use_language
from tui.output.render import render_map
from tui.output.shown import shown_catalogues, shown_map
from tui.output.summary import summarize
from tui.output.terminal import console_for, emit


def run(args: argparse.Namespace) -> int:
    path = Path(args.map)
    document = MapDocument.load(path)
    use_language(detect_lang(args.lang, document.map.locale, document=True))
    # The terminal gate: what is drawn is a copy whose every text went through `visible`.
    jmap, catalogues = shown_map(document.map), shown_catalogues(load_catalogues(path))
    faces = Faces(ascii=args.ascii)
    width = console_for(args.width or terminal_width()).width
    emit(render_map(jmap, catalogues, summarize(jmap, catalogues), faces, width), width)
    return 0
