"""Map → CSV / xlsx / JSON → map gives the map back, for hostile text and for every example map.

CSV and xlsx carry the stages and touchpoints, the title, the locale and the
persona; JSON every key of the file, the ones parcours does not know included.
Line ends inside a value come back as LF (a spreadsheet writes CRLF).
"""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
import tomllib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile_maps import CATALOGUES, IDS, SLUG, TEXT, without_crlf
from tests_support import ROOT
from tui.core.document import MapDocument
from tui.core.model import TOUCHPOINT_FIELDS, JourneyMap, Persona, Stage, Touchpoint
from tui.output.formats import Source, renderer
from tui.output.formats import json_data, table_csv, table_xlsx
from tui.output.formats.map_toml import MAP_KEYS, STAGE_KEYS, map_text
from tui.output.i18n import use_language

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# A map needs a title and stage names; a touchpoint with nothing in it is no row of a table.
NAMED = TEXT.filter(str.strip)
TABLE_TOUCHPOINTS = st.builds(
    Touchpoint, channel=IDS, support=IDS, response=TEXT, type=IDS, who=TEXT,
    emotion=st.one_of(st.none(), st.integers(-2, 2)), pain=TEXT, opportunity=TEXT,
).filter(lambda tp: any(v not in ("", None) for v in vars(tp).values()))
TABLE_STAGES = st.lists(
    st.builds(Stage, id=SLUG, name=NAMED, situation=TEXT, touchpoints=st.lists(TABLE_TOUCHPOINTS, max_size=3).map(tuple)),
    min_size=1, max_size=4, unique_by=lambda s: s.id,
).map(tuple)
PERSONAS = st.one_of(st.none(), st.builds(
    Persona, name=TEXT, description=TEXT,
    extra=st.dictionaries(TEXT.filter(lambda k: k not in ("name", "description")), TEXT, max_size=2).map(lambda d: tuple(d.items())),
))


