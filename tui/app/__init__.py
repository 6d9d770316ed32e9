"""The Textual editor: a thin face over the domain core's editing session (`tui.core.session`)."""
