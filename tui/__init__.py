"""parcours: a keyboard-first terminal editor for customer journey maps.

Three floors, each importing only downward: `tui.core` (the domain and the
editing session, no Textual, no Rich), `tui.output` (words, summary, Rich
rendering, file formats), and the faces on top, `tui.cli` and `tui.app`.
"""

__version__ = "0.1.0"
