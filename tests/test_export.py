"""Each export checked by parsing what it wrote: csv, json, an HTML parser, Mermaid's lexer rules."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests_support import EXAMPLE, ROOT, modules_loaded_by
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.output.formats import FORMATS, Source, renderer
from tui.output.formats.mermaid import SOFT_HYPHEN, TASK_CHARS, short
from tui.output.formats.table_rows import COLUMNS
from tui.core.model import JourneyMap, Persona, Stage, Touchpoint
from tui.output.i18n import use_language

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))

#: A map made of everything the formats have to escape.
TRICKY = """\
schema = 1
title = "Parcours: test #1; 100%% {x}"
locale = "fr"

[persona]
name = "Léa | *cliente* <b>fidèle</b>"
description = "Ligne 1\\nLigne 2"

[[stages]]
id = "a"
name = "Étape: A # un; deux"
situation = "Arrive, \\"voit\\" | compare\\npuis part"

[[stages.touchpoints]]
channel = "radio"
support = "bannieres"
response = "- relance: 50% ; #promo <script>alert(1)</script>"
type = "promotionnelle"
who = "Moi, toi"
emotion = -2
pain = "=SUM(A1)"
opportunity = "@idée"

[[stages.touchpoints]]
response = "title du mois"
who = ""

[[stages.touchpoints]]
response = "Section spéciale"
emotion = 2

[[stages.touchpoints]]
response = "Journey planner %%{init}%%"
who = "  "
emotion = 0

[[stages.touchpoints]]
channel = "canal-inconnu"
response = "\\n  \\n"

[[stages]]
id = "vide"
name = "Vide"
situation = "Rien ici"
"""


@pytest.fixture
def tricky(tmp_path):
    path = tmp_path / "tricky.toml"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def export(path, fmt: str, lang: str = "fr", **options) -> str:
    document = MapDocument.load(path)
    use_language(lang)
    return renderer(fmt)(Source(document.map, load_catalogues(path), text=document.text(), **options))


def parcours(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


# --- csv ---------------------------------------------------------------------------------------


def csv_rows(text: str) -> list[dict[str, str]]:
    """The touchpoint rows (the map's own lines after them, `#parcours,…`, are checked apart)."""
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    return [row for row in rows if row["stage_id"] != "#parcours" and any(row.values())]


def test_csv_ends_with_the_maps_own_lines(tricky):
    """Title, locale and persona after a blank row, one line each, so a map comes back whole."""
    lines = list(csv.reader(io.StringIO(export(tricky, "csv").removeprefix("\ufeff"), newline="")))
    own = [line for line in lines if line[:1] == ["#parcours"]]
    jmap = MapDocument.load(tricky).map
    assert own[0] == ["#parcours", "map", "title", jmap.title]
    assert lines[lines.index(own[0]) - 1] == []
    assert ["#parcours", "persona", "name", jmap.persona.name] in own


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_csv_has_one_row_per_touchpoint_with_labels_and_numbers(path):
    text = export(path, "csv")
    assert text.splitlines()[0] == "\ufeff" + ",".join(COLUMNS)
    assert text.count("\r\n") >= MapDocument.load(path).map.touchpoint_count
    rows = csv_rows(text)
    jmap = MapDocument.load(path).map
    catalogues = load_catalogues(path)
    expected = [(s, tp) for s in jmap.stages for tp in (s.touchpoints or (None,))]
    assert len(rows) == len(expected)
    for row, (stage, tp) in zip(rows, expected):
        assert (row["stage_id"], row["stage"], row["situation"]) == (stage.id, stage.name, stage.situation)
        if tp is not None:
            assert row["channel"] == catalogues.label("channel", tp.channel)
            assert row["support"] == catalogues.label("support", tp.support)
            assert row["type"] == catalogues.label("type", tp.type)
            assert row["emotion"] == ("" if tp.emotion is None else str(tp.emotion))


def test_csv_quotes_commas_quotes_and_newlines_and_guards_formulas(tricky):
    rows = csv_rows(export(tricky, "csv"))
    first = rows[0]
    assert first["situation"] == 'Arrive, "voit" | compare\npuis part'
    assert first["channel"] == "Radio" and first["support"] == "Bannières"
    assert first["emotion"] == "-2"  # a number, not text
    # Cells a spreadsheet would evaluate start with an apostrophe (its "this is text" mark).
    assert first["response"] == "'- relance: 50% ; #promo <script>alert(1)</script>"
    assert first["pain"] == "'=SUM(A1)" and first["opportunity"] == "'@idée"
    assert rows[-1] == {**{k: "" for k in COLUMNS}, "stage_id": "vide", "stage": "Vide", "situation": "Rien ici"}


def test_csv_in_english_uses_english_labels(tricky):
    first = csv_rows(export(tricky, "csv", "en"))[0]
    assert (first["support"], first["type"]) == ("Banners", "Promotional")


# --- json --------------------------------------------------------------------------------------


def from_json(data: dict) -> JourneyMap:
    persona = data["persona"]
    return JourneyMap(
        title=data["title"], schema=data["schema"], locale=data["locale"],
        persona=None if persona is None else Persona.from_data(persona),
        stages=tuple(
            Stage(s["id"], s["name"], s["situation"], tuple(
                Touchpoint(**{k: (v["id"] if isinstance(v, dict) else v) for k, v in tp.items()}) for tp in s["touchpoints"]
            ))
            for s in data["stages"]
        ),
    )


@pytest.mark.parametrize("path", [*EXAMPLES, None], ids=lambda p: p.stem if p else "tricky")
def test_json_is_the_whole_map_with_ids_labels_and_a_stable_key_order(path, tricky):
    path = path or tricky
    text = export(path, "json")
    data = json.loads(text)
    assert from_json(data) == MapDocument.load(path).map
    assert list(data) == ["format", "format_version", "schema", "title", "locale", "persona", "stages"]
    assert (data["format"], data["format_version"]) == ("parcours-map", 1)
    stage = data["stages"][0]
    assert list(stage) == ["id", "name", "situation", "emotion", "touchpoints"]
    tp = stage["touchpoints"][0]
    assert list(tp) == ["channel", "support", "response", "type", "who", "emotion", "pain", "opportunity"]
    assert list(tp["channel"]) == ["id", "label", "label_en", "known"]
    assert text == export(path, "json")


def test_json_says_which_values_are_outside_the_catalogues(tricky):
    tps = json.loads(export(tricky, "json"))["stages"][0]["touchpoints"]
    assert tps[0]["support"] == {"id": "bannieres", "label": "Bannières", "label_en": "Banners", "known": True}
    assert tps[4]["channel"] == {"id": "canal-inconnu", "label": "canal-inconnu", "label_en": "canal-inconnu", "known": False}


# --- html --------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Collects tags, attributes that fetch something, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: dict[str, list[dict[str, str | None]]] = {}
        self.fetches: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))
        for name, value in attrs:
            if name in ("src", "href", "srcset", "poster", "data") and value:
                self.fetches.append(value)

    def handle_data(self, data):
        self.text.append(data)


