"""The Textual editor: a thin layer over the domain core (`tui.core.document`, `tui.core.history`)."""
