"""Where Tab, `]` and `[` go and what `"` and `.` set (`tui.app.entry`), without an app."""

from __future__ import annotations

from tui.app.entry import Change, above, next_editable, next_empty, typed
from tui.core.catalogue import load_catalogues
from tui.core.edits import InsertTouchpoint, SetStageField, SetTouchpointField
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.cells import rows_of

KEYS = ("stage", "situation", "channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")


def _map() -> JourneyMap:
    return JourneyMap("t", (
        Stage("a", "A", "sa", (Touchpoint("web", "faq", "r1", "tech", "Q", key="t1", emotion=1),
                               Touchpoint("", "", "", key="t2"))),
        Stage("b", "B", "", ()),
    ))


def test_tab_skips_the_feeling_and_a_stage_cell_below_its_first_row():
    rows = rows_of(_map())
    assert next_editable(rows, KEYS, (0, 6), 1) == (0, 8)  # Qui → Irritant, over Émotion
    assert next_editable(rows, KEYS, (0, 9), 1) == (1, 2)  # round to the next row: its Canal
    assert next_editable(rows, KEYS, (1, 9), 1) == (2, 0)  # a stage's first row: its Étape
    assert next_editable(rows, KEYS, (1, 2), -1) == (0, 9)
    assert next_editable(rows, KEYS, (2, 9), 1) is None
    assert next_editable(rows, KEYS, (0, 0), -1) is None


def test_tab_reaches_whatever_columns_the_grid_has():
    rows = rows_of(_map())
    eight = KEYS[:8]
    assert next_editable(rows, eight, (0, 6), 1) == (1, 2)


def test_brackets_find_the_next_and_previous_empty_cell_going_round():
    jmap = _map()
    rows = rows_of(jmap)
    assert next_empty(jmap, rows, KEYS, (0, 0), 1) == (0, 8)  # the first row's pain point
    assert next_empty(jmap, rows, KEYS, (0, 8), 1) == (0, 9)
    assert next_empty(jmap, rows, KEYS, (0, 9), 1) == (1, 2)
    assert next_empty(jmap, rows, KEYS, (2, 9), 1) == (0, 8)  # round from the end
    assert next_empty(jmap, rows, KEYS, (1, 2), -1) == (0, 9)
    assert next_empty(jmap, rows, KEYS, (0, 8), -1) == (2, 9)  # round from the start
    assert next_empty(jmap, rows, KEYS, (0, 1), -1) == (2, 9)


def test_brackets_say_none_when_every_cell_is_filled():
    full = Touchpoint("w", "f", "r", "t", "q", 1, "p", "o", key="t1")
    jmap = JourneyMap("t", (Stage("a", "A", "", (full,)),))
    assert next_empty(jmap, rows_of(jmap), KEYS, (0, 2), 1) is None


def test_the_cell_above():
    jmap = _map()
    rows = rows_of(jmap)
    assert above(jmap, rows, 1, "channel") == "web"
    assert above(jmap, rows, 2, "situation") == "sa"  # a stage's cell: the stage before's
    assert above(jmap, rows, 0, "channel") is None


def test_same_as_above_and_repeat_make_ordinary_edits():
    jmap = _map()
    rows = rows_of(jmap)
    assert Change("above").edit(jmap, rows, 1, "channel") == SetTouchpointField("t2", "channel", "web")
    assert Change("above").edit(jmap, rows, 1, "emotion") == SetTouchpointField("t2", "emotion", 1)
    assert Change("above").edit(jmap, rows, 0, "channel") is None
    assert Change("set", "Toto").edit(jmap, rows, 1, "who") == SetTouchpointField("t2", "who", "Toto")
    assert Change("set", "Toto").edit(jmap, rows, 1, "emotion") is None  # text into the feeling
    assert Change("set", 2).edit(jmap, rows, 1, "who") is None
    assert Change("set", "B2").edit(jmap, rows, 2, "stage") == SetStageField("b", "name", "B2")
    assert Change("set", " ").edit(jmap, rows, 2, "stage") is None
    made = Change("set", "x").edit(jmap, rows, 2, "pain")  # the empty stage's row: its first touchpoint
    assert isinstance(made, InsertTouchpoint) and ("pain", "x") in made.values
    assert Change("step", -1).edit(jmap, rows, 0, "who") == SetTouchpointField("t1", "emotion", 0)


def test_typed_text_names_a_catalogue_entry_or_stays_free_text():
    catalogues = load_catalogues()
    assert typed(catalogues, "type", "Technique\n") == "technique"
    assert typed(catalogues, "type", "Artisanale") == "Artisanale"
    assert typed(catalogues, "response", "deux\nlignes\n") == "deux\nlignes"
    assert typed(catalogues, "emotion", " -2 ") == -2
    assert typed(catalogues, "emotion", "5") is None
    assert typed(catalogues, "stage", "  Après\nvente ") == "Après vente"