def page(text: str) -> Page:
    parser = Page()
    parser.feed(text)
    parser.close()
    return parser


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_html_is_one_self_contained_page_with_an_svg_curve_and_faces(path):
    text = export(path, "html")
    parsed = page(text)
    assert text.startswith("<!DOCTYPE html>")
    assert {"html", "head", "style", "body", "h1", "svg", "line", "circle", "table", "thead", "tbody"} <= set(parsed.tags)
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert parsed.fetches == []
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg\")", text)
    assert "@import" not in text and "url(" not in text
    svg = parsed.attrs["svg"][0]
    assert re.fullmatch(r"0 0 \d+ \d+", svg["viewbox"] or "") and svg["width"] == "100%"
    jmap = MapDocument.load(path).map
    filled = [c for c in parsed.attrs["circle"] if c.get("fill") != "#fff"]
    assert len(filled) == sum(s.emotion is not None for s in jmap.stages)
    assert len(parsed.attrs["circle"]) == len(jmap.stages)  # every stage is on the curve
    body = "".join(parsed.text)
    assert any(face in body for face in "😡🙁😐🙂😄")
    assert jmap.title in body and "Résumé" in body
    assert "@page" in text  # printable: page size and margins for PDF


def test_html_escapes_what_the_map_says(tricky):
    parsed = page(export(tricky, "html"))
    assert "script" not in parsed.tags and "b" not in parsed.tags
    body = "".join(parsed.text)
    assert "<script>alert(1)</script>" in body and "<b>fidèle</b>" in body


# --- mermaid -----------------------------------------------------------------------------------

#: Mermaid's journey lexer (packages/mermaid/src/diagrams/user-journey/parser/journey.jison),
#: in its order: jison takes the first rule that matches, not the longest.
MERMAID_RULES = [
    (r"%%(?!\{)[^\n]*", None),
    (r"[^}]%%[^\n]*", None),
    (r"\n+", "NEWLINE"),
    (r"\s+", None),
    (r"#[^\n]*", None),
    (r"journey", "journey"),
    (r"title\s[^#\n;]+", "title"),
    (r"accTitle\s*:\s*", "acc_title"),
    (r"accDescr\s*:\s*", "acc_descr"),
    (r"accDescr\s*\{\s*", "acc_descr_multiline"),
    (r"section\s[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "taskName"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"),
    (r".", "INVALID"),
]


