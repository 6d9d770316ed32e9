"""The one place the core asks for words: gettext, through a translation chosen once at start.

The core speaks (validation messages, what an edit did) but must not import the
output layer that owns the message catalogues; so the catalogues are handed
down here by `tui.output.i18n.use_language`, and until then the French source
text is its own translation. Only the standard library is used.
"""

from __future__ import annotations

import gettext


class _Source(gettext.NullTranslations):
    """The French source text as its own translation, with French plurals (0 is singular)."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n <= 1 else msgid2

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


_translation: gettext.NullTranslations = _Source()
_language = "fr"


def use(translation: gettext.NullTranslations, language: str) -> None:
    """Speak through `translation` from now on (at start, when the language is known; again to switch)."""
    global _translation, _language
    _translation, _language = translation, language


def language() -> str:
    """The interface language, "fr" or "en": for data that carries both (catalogue labels)."""
    return _language


def _(message: str) -> str:
    """`message` (French, the source language) in the interface language, at the moment it is shown."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the interface language's plural rule (French: 0 and 1 are singular)."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose French is the same as another's but whose meaning is not ("Annuler": cancel, undo)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; `_` translates it where it is shown."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark a message with its context where it is declared; `pgettext(*marked)` translates it where shown."""
    return context, message


def translate(marked: str | tuple[str, str]) -> str:
    """A message declared with `N_` or `NC_`, in the interface language now."""
    return pgettext(*marked) if isinstance(marked, tuple) else _(marked)
