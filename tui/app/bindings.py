"""The editor's keys as data: one table feeds the bindings, the help screen and the palette.

Keeping them in one place means a key cannot be bound without appearing in
the help, and the palette can never offer an action that has no key.
CONTRACT §5 fixes the first keys of each row; the others are ours.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding

from tui.output.i18n import NC_, N_, _, translate


#: The names of keys on a keyboard: « suppr » and « entrée » in French (the key bar's words).
DELETE_KEY = N_("suppr")
ENTER_KEY = N_("entrée")
PAGE_DOWN_KEY = N_("pg.suiv")
PAGE_UP_KEY = N_("pg.préc")
HOME_KEY = N_("début")
END_KEY = N_("fin")


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
    #: False for keys of the inline editor and the picker, listed in the help only.
    bound: bool = True

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
        names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "delete": _(DELETE_KEY), "enter": _(ENTER_KEY),
                 "left": "←", "down": "↓", "up": "↑", "right": "→",
                 "quotation_mark": '"', "full_stop": ".", "pagedown": _(PAGE_DOWN_KEY), "pageup": _(PAGE_UP_KEY),
                 "home": _(HOME_KEY), "end": _(END_KEY), "ctrl+home": "ctrl+" + _(HOME_KEY), "ctrl+end": "ctrl+" + _(END_KEY), "right_square_bracket": "]", "left_square_bracket": "["}
        return " ".join(names.get(k, k) for k in self.keys.split(","))


MAP_KEYS: tuple[Key, ...] = (
    Key("cursor-left", "left,h", "cursor('left')", N_("Gauche"), N_("Cellule à gauche")),
    Key("cursor-down", "down,j", "cursor('down')", N_("Bas"), N_("Ligne suivante")),
    Key("cursor-up", "up,k", "cursor('up')", N_("Haut"), N_("Ligne précédente")),
    Key("cursor-right", "right,l", "cursor('right')", N_("Droite"), N_("Cellule à droite")),
    Key("page-down", "pagedown", "cursor('page_down')", N_("Page suivante"), N_("Descendre d'un écran")),
    Key("page-up", "pageup", "cursor('page_up')", N_("Page précédente"), N_("Remonter d'un écran")),
    Key("first-column", "home", "cursor('home')", N_("Début de ligne"), N_("Première colonne (Étape)")),
    Key("last-column", "end", "cursor('end')", N_("Fin de ligne"), N_("Dernière colonne (Opportunité)")),
    Key("first-row", "ctrl+home", "cursor('top')", N_("Début"), N_("Première ligne de la carte")),
    Key("last-row", "ctrl+end", "cursor('bottom')", N_("Fin"), N_("Dernière ligne de la carte")),
    Key("edit", "enter,e", "edit", N_("Modifier"),
        N_("Modifier la cellule (texte, ou choix dans le catalogue)"),
        show=True, display="e"),
    Key("next-cell", "tab,shift+tab", "", N_("Cellule suivante"),
        N_("Dans l'éditeur ou le sélecteur : garder la valeur et modifier la cellule suivante (précédente)"),
        bound=False),
    Key("record", "o", "record", N_("Fiche"),
        N_("Ouvrir la fiche du point de contact : tous les champs, en entier, modifiables")),
    Key("external-editor", "ctrl+e", "external_editor", N_("Éditeur externe"),
        N_("Modifier la cellule de texte dans $VISUAL / $EDITOR")),
    Key("same-as-above", "quotation_mark", "same_as_above", N_("Idem"),
        N_("Reprendre la valeur de la cellule du dessus"), display='"'),
    Key("repeat", "full_stop", "repeat", N_("Répéter"),
        N_("Répéter la dernière modification sur la cellule courante"), display="."),
    Key("next-empty", "right_square_bracket", "empty_cell(1)", N_("Vide suivante"),
        N_("Aller à la cellule vide suivante"), display="]"),
    Key("previous-empty", "left_square_bracket", "empty_cell(-1)", N_("Vide précédente"),
        N_("Aller à la cellule vide précédente"), display="["),
    Key("copy", "y", "copy", N_("Copier"),
        N_("Copier le texte de la cellule dans le presse-papiers (OSC 52) ; un collage remplace la cellule")),
    Key("emotion-up", "plus", "emotion(1)", N_("Émotion +"), N_("Émotion : plus content"), display="+"),
    Key("emotion-down", "minus", "emotion(-1)", N_("Émotion −"), N_("Émotion : moins content"), display="-"),
    Key("add-touchpoint", "a", "add_touchpoint", N_("Ajouter"),
        N_("Ajouter un point de contact sous le curseur (curseur sur son canal)"), show=True),
    Key("duplicate-touchpoint", "ctrl+d", "edit_op('DuplicateTouchpoint')", N_("Dupliquer"),
        N_("Dupliquer le point de contact sous lui-même")),
    Key("add-stage", "A", "add_stage", N_("Étape +"),
        N_("Ajouter une étape après l'étape courante")),
    Key("delete-touchpoint", "d,delete", "delete_touchpoint", N_("Supprimer"),
        N_("Supprimer le point de contact"), show=True, display="d"),
    Key("delete-stage", "D", "delete_stage", N_("Suppr. étape"),
        N_("Supprimer l'étape et ses points de contact")),
    Key("move-up", "ctrl+up,K", "move(-1)", N_("Monter"), N_("Monter le point de contact")),
    Key("move-down", "ctrl+down,J", "move(1)", N_("Descendre"), N_("Descendre le point de contact")),
    Key("undo", "ctrl+z,u", "undo", NC_("key", "Annuler"), N_("Annuler la dernière modification"), show=True, display="u"),
    Key("redo", "ctrl+y,ctrl+r", "redo", N_("Rétablir"), N_("Rétablir la modification annulée")),
    Key("save", "ctrl+s", "save", N_("Enregistrer"), N_("Enregistrer la carte"), show=True),
    Key("save-as", "W", "app.save_as", N_("Enregistrer sous"),
        N_("Enregistrer sous un autre nom (demande avant de remplacer un fichier)")),
    Key("map-details", "t", "edit_details", N_("Titre/persona"),
        N_("Modifier le titre et le persona")),
    Key("preview", "p", "toggle_preview", N_("Aperçu"),
        N_("Afficher ou masquer l'aperçu (résumé, courbe des émotions)")),
    Key("search", "slash", "search", N_("Chercher"), N_("Chercher dans la carte"), display="/"),
    Key("search-next", "n", "search_next(1)", N_("Suivant"), N_("Résultat suivant")),
    Key("search-previous", "N", "search_next(-1)", N_("Précédent"), N_("Résultat précédent")),
    Key("follow", "F", "follow", N_("Suivre"),
        N_("En direct : suivre un participant (F encore : le suivant)")),
    Key("help", "question_mark,f1", "help", N_("Aide"), N_("Toutes les touches"), show=True, display="?"),
    Key("quit", "ctrl+q", "quit", N_("Quitter"),
        N_("Quitter (propose d'enregistrer)")),
)

#: Keys that leave the map unchanged, allowed when the editor is read-only.
READ_ONLY_IDS = frozenset({
    "cursor-left", "cursor-down", "cursor-up", "cursor-right", "page-down", "page-up", "first-column",
    "last-column", "first-row", "last-row", "record", "copy", "preview", "search",
    "search-next", "search-previous", "follow", "help", "quit",
})

def bindings(read_only: bool = False) -> list[Binding]:
    """The map screen's bindings, described in the interface language; read-only, an edit key
    says so (and changes nothing) rather than doing nothing."""
    return [
        key.binding() if not read_only or key.id in READ_ONLY_IDS else replace(key, action="read_only").binding()
        for key in MAP_KEYS if key.bound
    ]