#: Mermaid takes front matter (its own layout here) off before the journey grammar sees the text.
FRONT_MATTER = re.compile(r"^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+", re.DOTALL)


def mermaid_statements(text: str) -> list[tuple[str, ...]]:
    """The statements the journey grammar sees: ('title', t), ('section', s), ('task', name, score, actors)."""
    front = FRONT_MATTER.match(text)
    assert front and "journey:" in front.group(1), "the diagram carries its layout"
    text = text[front.end():]
    tokens, at = [], 0
    while at < len(text):
        for pattern, kind in MERMAID_RULES:
            match = re.compile(pattern, re.IGNORECASE).match(text, at)
            if match:
                if kind:
                    tokens.append((kind, match.group()))
                at = match.end()
                break
    assert tokens[0] == ("journey", "journey"), tokens[:2]
    statements, rest = [], [t for t in tokens[1:] if t[0] != "NEWLINE"]
    while rest:
        kind, value = rest.pop(0)
        if kind == "title":
            statements.append(("title", value[6:]))
        elif kind == "section":
            statements.append(("section", value[8:].replace(SOFT_HYPHEN, "")))
        elif kind == "taskName":
            data_kind, data = rest.pop(0)
            assert data_kind == "taskData", (value, data_kind, data)
            score, *actors = data[1:].split(":")
            assert len(actors) <= 1, data
            people = tuple(a.strip() for a in actors[0].split(",")) if actors else ()
            statements.append(("task", value.strip().replace(SOFT_HYPHEN, ""), int(score), people))
        else:
            raise AssertionError(f"unexpected {kind} {value!r}")
    return statements


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_mermaid_is_a_journey_with_a_section_per_stage_and_a_task_per_touchpoint(path):
    jmap = MapDocument.load(path).map
    statements = mermaid_statements(export(path, "mermaid"))
    expected = [("title", jmap.title)]
    for stage in jmap.stages:
        expected.append(("section", stage.name))
        expected += [("task", tp.emotion + 3 if tp.emotion is not None else 3, (tp.who or "Non attribué",)) for tp in stage.touchpoints]
        if not stage.touchpoints:
            expected.append(("task", 3, ()))  # the placeholder: every stage is drawn
    assert [s if s[0] != "task" else (s[0], s[2], s[3]) for s in statements] == expected
    assert all(len(s[1]) <= TASK_CHARS for s in statements if s[0] == "task")


def test_mermaid_replaces_what_its_grammar_cannot_take(tricky):
    text = export(tricky, "mermaid")
    lines = text[FRONT_MATTER.match(text).end():].splitlines()
    assert lines[0] == "journey" and all(line.startswith("    ") for line in lines[1:])
    statements = mermaid_statements(text)
    assert [s[0] for s in statements] == ["title", "section", "task", "task", "task", "task", "task", "section", "task"]
    title, section, first, title_task, section_task, journey_task, blank, _, empty = statements
    assert title[1] == "Parcours∶ test ♯1, 100％％ (x)"
    assert section[1] == "Étape∶ A ♯ un, deux"
    assert first[1] == short("Bannières — - relance∶ 50％ , ♯promo <script>alert(1)</script>", TASK_CHARS)
    assert first[1].endswith("…") and len(first[1]) <= TASK_CHARS
    assert first[2:] == (1, ("Moi‚ toi",))  # one actor, its comma a look-alike
    assert title_task[1].endswith("title du mois") and title_task[3] == ("Non attribué",)
    assert section_task[1].endswith("Section spéciale") and section_task[2] == 5
    assert journey_task[1].endswith("Journey planner ％％(init)％％") and journey_task[2] == 3
    assert blank[1] == "Point de contact"
    assert empty[1:] == ("(aucun point de contact)", 3, ())


def test_mermaid_takes_a_spreadsheets_line_ends_for_line_ends():
    """A CR (a CRLF from a spreadsheet, an old Mac CR) was shown as ␍ inside a task name, where a
    LF becomes a space."""
    from tui.output.formats.mermaid import clean

    assert clean("un\r\ndeux\rtrois\nquatre") == "un deux trois quatre"


# --- markdown ----------------------------------------------------------------------------------


def table_cells(line: str) -> list[str]:
    assert line.startswith("|") and line.endswith("|"), line
    return re.split(r"(?<!\\)\|", line)[1:-1]


