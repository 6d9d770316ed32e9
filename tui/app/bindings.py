"""The editor's keys as data: one table feeds the bindings, the help screen and the palette.

Keeping them in one place means a key cannot be bound without appearing in
the help, and the palette can never offer an action that has no key.
CONTRACT §5 fixes the first keys of each row; the others are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from tui.output.i18n import NC_, N_, _, translate


@dataclass(frozen=True)
class Key:
    """One action of the map screen: its keys, its id (for keymaps) and its words."""

    id: str
    keys: str
    action: str
    label: str | tuple[str, str]  # a message (with its context where the French is ambiguous)
    help: str  # a message
    show: bool = False
    display: str | None = None

    def title(self) -> str:
        """The short name, in the interface language."""
        return translate(self.label)

    def description(self) -> str:
        """What the key does, in the interface language."""
        return _(self.help)

    def binding(self) -> Binding:
        return Binding(
            self.keys, self.action, self.title(), show=self.show,
            key_display=self.display, id=self.id,
        )

    @property
    def shown_keys(self) -> str:
        names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "delete": "suppr"}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


MAP_KEYS: tuple[Key, ...] = (
    Key("cursor-left", "left,h", "cursor('left')", N_("Gauche"), N_("Cellule à gauche")),
    Key("cursor-down", "down,j", "cursor('down')", N_("Bas"), N_("Ligne suivante")),
    Key("cursor-up", "up,k", "cursor('up')", N_("Haut"), N_("Ligne précédente")),
    Key("cursor-right", "right,l", "cursor('right')", N_("Droite"), N_("Cellule à droite")),
    Key("edit", "enter,e", "edit", N_("Modifier"),
        N_("Modifier la cellule (texte, ou choix dans le catalogue)"),
        show=True, display="e"),
    Key("emotion-up", "plus", "emotion(1)", N_("Émotion +"), N_("Émotion : plus content"), display="+"),
    Key("emotion-down", "minus", "emotion(-1)", N_("Émotion −"), N_("Émotion : moins content"), display="-"),
    Key("add-touchpoint", "a", "add_touchpoint", N_("Ajouter"),
        N_("Ajouter un point de contact sous le curseur"), show=True),
    Key("add-stage", "A", "add_stage", N_("Étape +"),
        N_("Ajouter une étape après l'étape courante")),
    Key("delete-touchpoint", "d,delete", "delete_touchpoint", N_("Supprimer"),
        N_("Supprimer le point de contact"), show=True, display="d"),
    Key("delete-stage", "D", "delete_stage", N_("Suppr. étape"),
        N_("Supprimer l'étape et ses points de contact")),
    Key("duplicate-touchpoint", "ctrl+d", "edit_op('DuplicateTouchpoint')", N_("Dupliquer"),
        N_("Dupliquer le point de contact sous lui-même")),
    Key("move-up", "ctrl+up,K", "move(-1)", N_("Monter"), N_("Monter le point de contact")),
    Key("move-down", "ctrl+down,J", "move(1)", N_("Descendre"), N_("Descendre le point de contact")),
    Key("undo", "ctrl+z,u", "undo", NC_("key", "Annuler"), N_("Annuler la dernière modification"), show=True, display="u"),
    Key("redo", "ctrl+y,ctrl+r", "redo", N_("Rétablir"), N_("Rétablir la modification annulée")),
    Key("save", "ctrl+s", "save", N_("Enregistrer"), N_("Enregistrer la carte"), show=True),
    Key("preview", "p", "toggle_preview", N_("Aperçu"),
        N_("Afficher ou masquer l'aperçu (résumé, courbe des émotions)")),
    Key("search", "slash", "search", N_("Chercher"), N_("Chercher dans la carte"), display="/"),
    Key("search-next", "n", "search_next(1)", N_("Suivant"), N_("Résultat suivant")),
    Key("search-previous", "N", "search_next(-1)", N_("Précédent"), N_("Résultat précédent")),
    Key("map-details", "t", "edit_details", N_("Titre/persona"),
        N_("Modifier le titre et le persona")),
    Key("help", "question_mark,f1", "help", N_("Aide"), N_("Toutes les touches"), show=True, display="?"),
    Key("quit", "ctrl+q", "quit", N_("Quitter"),
        N_("Quitter (propose d'enregistrer)")),
)

#: Keys that leave the map unchanged, allowed when the editor is read-only.
READ_ONLY_IDS = frozenset({
    "cursor-left", "cursor-down", "cursor-up", "cursor-right", "preview", "search",
    "search-next", "search-previous", "help", "quit",
})

def bindings() -> list[Binding]:
    """The map screen's bindings, described in the interface language."""
    return [key.binding() for key in MAP_KEYS]
