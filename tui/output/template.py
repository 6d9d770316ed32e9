"""The text of a new map: the template's ten stages, ready to fill in.

Written as text rather than built with tomlkit so that the file a person
opens first is laid out the way the format is documented, with a comment
recalling what each stage of the template is about.
"""

from __future__ import annotations

import json

from tui.core import words
from tui.core.catalogue import Catalogues
from tui.core.model import SCHEMA
from tui.output.i18n import _
from tui.output.visible import escape_forbidden


def quote(text: str) -> str:
    """A TOML basic string.

    JSON escapes quotes, backslashes and the C0 controls the way TOML does; TOML
    also forbids a raw DEL, which JSON leaves alone, and C1 and bidi controls
    are escaped too, so that reading the file in a terminal shows nothing hidden.
    """
    return escape_forbidden(json.dumps(text, ensure_ascii=False))


def template_text(catalogues: Catalogues, title: str | None = None, persona: str | None = None) -> str:
    """A new map in the interface language: its header, default title, `locale` and stage names."""
    lines = [
        _(
            "# Parcours client — une étape par [[stages]], ses points de contact en [[stages.touchpoints]].\n"
            "# Champs d'un point de contact : channel, support, response, type, who, emotion, pain, opportunity.\n"
            "# emotion va de -2 (très mécontent) à 2 (très content) ; channel, support et type sont des\n"
            "# identifiants des catalogues : `parcours catalog channels` (ou supports, types, touchpoints).\n"
            "# Ouvrez-le avec `parcours FICHIER`, vérifiez-le avec `parcours validate FICHIER`.\n"
        ),
        f"schema = {SCHEMA}",
        "title = " + quote(title or _("Parcours client")),
        f"locale = {quote(words.language())}",
        "",
        "[persona]",
        f"name = {quote(persona or '')}",
        'description = ""',
    ]
    for stage in catalogues.stages:
        lines += [
            "",
            *(f"# {line}" for line in stage.shown_description.splitlines()),
            "[[stages]]",
            f"id = {quote(stage.id)}",
            f"name = {quote(stage.shown_label)}",
            'situation = ""',
        ]
    return "\n".join(lines) + "\n"