def parcours(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


def back(reading, tmp_path) -> JourneyMap:
    assert reading.problems == ()
    return MapDocument.from_text(tmp_path / "back.toml", map_text(reading.data, "in")).map


# --- CSV ---------------------------------------------------------------------------------------


def _nul(stages: tuple[Stage, ...]) -> bool:
    """Whether a NUL is in the text: a CSV file holding one is refused as binary (UTF-16) on import."""
    texts = [t for s in stages for t in (s.name, s.situation, *(v for tp in s.touchpoints for v in vars(tp).values()))]
    return any(isinstance(t, str) and "\x00" in t for t in texts)


@SETTINGS
@given(stages=TABLE_STAGES.filter(lambda stages: not _nul(stages)), lang=st.sampled_from(["fr", "en"]),
       delimiter=st.sampled_from([",", ";"]), excel=st.booleans(),
       title=NAMED.filter(lambda t: "\x00" not in t), persona=PERSONAS, locale=st.sampled_from([None, "fr", "en"]))
@example(stages=(Stage("a", " A ", " s ", (Touchpoint(who=" "), Touchpoint(response="a\r\nb\rc"))),), lang="fr", delimiter=";",
         excel=False, title="t", persona=None, locale=None)
@example(stages=(Stage("a", "=A", "-s", tuple(Touchpoint(response=r) for r in ("'=x", "''-x", "'", "\t-x", "+33 1 23", '="x"', "'=\"x\""))),),
         lang="en", delimiter=",", excel=True, title="=1+1", persona=Persona("0612345678", "1/2", (("lieu", "@x"),)),
         locale="en")
def test_any_map_survives_csv(stages, lang, delimiter, excel, title, persona, locale, tmp_path_factory):
    import csv

    if persona is not None and any("\x00" in v for v in (persona.name, persona.description, *(t for kv in persona.extra for t in kv))):
        persona = None  # a NUL makes the file binary to the import
    source = JourneyMap(title=title, stages=stages, persona=persona, locale=locale)
    use_language(lang)
    text = renderer("csv")(Source(source, CATALOGUES, excel=excel)).removeprefix("\ufeff")
    if delimiter != ",":  # as a spreadsheet would save it: same cells, other separator
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(csv.reader(io.StringIO(text, newline="")))
        text = out.getvalue()
    folder = tmp_path_factory.mktemp("csv")
    reading = table_csv.read(folder / "m.csv", text.encode("utf-8"), CATALOGUES)
    assert back(reading, folder) == without_crlf(source)


def test_a_value_longer_than_the_csv_modules_field_limit_comes_back(tmp_path):
    """Python's csv reader refuses fields over 128 KiB by default: a long response exported fine and
    then could not be imported ("field larger than field limit")."""
    source = JourneyMap(title="t", stages=(Stage("a", "A", "", (Touchpoint(response="x " * 300_000),)),))
    text = renderer("csv")(Source(source, CATALOGUES))
    assert back(table_csv.read(tmp_path / "m.csv", text.encode("utf-8"), CATALOGUES), tmp_path) == source


@pytest.mark.parametrize("text", ["0612345678", "1/2", "=1+1", "TRUE", "faux", "12:30", "3 mars", "(3)", "1 234,5 €", "-5", "+33 6"])
def test_excel_csv_keeps_number_and_date_like_text_as_text(text):
    cell = table_csv.as_text(text, excel=True)
    assert cell == '="' + text + '"'
    assert table_csv.from_text(cell) == text
    assert table_csv.as_text(text) in (text, "'" + text)  # plain CSV: only the formula guard


@pytest.mark.parametrize("text", ["Bannières", "Voit une publicité", "a\n1", "x" * 300 + "1", "Page 2 de 3"])
def test_excel_csv_leaves_ordinary_text_alone(text):
    assert table_csv.as_text(text, excel=True) == text


# --- xlsx --------------------------------------------------------------------------------------


@SETTINGS
@given(stages=TABLE_STAGES, title=NAMED, persona=PERSONAS, locale=st.sampled_from([None, "fr", "en"]), lang=st.sampled_from(["fr", "en"]))
@example(stages=(Stage("a", "0612345678", "1/2", (Touchpoint(response="=1+1", who="TRUE", pain="_x0041_", opportunity="a\rb\r\nc\x00"),)),),
         title="parcours", persona=Persona("", ""), locale="fr", lang="fr")
def test_any_map_survives_xlsx(stages, title, persona, locale, lang, tmp_path_factory):
    source = JourneyMap(title=title, stages=stages, persona=persona, locale=locale)
    use_language(lang)
    book = renderer("xlsx")(Source(source, CATALOGUES))
    folder = tmp_path_factory.mktemp("xlsx")
    assert back(table_xlsx.read(folder / "m.xlsx", book, CATALOGUES), folder) == without_crlf(source)


def test_xlsx_types_every_text_cell_as_text_and_freezes_the_stage(tmp_path):
    from openpyxl import load_workbook

    source = JourneyMap(title="Nombres: 1/2", stages=(
        Stage("a", "0612345678", "1/2", (Touchpoint(response="=1+1", who="TRUE", emotion=-2, pain="x" * 500),)),
        Stage("b", "3 mars"),
    ))
    (tmp_path / "m.xlsx").write_bytes(renderer("xlsx")(Source(source, CATALOGUES)))
    book = load_workbook(tmp_path / "m.xlsx")
    sheet = book.worksheets[0]
    assert [s.title for s in book.worksheets if s.sheet_state == "visible"] == ["Nombres 1 2"]
    assert sheet.freeze_panes == "C2"
    rows = list(sheet.iter_rows(min_row=2))
    first = {c.column_letter: c for c in rows[0]}
    assert (first["B"].value, first["C"].value, first["F"].value, first["H"].value) == ("0612345678", "1/2", "=1+1", "TRUE")
    for cell in rows[0]:
        if cell.column_letter == "I":
            assert (cell.value, cell.data_type) == (-2, "n")
        else:  # an empty cell is text too: what someone types in it later stays as typed
            assert cell.number_format == "@" and (cell.data_type == "s" or cell.value in ("", None)), cell
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK"]
    assert widths[9] == table_xlsx.MAX_WIDTH and all(table_xlsx.MIN_WIDTH <= w <= table_xlsx.MAX_WIDTH for w in widths)
    assert rows[0][0].font.b is False and sheet["A1"].font.b is True


def test_xlsx_needs_a_file_and_a_damaged_one_is_one_line(tmp_path):
    done = parcours("export", ROOT / "maps" / "concert.toml", "--to", "xlsx", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "parcours export: --to xlsx writes a binary file: name it with -o FILE\n"
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really")
    done = parcours("import", "bad.xlsx", "-o", "m.toml", cwd=tmp_path)
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("bad.xlsx: ")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    done = parcours("import", "old.xls", "-o", "m.toml", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("old.xls: is an old Excel file; save it as .xlsx")
    assert not (tmp_path / "m.toml").exists()


def test_xlsx_refuses_a_value_longer_than_a_cell_holds_rather_than_cutting_it(tmp_path):
    """openpyxl cuts a string at 32,767 characters (a cell's limit in Excel) without a word: a long
    response came back from the spreadsheet cut, and `diff` showed it changed."""
    (tmp_path / "m.toml").write_text(
        'schema = 1\ntitle = "t"\n[[stages]]\nid = "a"\nname = "Long"\n[[stages.touchpoints]]\n'
        f'response = "{"x" * 40_000}"\n', encoding="utf-8")
    done = parcours("export", "m.toml", "--to", "xlsx", "-o", "m.xlsx", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr == ("m.toml: stage 'Long', column response: 40000 characters; a spreadsheet cell holds"
                           " at most 32767 (export to csv or json instead)\n")
    assert not (tmp_path / "m.xlsx").exists()


# --- JSON --------------------------------------------------------------------------------------

KEYS = st.one_of(st.sampled_from(["$toml", "extra", "a", "", "name", "x y", "é"]), TEXT)
SCALARS = st.one_of(
    TEXT, st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.booleans(),
    st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))])),
    st.dates(), st.times(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=6)


