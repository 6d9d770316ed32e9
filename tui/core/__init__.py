"""The journey-map domain: model, catalogues, the TOML document and its edits, history,
journal, saving and the editing session. No Textual, no Rich: every front end (the
terminal editor, a browser page, a live participant) is a view of what lives here.
"""
