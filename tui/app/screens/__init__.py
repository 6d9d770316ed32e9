"""Screens and dialogs; dialogs return their answer with `dismiss`."""