def extras(known: tuple[str, ...]):
    return st.dictionaries(KEYS.filter(lambda k: k not in known), VALUES, max_size=2)


@st.composite
def toml_maps(draw) -> dict:
    """A map file's data: hostile text everywhere, and keys parcours does not know at every level."""
    stages = []
    for stage_id in draw(st.lists(SLUG, max_size=3, unique=True)):
        touchpoints = []
        for _ in range(draw(st.integers(0, 2))):
            # Some keys left out, as a file may: the map built back must not gain them (as "").
            tp = {k: draw(IDS if k in ("channel", "support", "type") else TEXT)
                  for k in TOUCHPOINT_FIELDS if k != "emotion" and draw(st.booleans())}
            emotion = draw(st.one_of(st.none(), st.integers(-2, 2)))
            if emotion is not None:
                tp["emotion"] = emotion
            touchpoints.append(tp | draw(extras(TOUCHPOINT_FIELDS)))
        situation = {"situation": draw(TEXT)} if draw(st.booleans()) else {}
        stages.append({"id": stage_id, "name": draw(NAMED)} | situation | draw(extras(STAGE_KEYS)) | {"touchpoints": touchpoints})
    data = {"schema": 1, "title": draw(NAMED)}
    locale = draw(st.sampled_from([None, "fr", "en"]))
    if locale:
        data["locale"] = locale
    data |= draw(extras(MAP_KEYS))
    if draw(st.booleans()):
        data["persona"] = {"name": draw(TEXT), "description": draw(TEXT)} | draw(extras(("name", "description")))
    return data | {"stages": stages}


@SETTINGS
@given(data=toml_maps())
@example(data={"schema": 1, "title": "t", "extra": {"$toml": "x"}, "when": datetime.date(2024, 1, 2),
               "persona": {"name": "", "description": "", "$toml": float("inf")}, "stages": []})
def test_any_map_file_survives_json_whole(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("json")
    text = map_text(data, "source")
    document = MapDocument.from_text(folder / "m.toml", text)
    exported = renderer("json")(Source(document.map, CATALOGUES, text=document.text()))
    assert exported.isascii() or not set(exported) & set("\x7f\x85\x9b\u202e\u2066")
    reading = json_data.read(folder / "m.json", exported.encode("utf-8"), CATALOGUES)
    again = map_text(reading.data, "m.json")
    assert MapDocument.from_text(folder / "back.toml", again).map == document.map  # what `diff` compares
    assert tomllib.loads(again) == tomllib.loads(text)  # and every key of the file, unknown ones included


# --- the example maps, through the command line -------------------------------------------------


@pytest.mark.parametrize(("fmt", "options"), [("json", ()), ("xlsx", ()), ("csv", ()), ("csv", ("--excel",))])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_map_comes_back_through_the_command_line(path, fmt, options, tmp_path):
    title = MapDocument.load(path).map.title
    assert parcours("export", path, "--to", fmt, *options, "-o", f"m.{fmt}", cwd=tmp_path).returncode == 0
    done = parcours("import", f"m.{fmt}", "-o", "back.toml", "--title", title, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    diff = parcours("diff", path, "back.toml", cwd=tmp_path)
    assert (diff.returncode, diff.stdout) == (0, ""), diff.stdout


def test_excel_is_for_csv_only(tmp_path):
    done = parcours("export", ROOT / "maps" / "concert.toml", "--to", "json", "--excel", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "") and done.stderr == "parcours export: --excel is for --to csv, not --to json\n"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["stages"].append(dict(d["stages"][0])),
     "m.json: stages[1].id: duplicate stage id 'a' (first used by stage #1)"),
    (lambda d: d["stages"][0].update(name=""), "m.json: stages[0].name: 'name' must not be empty"),
    (lambda d: d.update(locale="de"), "m.json: locale: 'locale' must be \"fr\" or \"en\", not 'de'"),
])
def test_an_imported_map_that_is_not_valid_is_reported_in_the_file_imported(change, expected, tmp_path):
    """The map built from the file is checked before it is written; its errors named the map that was
    not written, at a line of it nobody can see (`back.toml:13:6: …`)."""
    import json

    data = {"format": "parcours-map", "format_version": 1, "schema": 1, "title": "t",
            "stages": [{"id": "a", "name": "A", "touchpoints": []}]}
    change(data)
    (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
    done = parcours("import", "m.json", "-o", "back.toml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, expected + "\n")
    assert not (tmp_path / "back.toml").exists()
