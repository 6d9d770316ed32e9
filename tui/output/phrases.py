"""The words `show`, the preview and the Markdown and HTML exports share, in the language in use.

Each is a gettext message written once here, so the four always say the same
thing; `Headings.now()` translates them when a document is drawn, never at import.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.output.i18n import N_, _, pgettext

#: How the summary names the catalogue fields of a value outside the catalogues.
FIELD = {"channel": N_("Canal"), "support": N_("Support"), "type": N_("Type")}


def colon() -> str:
    """After a label: French typography puts a space before the colon (`.rstrip()` where a space follows anyway)."""
    # Translators: the colon after a label, with the spaces your typography puts around it.
    return _(" : ")


def quoted(value: object) -> str:
    """A value quoted the way the language quotes."""
    return _("« {value} »").format(value=value)


@dataclass(frozen=True)
class Headings:
    """The labels and headings of a drawn map and its summary."""

    persona: str
    pain: str
    idea: str
    summary: str
    curve: str
    channels: str
    types: str
    gaps: str
    empty: str
    no_who: str
    unknown: str
    none: str
    pains: str
    ideas: str

    @classmethod
    def now(cls) -> Headings:
        return cls(
            persona=_("Persona"),
            pain=_("Douleur"),
            idea=_("Idée"),
            summary=_("Résumé"),
            curve=_("Courbe des émotions"),
            channels=_("Canaux utilisés, par groupe"),
            types=_("Types de communication"),
            gaps=_("Manques"),
            empty=_("Étapes sans point de contact"),
            no_who=_("Sans « Qui »"),
            unknown=pgettext("gaps", "Hors catalogue"),
            none=_("aucun"),
            pains=_("Points de douleur"),
            ideas=_("Opportunités"),
        )
