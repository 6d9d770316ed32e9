"""The record of one touchpoint (`o`): every field, its whole text wrapped, editable field by field.

The grid cuts long text; the record shows all of it, with each catalogue
value's label and description. Tab and shift+tab go from field to field;
enter in a long text adds a line (in a short one it goes on to the next
field); escape closes. A field's change is applied when the field is left,
as one ordinary edit through the session, so `u` undoes it like any other.

The touchpoint is followed by its stage id and key, not its row: an edit made
meanwhile elsewhere (a live session) does not make the record edit another one.
Only a field typed into is applied: a field left as it was shown never puts
its old value back over someone else's change made meanwhile, and such a
field shows that change as soon as it is made (`map_changed`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from tui.app import entry, intents
from tui.app.gate import ShownInput, shown
from tui.app.screens.entry_keys import EMPTY_NAME, NOT_A_SCORE
from tui.app.widgets.shown_text_area import ShownTextArea
from tui.core.catalogue import Catalogue, Catalogues, fold
from tui.core.edits import Edit, ItemGone
from tui.core.live.link import Link
from tui.core.model import JourneyMap
from tui.output.cells import CATALOGUE_KEYS, Row, raw_value
from tui.output.faces import Faces
from tui.output.i18n import GRID_COLUMNS, N_, _, translate
from tui.output.visible import in_place, visible

#: Every field of a touchpoint's row, in the grid's order, with the grid's heading.
FIELDS = tuple((column.key, column.heading) for column in GRID_COLUMNS)
#: Fields whose text may run long: a wrapped editor where enter adds a line.
LONG = ("situation", "response", "pain", "opportunity")
TITLE = N_("Fiche · {where}")
HINT = N_("tab : champ suivant · entrée : nouvelle ligne (textes longs) · ctrl+s : enregistrer · échap : fermer")
READ_ONLY_HINT = N_("Lecture seule · échap : fermer")
NOT_IN_CATALOGUE = N_("hors catalogue : gardé comme texte libre")
GONE = N_("Ce point de contact n'existe plus")


class CatalogueSuggester(Suggester):
    """Completes a catalogue field with the first label that starts with what is typed (accents aside).

    Input draws a suggestion as it is, after its highlighter: the label (a
    project's `catalog/` is input too) comes through the gate here, one
    character for one and on one line, so a line break cannot break the field's line.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.catalogue = catalogue

    async def get_suggestion(self, value: str) -> str | None:
        folded = fold(value)
        for item in self.catalogue.filter(value) if value.strip() else ():
            label = item.shown_label
            if fold(label).startswith(folded) and len(label) > len(value):
                return value + in_place(label, line=True)[len(value):]
        return None


class RecordScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", show=False, id="record-close"),
        Binding("ctrl+s", "save", show=False, id="record-save"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, session: Link, row: Row, catalogues: Catalogues, faces: Faces,
                 apply: Callable[[Edit | None], None], read_only: bool = False, focus: str = "stage") -> None:
        super().__init__(id="record-screen")
        self.session = session
        self.catalogues = catalogues
        self.faces = faces
        self.apply = apply
        self.read_only = read_only
        self.first = focus  # the field the cursor was on in the grid
        stage = session.map.stages[row.stage]
        self.stage_id = stage.id
        self.key = stage.touchpoints[row.touchpoint].key if row.touchpoint is not None else None
        #: What each field showed when it was filled (or last applied): a field is applied when it differs.
        self.shown: dict[str, str] = {}
        self._gone_said = False

    def row(self) -> Row:
        """Where the touchpoint is now (ItemGone when it is not there any more)."""
        jmap = self.session.map
        stage = jmap.stage_index(self.stage_id)
        if self.key is None and jmap.stages[stage].touchpoints:  # the record's first field made it
            self.key = jmap.stages[stage].touchpoints[0].key
        return Row(*jmap.locate(self.key)) if self.key is not None else Row(stage, None)

    def _text(self, key: str) -> str:
        value = raw_value(self.session.map, self.row(), key)
        if key in CATALOGUE_KEYS and value:
            return self.catalogues.label(key, str(value))
        return "" if value is None else str(value)

    def compose(self) -> ComposeResult:
        row = self.row()
        jmap = self.session.map
        where = jmap.stages[row.stage].name + (f" #{row.touchpoint + 1}" if row.touchpoint is not None else "")
        with VerticalScroll(id="record"):
            yield Static(shown(_(TITLE).format(where=where)), classes="dialog-question")
            for key, heading in FIELDS:
                yield Static(translate(heading), classes="record-heading")
                yield self._field(key)
                yield Static(id=f"about-{key}", classes="record-about")
            yield Static(_(READ_ONLY_HINT if self.read_only else HINT), classes="help-foot")

    def _field(self, key: str) -> Widget:
        text = self.shown[key] = self._text(key)
        # Data through the terminal gate (`tui.app.gate`): the field's text is the map's, drawn visibly.
        if self.read_only:
            return Static(Content(visible(text)), id=f"field-{key}", classes="record-text")
        if key in LONG:
            return ShownTextArea(text, id=f"field-{key}", soft_wrap=True, show_line_numbers=False,
                                 tab_behavior="focus", classes="record-long", compact=True)
        catalogue = self.catalogues.for_field(key)
        # Compact (no border): at 80×24 more fields are in view; the heading says which is which.
        return ShownInput(text, id=f"field-{key}", suggester=CatalogueSuggester(catalogue) if catalogue else None,
                          compact=True)

    def on_mount(self) -> None:
        for key, _heading in FIELDS:
            self._about(key)
        if self.read_only:
            self.query_one("#record").focus()
        else:
            self.query_one(f"#field-{self.first}").focus()

    def _about(self, key: str) -> None:
        """Under a catalogue field its entry's description; under the feeling its face and word."""
        value = raw_value(self.session.map, self.row(), key)
        about = ""
        if key in CATALOGUE_KEYS and value:
            found = self.catalogues.for_field(key).get(str(value))
            about = found.shown_description if found is not None else _(NOT_IN_CATALOGUE)
        elif key == "emotion" and value is not None:
            about = f"{self.faces.cell(value)} {self.faces.word(value)}"
        widget = self.query_one(f"#about-{key}", Static)
        widget.update(Content(visible(about)))
        widget.display = bool(about)

    # -- applying what was typed ------------------------------------------------------------

    def _typed(self, key: str) -> str:
        widget = self.query_one(f"#field-{key}")
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]

    def commit(self) -> bool:
        """Apply every field that differs from the map, each as one edit; False when the touchpoint is gone."""
        if self.read_only:
            return True
        try:
            for key, _heading in FIELDS:
                self._commit(key)
        except ItemGone:
            self.notify(_(GONE), severity="warning")
            return False
        return True

    def keep_typed(self) -> bool:
        """Apply the fields typed into, before a save or a quit; True when there were some."""
        typed = not self.read_only and any(self._typed(key) != self.shown[key] for key, _heading in FIELDS)
        self.commit()
        return typed

    def _commit(self, key: str) -> None:
        text = self._typed(key)
        if text == self.shown.get(key):  # not typed into: the map's value, whoever set it, stays
            return
        self.shown[key] = text
        if text == self._text(key):
            return
        if key in LONG:
            value: str | int | None = text.rstrip("\n")
        else:  # None: a blank stage name, or not a score (a blank feeling clears it)
            value = None if key == "emotion" and not text.strip() else entry.typed(self.catalogues, key, text)
            if value is None and (key != "emotion" or text.strip()):
                refused = NOT_A_SCORE if key == "emotion" else EMPTY_NAME
                self.notify(_(refused), severity="warning")
                self._reset(key)
                return
        self.apply(intents.set_cell(self.session.map, self.row(), key, value))
        self._about(key)

    def _reset(self, key: str) -> None:
        widget = self.query_one(f"#field-{key}")
        text = self.shown[key] = self._text(key)
        if isinstance(widget, TextArea):
            widget.load_text(text)
            widget.move_cursor(widget.document.end)  # as when it is entered (`on_descendant_focus`)
        else:
            widget.value = text  # type: ignore[attr-defined]

    def map_changed(self, jmap: JourneyMap) -> None:
        """The map changed under the record (someone else's edit in a live session, a reload): every
        field not typed into shows the value now; one typed into keeps what is being typed. The
        fields are read from the session's map, which is `jmap` or a change ahead of it."""
        if not self.is_attached:
            return
        try:
            self.row()
        except ItemGone:
            if not self._gone_said:
                self._gone_said = True
                self.notify(_(GONE), severity="warning")
            return
        for key, _heading in FIELDS:
            # Whoever changed the value: one's own edit too, applied by the session after it was typed.
            self._about(key)
            if self._text(key) == self.shown[key]:
                continue
            if self.read_only:
                text = self.shown[key] = self._text(key)
                self.query_one(f"#field-{key}", Static).update(Content(visible(text)))
            elif self._typed(key) == self.shown[key]:
                self._reset(key)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A long field is entered at its end, where typing goes on from what is written (an Input
        selects its value instead, and typing replaces it: Textual's way for one-line fields)."""
        widget = event.widget
        if isinstance(widget, TextArea) and not self.read_only:
            widget.move_cursor(widget.document.end)

    def on_descendant_blur(self) -> None:
        if self.is_attached and not self.commit():
            self.dismiss(None)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        """ctrl+s: the fields typed into, then the map, saved; the record stays open."""
        self.commit()
        self.app.save()

    def action_close(self) -> None:
        self.commit()
        self.dismiss(None)
