"""parcours: a keyboard-first terminal editor for customer journey maps.

The package is layered: the domain core (model, catalogues, document, edits,
validation, rendering) never imports Textual; `tui.cli` sits on the core; the
Textual app in `tui.app` sits on both.
"""

__version__ = "0.1.0"
