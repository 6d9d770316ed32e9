"""Exports of hostile maps: nothing hidden reaches a file, Mermaid still parses, HTML prints and draws every stage."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings

from hostile_maps import CATALOGUES, MAPS
from test_export import mermaid_statements, page
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.formats import Source, renderer
from tui.output.formats.html_page import STYLE
from tui.output.formats.mermaid import TASK_CHARS, ZERO_WIDTH_SPACE
from tui.output.visible import FORBIDDEN, visible
from tui.output.i18n import use_language

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW_FORBIDDEN = re.compile(f"[{FORBIDDEN}]")


def export(jmap: JourneyMap, fmt: str, lang: str = "fr") -> str:
    use_language(lang)
    return renderer(fmt)(Source(jmap, CATALOGUES))


@SETTINGS
@given(jmap=MAPS)
@example(jmap=JourneyMap(title="", stages=(Stage("a", "", touchpoints=(Touchpoint(support="section ", response='=HYPERLINK("x")' * 3),)),)))
def test_mermaid_of_any_map_parses_shows_every_stage_and_hides_nothing(jmap):
    text = export(jmap, "mermaid")
    assert visible(text) == text
    statements = mermaid_statements(text)
    assert [s[0] for s in statements].count("section") == len(jmap.stages)
    tasks = [s for s in statements if s[0] == "task"]
    assert len(tasks) == sum(len(s.touchpoints) or 1 for s in jmap.stages)
    assert all(len(s[1].removeprefix(ZERO_WIDTH_SPACE)) <= TASK_CHARS for s in tasks)  # the space that unmakes a keyword is not seen


@SETTINGS
@given(jmap=MAPS)
def test_html_and_json_of_any_map_hold_no_forbidden_character_raw(jmap):
    for fmt in ("html", "json"):
        assert not RAW_FORBIDDEN.search(export(jmap, fmt)), fmt


def test_html_writes_control_and_bidi_characters_as_references():
    jmap = JourneyMap(title="a\x1b[2Jb\u202ec", stages=(Stage("s", "x\x9by", touchpoints=(Touchpoint(who="\x7f<b>"),)),))
    text = export(jmap, "html")
    assert "a&#x1b;[2Jb&#x202e;c" in text and "x&#x9b;y" in text and "&#x7f;&lt;b&gt;" in text
    assert "<b>" not in text.split("</style>")[1]


def test_json_escapes_what_json_dumps_leaves_raw():
    text = export(JourneyMap(title="\x7f\x85\u202e\u2066\x1b"), "json")
    assert '"title": "\\u007f\\u0085\\u202e\\u2066\\u001b"' in text


def test_the_printed_page_wraps_long_tokens_keeps_headings_and_repeats_the_header():
    rules = " ".join(STYLE.split())
    assert "overflow-wrap: break-word" in rules  # a long token breaks; a word that fits is not cut
    assert re.search(r"h1, h2, h3 \{ break-after: avoid;", rules)
    assert ".grid thead { display: table-header-group; }" in rules
    assert ".grid tr, .grid tbody { break-inside: avoid;" in rules  # a row, and a stage when it fits
    assert "@page { size: A4 landscape;" in rules


def test_the_curve_runs_through_every_stage_with_gaps_marked():
    tp = lambda emotion: Touchpoint(who="x", emotion=emotion)  # noqa: E731
    jmap = JourneyMap(title="t", stages=(
        Stage("a", "A", touchpoints=(tp(2),)), Stage("b", "B"), Stage("c", "C", touchpoints=(tp(None),)),
        Stage("d", "D", touchpoints=(tp(-2),)), Stage("e", "E"),
    ))
    parsed = page(export(jmap, "html"))
    lines = [line for line in parsed.attrs["line"] if line.get("class") in ("run", "gap")]
    assert [line["class"] for line in lines] == ["gap", "gap", "gap", "gap"]  # every stretch touches a stage without a score
    ends = [(float(line["x1"]), float(line["x2"])) for line in lines]
    assert all(a[1] == b[0] for a, b in zip(ends, ends[1:]))  # one unbroken line from the first stage to the last
    hollow = [c for c in parsed.attrs["circle"] if c.get("class") == "gap"]
    assert len(hollow) == 3 and len(parsed.attrs["circle"]) == 5
    # B lies on the way from A (+2) down to D (-2); E carries D's level on.
    ys = {c["cx"]: float(c["cy"]) for c in parsed.attrs["circle"]}
    a, b, c, d, e = (ys[x] for x in sorted(ys, key=float))
    assert a < b < c < d == e
    assert "aucun point de contact" in "".join(parsed.text) and "aucune émotion notée" in "".join(parsed.text)
    solid = page(export(JourneyMap(title="t", stages=(Stage("a", "A", touchpoints=(tp(1),)), Stage("b", "B", touchpoints=(tp(0),)))), "html"))
    assert [line["class"] for line in solid.attrs["line"] if line.get("class")] == ["run"]
