"""The one place the core asks for words: gettext, through a translation chosen once at start.

The core speaks (validation messages, what an edit did) but must not import the
output layer that owns the message catalogues; so the catalogues are handed
down here by `tui.output.i18n.use_language`, and until then the French source
text is its own translation. Only the standard library is used.
"""

from __future__ import annotations

import gettext

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "fr"


def use(translation: gettext.NullTranslations, language: str) -> None:
    """Speak through `translation` from now on (called once, when the language is known)."""
    global _translation, _language
    _translation, _language = translation, language


def language() -> str:
    """The interface language, "fr" or "en": for data that carries both (catalogue labels)."""
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; `_` translates it where it is shown."""
    return message
