"""The Textual editor: a thin layer over the domain core (`tui.document`, `tui.history`)."""
