"""French and English, side by side where the words are used.

Each module declares its own `Label("français", "English")` pairs rather than
looking strings up in a central table, so a label and the code that shows it
stay together. `detect_lang` decides the interface language once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Label:
    """One piece of interface text in both languages."""

    fr: str
    en: str

    def __call__(self, lang: str, **values: object) -> str:
        text = self.en if lang == "en" else self.fr
        return text.format(**values) if values else text


def detect_lang(explicit: str | None = None, locale: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else the map's `locale`, else the environment's locale, else French.

    A French locale gives French, any other language English; C and POSIX say
    nothing about the person, so they keep the product's French default.
    """
    if explicit in LANGS:
        return explicit
    if locale in LANGS:
        return locale
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            language = value.split("_")[0].split(".")[0].lower()
            if language in ("c", "posix"):
                return "fr"
            return "fr" if language == "fr" else "en"
    return "fr"


@dataclass(frozen=True)
class Column:
    """A column of the grid: the model key it shows and its heading."""

    key: str
    label: Label


#: The grid's columns in CONTRACT §5 order; `stage` and `situation` belong to the stage.
COLUMNS = (
    Column("stage", Label("Étape", "Stage")),
    Column("situation", Label("Situation", "Situation")),
    Column("channel", Label("Canal", "Channel")),
    Column("support", Label("Support", "Support")),
    Column("response", Label("Réponse", "Response")),
    Column("type", Label("Type", "Type")),
    Column("who", Label("Qui", "Who")),
    Column("emotion", Label("Émotion", "Emotion")),
)
