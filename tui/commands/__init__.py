"""One module per `parcours` command, each with `run(args) -> exit code`.

`tui.cli` declares the arguments and imports a command's module only when it
runs, so the read-only commands never load Textual.
"""
