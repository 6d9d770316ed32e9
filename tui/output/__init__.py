"""Everything drawn from a map for people: the words (gettext), the summary model,
Rich rendering for the terminal, and the file formats in both directions.
Imports only `tui.core` below it.
"""
