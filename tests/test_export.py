"""Each export checked by parsing what it wrote."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests_support import EXAMPLE, ROOT
from tui.catalogue import load_catalogues
from tui.document import MapDocument
from tui.export import renderer

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))


def export(path, fmt: str, lang: str = "fr") -> str:
    document = MapDocument.load(path)
    return renderer(fmt)(document.map, load_catalogues(path), lang)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_csv_has_one_row_per_touchpoint_and_labels(path):
    text = export(path, "csv")
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    jmap = MapDocument.load(path).map
    assert len(rows) == jmap.touchpoint_count
    first = jmap.stages[0].touchpoints[0]
    assert rows[0]["stage"] == jmap.stages[0].name
    assert rows[0]["emotion"] == str(first.emotion)
    assert rows[0]["channel"] == load_catalogues(path).label("channel", first.channel)


def test_csv_quotes_commas_quotes_and_newlines(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('schema = 1\ntitle = "t"\n[[stages]]\nid = "a"\nname = "A, B"\n[[stages.touchpoints]]\n'
                    'response = "dit \\"oui\\",\\npuis non"\n', encoding="utf-8")
    rows = list(csv.reader(io.StringIO(export(path, "csv").removeprefix("\ufeff"), newline="")))
    assert rows[1][1] == "A, B"
    assert rows[1][5] == 'dit "oui",\npuis non'


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_is_the_whole_map_with_ids_and_labels(path):
    data = json.loads(export(path, "json"))
    assert list(data) == ["schema", "title", "locale", "persona", "stages"]
    tp = data["stages"][0]["touchpoints"][0]
    assert set(tp["channel"]) == {"id", "label", "label_en", "known"}
    assert tp["channel"]["known"] is True
    assert export(path, "json") == export(path, "json")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_html_is_self_contained_with_an_svg_curve_and_faces(path):
    page = export(path, "html")
    parser = _Page()
    parser.feed(page)
    assert {"html", "style", "svg", "polyline", "table"} <= set(parser.tags)
    assert parser.urls == []
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert "😄" in page or "🙂" in page


MERMAID_TASK = re.compile(r"^      [^:#;\n]+: [1-5]: [^:#;\n]+$")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_mermaid_follows_the_journey_grammar(path):
    lines = export(path, "mermaid").splitlines()
    assert lines[0] == "journey"
    assert re.match(r"^    title [^\n]+$", lines[1])
    for line in lines[2:]:
        assert re.match(r"^    section [^:#;]+$", line) or MERMAID_TASK.match(line), line
    jmap = MapDocument.load(path).map
    assert sum(line.startswith("    section") for line in lines) == len(jmap.stages)
    assert sum(bool(MERMAID_TASK.match(line)) for line in lines) == jmap.touchpoint_count


def test_mermaid_replaces_what_its_grammar_cannot_take(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('schema = 1\ntitle = "a: b"\n[[stages]]\nid = "a"\nname = "A #1"\n[[stages.touchpoints]]\n'
                    'response = "x: y; z #2"\nwho = "Moi, toi"\nemotion = -2\n', encoding="utf-8")
    lines = export(path, "mermaid").splitlines()
    assert MERMAID_TASK.match(lines[3]), lines[3]
    assert lines[3].endswith(": 1: Moi  toi")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_has_the_grid_and_the_summary(path):
    text = export(path, "markdown")
    jmap = MapDocument.load(path).map
    assert text.startswith(f"# {jmap.title}\n")
    assert "| Étape | Situation | Canal | Support | Réponse | Type | Qui | Émotion |" in text
    table_rows = [l for l in text.splitlines() if l.startswith("| ") and not l.startswith("| Étape")]
    assert len([l for l in table_rows if l.count(" | ") >= 7]) >= jmap.touchpoint_count
    assert "## Résumé" in text and "### Courbe des émotions" in text


def test_export_to_a_file_and_unknown_format(tmp_path):
    out = tmp_path / "carte.md"
    done = subprocess.run([sys.executable, "-m", "tui", "export", str(EXAMPLE), "--to", "markdown", "-o", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and out.read_text(encoding="utf-8").startswith("# ")
    bad = subprocess.run([sys.executable, "-m", "tui", "export", str(EXAMPLE), "--to", "pdf"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2
    assert "markdown, csv, html, mermaid, json" in bad.stderr and "Traceback" not in bad.stderr
