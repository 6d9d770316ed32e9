"""The interface language: chosen once, at start, then spoken through gettext.

The words themselves are gettext messages, written in French (the product's
source language) where they are shown, `_("…")` or `ngettext(…)` from
`tui.core.words`, re-exported here for the upper layers. The catalogues are
standard `.po` files under `locale/` (compiled `.mo` beside them, shipped in
the package); `tools/messages.py` re-extracts and compiles them.

A command decides the language with `detect_lang` and calls `use_language`
before it draws anything; nothing translates at import time, so a process may
switch language (the tests build French and English editors one after the other).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.core import words
from tui.core.words import NC_, N_, _, ngettext, pgettext, translate

__all__ = [
    "COLUMNS", "GRID_COLUMNS", "LANGS", "NC_", "N_", "_", "detect_lang", "ngettext", "pgettext", "translate", "translation", "use_language",
]

LANGS = ("fr", "en")
DOMAIN = "parcours"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def translation(lang: str) -> gettext.NullTranslations:
    """The message catalogue of `lang`; the French source text itself if it is missing."""
    return gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)


def use_language(lang: str) -> None:
    """Speak `lang` from now on, everywhere (the core included, through `tui.core.words`)."""
    words.use(translation(lang), lang)


def _environment(environ: Mapping[str, str]) -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            language = value.split("_")[0].split(".")[0].lower()
            if language in ("c", "posix"):
                return None
            return "fr" if language == "fr" else "en"
    return None


def detect_lang(explicit: str | None = None, locale: str | None = None, *, document: bool = False,
                environ: Mapping[str, str] | None = None) -> str:
    """The language to speak, "fr" or "en", by one of two rules.

    The interface (the editor, the map picker, `catalog`, error lines) speaks
    the person's language: `--lang`, then the environment, then the map's
    `locale`, then French.

    A document drawn from one map (`show`, `export`, `diff`; `document=True`)
    speaks its map's language unless `--lang` says otherwise: `--lang`, then
    the map's `locale`, then the environment, then French.

    The environment is the first of LC_ALL, LC_MESSAGES and LANG that is set:
    a French locale gives French, any other language English; C and POSIX say
    nothing about the person, so the next source decides.
    """
    env = _environment(os.environ if environ is None else environ)
    order = (explicit, locale, env) if document else (explicit, env, locale)
    return next((lang for lang in order if lang in LANGS), "fr")


@dataclass(frozen=True)
class Column:
    """A column: the model key it shows and its heading (a message: `translate(column.heading)`)."""

    key: str
    heading: str | tuple[str, str]


#: The columns of a map drawn as a table (`show`, Markdown, HTML), where pain points and
#: opportunities are written under the response; `stage` and `situation` belong to the stage.
COLUMNS = (
    Column("stage", N_("Étape")),
    Column("situation", N_("Situation")),
    Column("channel", N_("Canal")),
    Column("support", N_("Support")),
    Column("response", N_("Réponse")),
    Column("type", N_("Type")),
    Column("who", N_("Qui")),
    Column("emotion", N_("Émotion")),
)

#: The editor grid's columns, CONTRACT §5: every field in a column of its own, to see and edit.
GRID_COLUMNS = (
    *COLUMNS[:-1],
    Column("emotion", NC_("grid", "Émotion")),
    Column("pain", N_("Irritant")),
    Column("opportunity", N_("Opportunité")),
)