@pytest.mark.parametrize("path", [*EXAMPLES, None], ids=lambda p: p.stem if p else "tricky")
def test_markdown_has_the_header_the_grid_and_the_summary(path, tricky):
    path = path or tricky
    jmap = MapDocument.load(path).map
    lines = export(path, "markdown").splitlines()
    assert lines[0].startswith("# ")
    header = lines.index("| Étape | Situation | Canal | Support | Réponse | Type | Qui | Émotion |")
    assert lines[header + 1] == "|---|---|---|---|---|---|---|---|"
    grid = lines[header + 2 : header + 2 + sum(len(s.touchpoints) or 1 for s in jmap.stages)]
    assert all(len(table_cells(line)) == 8 for line in grid)
    assert lines[header + 2 + len(grid)] == ""
    names = [name for name in (table_cells(line)[0].strip() for line in grid) if name]
    assert len(names) == len(jmap.stages) and all(n.startswith("**") and n.endswith("**") for n in names)
    for heading in ("## Résumé", "### Courbe des émotions", "### Canaux utilisés, par groupe", "### Manques"):
        assert any(line.startswith(heading) for line in lines), heading
    if jmap.persona and jmap.persona.name:
        assert lines[2].startswith("**Persona :**")


def test_markdown_escapes_marks_pipes_and_line_breaks(tricky):
    text = export(tricky, "markdown")
    assert "**Persona :** Léa \\| \\*cliente\\* \\<b\\>fidèle\\</b\\> — Ligne 1<br>Ligne 2" in text
    row = next(line for line in text.splitlines() if line.startswith("| **Étape"))
    cells = [c.strip() for c in table_cells(row)]
    assert cells[1] == 'Arrive, "voit" \\| compare<br>puis part'
    assert cells[4].startswith("\\- relance: 50% ; \\#promo \\<script\\>alert(1)\\</script\\>")
    assert cells[7] == "😡 -2"


def test_markdown_in_english(tricky):
    text = export(tricky, "markdown", "en")
    assert "| Stage | Situation | Channel | Support | Response | Type | Who | Emotion |" in text
    assert "## Summary" in text


# --- the command -------------------------------------------------------------------------------


def test_export_writes_stdout_or_a_file(tmp_path):
    out = tmp_path / "carte.md"
    done = parcours("export", EXAMPLE, "--to", "markdown", "-o", out, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text(encoding="utf-8") == export(EXAMPLE, "markdown")
    piped = parcours("export", EXAMPLE, "--to", "mermaid", cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout == export(EXAMPLE, "mermaid")
    written = tmp_path / "carte.csv"
    assert parcours("export", EXAMPLE, "--to", "csv", "-o", written, cwd=tmp_path).returncode == 0
    assert written.read_bytes().startswith(b"\xef\xbb\xbfstage_id,") and b"\r\n" in written.read_bytes()
    english = parcours("export", EXAMPLE, "--to", "markdown", "--lang", "en", cwd=tmp_path)
    assert "| Stage | Situation |" in english.stdout


def test_unknown_format_is_wrong_usage_listing_the_formats(tmp_path):
    bad = parcours("export", EXAMPLE, "--to", "pdf", "-o", tmp_path / "x.pdf", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "parcours: unknown format 'pdf' (choose markdown, csv, xlsx, html, mermaid, json)"
    assert not (tmp_path / "x.pdf").exists()
    assert list(FORMATS) == ["markdown", "csv", "xlsx", "html", "mermaid", "json"]


def test_export_of_a_bad_map_is_one_line(tmp_path):
    (tmp_path / "bad.toml").write_text('schema = 1\ntitle = "x\n', encoding="utf-8")
    done = parcours("export", "bad.toml", "--to", "json", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("bad.toml:2:") and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("command", [["export", str(EXAMPLE), "--to", f, "-o", f"out.{f}"] for f in FORMATS]
                         + [["diff", str(EXAMPLE), str(EXAMPLE)]])
def test_exports_and_diff_never_import_textual(tmp_path, command):
    assert "textual" not in modules_loaded_by(command, tmp_path)


def test_a_persona_value_that_is_not_text_reads_as_people_write_it():
    """`fan = true` and a `[persona.goals]` table showed as Python's `True` and `{'main': …}` in
    show, the preview and the exports; the map file and JSON keep the values themselves."""
    import datetime

    persona = Persona.from_data({"name": "Camille", "age": 29, "fan": True, "since": datetime.date(2024, 5, 1),
                                 "goals": {"main": "voir le concert", "then": ["rester", "revenir"]}})
    assert dict(persona.extra) == {"age": "29", "fan": "true", "since": "2024-05-01",
                                   "goals": "main = voir le concert, then = rester, revenir"}
