"""The side panel: the catalogue of the column under the cursor, and the picker when editing.

Browsing, it lists the entries (channels under their group headings). Picking,
its filter has the focus: typing narrows and ranks the list (case and accents
ignored, the best match first: `Catalogue.filter`), up and down choose, enter
posts `Picked`, tab and shift+tab too (and say to go on to the next or previous
cell), escape posts `Cancelled`. What was typed is never thrown away: the list
ends with an option keeping it as free text, the one chosen when nothing matches.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.gate import ShownInput, option
from tui.app.widgets.in_order import in_order
from tui.core.catalogue import Catalogue, Catalogues, Entry
from tui.output.i18n import N_, _

TITLES = {
    "channel": N_("Canaux"),
    "support": N_("Supports et points de contact"),
    "type": N_("Types de communication"),
}


class CataloguePanel(Vertical):
    """Lists a catalogue; becomes a picker with `start_picking`."""

    # In typing order, through the filter (`tui.app.widgets.in_order`): a tab typed right after a
    # few letters, in one read, chooses among what those letters found.
    BINDINGS = in_order([
        Binding("down", "move(1)", id="picker-down"),
        Binding("up", "move(-1)", id="picker-up"),
        Binding("escape", "cancel", id="picker-cancel"),
        Binding("enter", "submit(0)", id="picker-keep"),
        Binding("tab", "submit(1)", id="picker-next"),
        Binding("shift+tab", "submit(-1)", id="picker-previous"),
    ])

    #: The option id of « keep what was typed » (no catalogue id has a space).
    KEEP = "keep typed"

    class Picked(Message):
        """The user chose a value: an entry's id, or free text not in the catalogue; `step` 1 or -1:
        and go on to the next or previous cell (tab, shift+tab)."""

        def __init__(self, value: str, known: bool, step: int = 0) -> None:
            super().__init__()
            self.value = value
            self.known = known
            self.step = step

    class Cancelled(Message):
        """The user left the picker without choosing; `step`: and went on to another cell (tab)."""

        def __init__(self, step: int = 0) -> None:
            super().__init__()
            self.step = step

    def __init__(self, catalogues: Catalogues, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalogues = catalogues
        self.key = ""
        self.picking = False
        self._entries: list[Entry] = []
        #: What the list was filled for: the filter's `Changed` messages may arrive after a key.
        self._query = ""

    def compose(self) -> ComposeResult:
        yield Static(id="panel-title")
        yield ShownInput(placeholder=_("Filtrer…"), id="panel-filter")
        yield OptionList(id="panel-options")

    def _catalogue(self) -> Catalogue | None:
        return self.catalogues.for_field(self.key)

    def _options(self, entries: list[Entry], ranked: bool = False) -> list[Option | None]:
        if self.key != "channel" or ranked:
            return [option(e.shown_label, id=e.id) for e in entries]
        options: list[Option | None] = []
        for group in self.catalogues.groups:
            members = [e for e in entries if e.group == group.id]
            if members:
                options.append(option(f"── {group.shown_label}", disabled=True))
                options.extend(option(f"  {e.shown_label}", id=e.id) for e in members)
        others = [e for e in entries if e.group not in {g.id for g in self.catalogues.groups}]
        options.extend(option(e.shown_label, id=e.id) for e in others)
        return options

    def _fill(self, query: str = "", current: str = "") -> None:
        catalogue = self._catalogue()
        options = self.query_one(OptionList)
        options.clear_options()
        self._query = query
        if catalogue is None:
            self._entries = []
            options.add_option(Option(_("Pas de catalogue pour cette colonne"), disabled=True))
            return
        self._entries = catalogue.filter(query) if query.strip() else list(catalogue)
        options.add_options(self._options(self._entries, ranked=bool(query.strip())))
        if query.strip() and catalogue.find(query) is None:
            options.add_option(option(_("+ garder « {text} » (hors catalogue)").format(text=query.strip()), id=self.KEEP))
        highlight = next((i for i, o in enumerate(options.options) if o.id == current), None)
        if highlight is None:
            highlight = next((i for i, o in enumerate(options.options) if not o.disabled), None)
        options.highlighted = highlight

    def show_column(self, key: str, current: str = "") -> None:
        """Browse the catalogue of `key` (attributes down: the screen tells the panel)."""
        if self.picking or key == self.key:
            return
        self.key = key
        title = TITLES.get(key)
        self.query_one("#panel-title", Static).update(_(title) if title else "")
        self._fill(current=current)

    def start_picking(self, key: str, current: str = "") -> None:
        self.key = ""
        self.show_column(key, current)
        self.picking = True
        self.add_class("-picking")
        filter_input = self.query_one(Input)
        filter_input.value = ""
        filter_input.display = True
        filter_input.focus()

    def stop_picking(self) -> None:
        self.picking = False
        self.remove_class("-picking")
        self.query_one(Input).display = False

    @on(Input.Changed, "#panel-filter")
    def _filter(self) -> None:
        self._sync()

    def _sync(self) -> None:
        """The list for what the filter holds now (a `Changed` may be late, or stale)."""
        value = self.query_one(ShownInput).value
        if value != self._query:
            self._fill(value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.picking if action == "in_order" else True

    def action_in_order(self, key: str, action: str) -> None:
        """Run `action` once the filter has taken the keys read before `key` (the panel's keys wait
        in its filter's queue: the filter is what they were typed into)."""
        self.query_one(ShownInput).call_later(self._in_order, key, action)

    async def _in_order(self, key: str, action: str) -> None:
        if not self.query_one(ShownInput).keep_if_held(key):
            await self.run_action(action)

    def action_move(self, step: int) -> None:
        self._sync()
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        if self.picking:
            self.query_one(ShownInput).hold()  # the keys typed after: for the grid
            self.stop_picking()
            self.post_message(self.Cancelled())

    @on(Input.Submitted, "#panel-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit(0)

    def action_submit(self, step: int) -> None:
        """Choose the highlighted option (the typed text, if that is it); nothing typed and nothing
        highlighted: leave the cell as it is, and still go on with tab."""
        if not self.picking:
            return
        self._sync()
        options = self.query_one(OptionList)
        option = options.highlighted_option if options.highlighted is not None else None
        typed = self.query_one(Input).value.strip()
        self.query_one(ShownInput).hold()  # the keys typed after: for the next cell or the grid
        self.stop_picking()
        if option is not None and option.id not in (None, self.KEEP):
            self.post_message(self.Picked(option.id, True, step))
        elif typed:
            self.post_message(self.Picked(typed, False, step))
        else:
            self.post_message(self.Cancelled(step))

    @on(OptionList.OptionSelected, "#panel-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.picking and event.option.id is not None:
            self.action_submit(0)
