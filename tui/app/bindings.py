"""The editor's keys as data: one table feeds the bindings, the help screen and the palette.

Keeping them in one place means a key cannot be bound without appearing in
the help, and the palette can never offer an action that has no key.
CONTRACT §5 fixes the first keys of each row; the others are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from tui.output.i18n import Label


@dataclass(frozen=True)
class Key:
    """One action of the map screen: its keys, its id (for keymaps) and its words."""

    id: str
    keys: str
    action: str
    label: Label
    help: Label
    show: bool = False
    display: str | None = None

    def binding(self, lang: str) -> Binding:
        return Binding(
            self.keys, self.action, self.label(lang), show=self.show,
            key_display=self.display, id=self.id,
        )

    @property
    def shown_keys(self) -> str:
        names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "delete": "suppr"}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


MAP_KEYS: tuple[Key, ...] = (
    Key("cursor-left", "left,h", "cursor('left')", Label("Gauche", "Left"), Label("Cellule à gauche", "Cell to the left")),
    Key("cursor-down", "down,j", "cursor('down')", Label("Bas", "Down"), Label("Ligne suivante", "Next row")),
    Key("cursor-up", "up,k", "cursor('up')", Label("Haut", "Up"), Label("Ligne précédente", "Previous row")),
    Key("cursor-right", "right,l", "cursor('right')", Label("Droite", "Right"), Label("Cellule à droite", "Cell to the right")),
    Key("edit", "enter,e", "edit", Label("Modifier", "Edit"),
        Label("Modifier la cellule (texte, ou choix dans le catalogue)", "Edit the cell (text, or pick from the catalogue)"),
        show=True, display="e"),
    Key("emotion-up", "plus", "emotion(1)", Label("Émotion +", "Feeling +"), Label("Émotion : plus content", "Feeling: happier"), display="+"),
    Key("emotion-down", "minus", "emotion(-1)", Label("Émotion −", "Feeling −"), Label("Émotion : moins content", "Feeling: unhappier"), display="-"),
    Key("add-touchpoint", "a", "add_touchpoint", Label("Ajouter", "Add"),
        Label("Ajouter un point de contact sous le curseur", "Add a touchpoint below the cursor"), show=True),
    Key("add-stage", "A", "add_stage", Label("Étape +", "Stage +"),
        Label("Ajouter une étape après l'étape courante", "Add a stage after the current one")),
    Key("delete-touchpoint", "d,delete", "delete_touchpoint", Label("Supprimer", "Delete"),
        Label("Supprimer le point de contact", "Delete the touchpoint"), show=True, display="d"),
    Key("delete-stage", "D", "delete_stage", Label("Suppr. étape", "Delete stage"),
        Label("Supprimer l'étape et ses points de contact", "Delete the stage and its touchpoints")),
    Key("duplicate-touchpoint", "ctrl+d", "edit_op('DuplicateTouchpoint')", Label("Dupliquer", "Duplicate"),
        Label("Dupliquer le point de contact sous lui-même", "Duplicate the touchpoint below itself")),
    Key("move-up", "ctrl+up,K", "move(-1)", Label("Monter", "Move up"), Label("Monter le point de contact", "Move the touchpoint up")),
    Key("move-down", "ctrl+down,J", "move(1)", Label("Descendre", "Move down"), Label("Descendre le point de contact", "Move the touchpoint down")),
    Key("undo", "ctrl+z,u", "undo", Label("Annuler", "Undo"), Label("Annuler la dernière modification", "Undo the last edit"), show=True, display="u"),
    Key("redo", "ctrl+y,ctrl+r", "redo", Label("Rétablir", "Redo"), Label("Rétablir la modification annulée", "Redo the undone edit")),
    Key("save", "ctrl+s", "save", Label("Enregistrer", "Save"), Label("Enregistrer la carte", "Save the map"), show=True),
    Key("preview", "p", "toggle_preview", Label("Aperçu", "Preview"),
        Label("Afficher ou masquer l'aperçu (résumé, courbe des émotions)", "Show or hide the preview (summary, feeling curve)")),
    Key("search", "slash", "search", Label("Chercher", "Search"), Label("Chercher dans la carte", "Search the map"), display="/"),
    Key("search-next", "n", "search_next(1)", Label("Suivant", "Next"), Label("Résultat suivant", "Next match")),
    Key("search-previous", "N", "search_next(-1)", Label("Précédent", "Previous"), Label("Résultat précédent", "Previous match")),
    Key("map-details", "t", "edit_details", Label("Titre/persona", "Title/persona"),
        Label("Modifier le titre et le persona", "Edit the title and the persona")),
    Key("follow", "F", "follow", Label("Suivre", "Follow"),
        Label("En direct : suivre un participant (F encore : le suivant)",
              "Live: follow a participant (F again: the next one)")),
    Key("help", "question_mark,f1", "help", Label("Aide", "Help"), Label("Toutes les touches", "Every key"), show=True, display="?"),
    Key("quit", "ctrl+q", "quit", Label("Quitter", "Quit"),
        Label("Quitter (propose d'enregistrer)", "Quit (offers to save)")),
)

#: Keys that leave the map unchanged, allowed when the editor is read-only.
READ_ONLY_IDS = frozenset({
    "cursor-left", "cursor-down", "cursor-up", "cursor-right", "preview", "search",
    "search-next", "search-previous", "follow", "help", "quit",
})

PALETTE_EXTRA = Label("Palette de commandes", "Command palette")


def bindings(lang: str) -> list[Binding]:
    return [key.binding(lang) for key in MAP_KEYS]
