"""Exports of a map: one module per format, each `render(jmap, catalogues) -> str`.

All of them work from the model and the catalogues only, so what they say
matches `show` and the editor: catalogue labels rather than ids, the same
summary, the same faces.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from tui.core.catalogue import Catalogues
from tui.core.model import JourneyMap

Renderer = Callable[[JourneyMap, Catalogues], str]

#: Format name -> module holding its `render`; imported only when used.
FORMATS = {
    "markdown": "tui.output.formats.markdown",
    "csv": "tui.output.formats.table_csv",
    "html": "tui.output.formats.html_page",
    "mermaid": "tui.output.formats.mermaid",
    "json": "tui.output.formats.json_data",
}


def renderer(name: str) -> Renderer:
    return import_module(FORMATS[name]).render
