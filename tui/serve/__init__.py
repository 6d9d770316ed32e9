"""`parcours serve` in the browser: the gate in front of textual-serve, and the site it guards.

A face beside `tui.cli` and `tui.app`: it may use `tui.core` and `tui.output`, never the reverse.
"""
