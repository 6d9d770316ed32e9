"""The Markdown export renders as typed: read back through markdown-it (GFM-like, with linkify) and cmark-gfm.

Every cell of the grid, the title and the persona are compared with the
map's values as `visible` shows them; no link, emphasis, entity, heading or
strikethrough may appear that the map did not ask for.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from markdown_it import MarkdownIt

from hostile_maps import CATALOGUES, MAPS
from tui.core.model import JourneyMap, Persona, Stage, Touchpoint
from tui.output.faces import Faces, Feeling
from tui.output.formats import Source, renderer
from tui.output.formats.markdown import inline
from tui.output.visible import visible
from tui.output.i18n import use_language

MD = MarkdownIt("gfm-like")  # CommonMark + GFM tables, strikethrough, raw HTML, linkify (fuzzy, so stricter than GFM)
CMARK = shutil.which("cmark-gfm")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def shown(value: str) -> str:
    """What a renderer should show for a value: line breaks as one kind, control characters visible, no outer spaces."""
    return visible(value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def markdown(jmap: JourneyMap, lang: str = "fr") -> str:
    use_language(lang)
    return renderer("markdown")(Source(jmap, CATALOGUES))


ALLOWED = {"text", "text_special", "softbreak", "strong_open", "strong_close", "em_open", "em_close"}


def _inline_text(token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "text_special"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append("\n")
        elif child.type == "html_inline":
            assert child.content in ("<br>", "<!-- -->"), child.content
            out.append("\n" if child.content == "<br>" else "")
        else:
            assert child.type in ALLOWED, (child.type, token.content)
    return "".join(out)


def rendered(text: str) -> tuple[list[list[str]], list[str]]:
    """The grid's rows (cells' visible text), and every other block's text, as markdown-it reads them."""
    tokens = MD.parse(text)
    assert not [t for t in tokens if t.type.startswith(("blockquote", "code_block", "fence", "hr", "html_block", "ordered_list"))]
    assert not [t for t in tokens if t.type == "bullet_list_open" and t.level > 0], "a value started a list of its own"
    assert [t.tag for t in tokens if t.type == "heading_open"][:2] == ["h1", "h2"], "a value made or unmade a heading"
    tables, row, blocks, in_table = [], None, [], 0
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
            in_table = 1
        elif token.type == "table_close":
            in_table = 0
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            tables[-1].append(row)
        elif token.type == "inline":
            for child in token.children or ():
                assert child.type in ALLOWED | {"html_inline"}, (child.type, token.content)
            (row if in_table else blocks).append(_inline_text(token).strip())
    return tables[0][1:], blocks  # the first table is the grid; its first row the header


def expected_grid(jmap: JourneyMap, lang: str = "fr") -> list[list[str]]:
    colon = " :" if lang == "fr" else ":"
    words = {"fr": ("Douleur", "Idée"), "en": ("Pain point", "Opportunity")}[lang]
    rows = []
    for stage in jmap.stages:
        for number, tp in enumerate(stage.touchpoints or (None,)):
            head = [shown(stage.name or stage.id), shown(stage.situation)] if number == 0 else ["", ""]
            if tp is None:
                rows.append(head + [""] * 6)
                continue
            response = shown(tp.response)
            if tp.pain.strip():
                response += f"\n⚠ {words[0]}{colon} {shown(tp.pain)}"
            if tp.opportunity.strip():
                response += f"\n💡 {words[1]}{colon} {shown(tp.opportunity)}"
            label = lambda key: shown(CATALOGUES.label(key, tp.get(key)))  # noqa: E731 (in the language markdown() chose)
            rows.append(head + [label("channel"), label("support"), response.strip(), label("type"), shown(tp.who),
                                Feeling(tp.emotion).label(Faces())])
    return rows


def check(jmap: JourneyMap, lang: str = "fr") -> None:
    colon = " :" if lang == "fr" else ":"
    text = markdown(jmap, lang)
    grid, blocks = rendered(text)
    assert grid == expected_grid(jmap, lang)
    assert blocks[0] == shown(jmap.title)
    persona = jmap.persona
    if persona is not None and (persona.name or persona.description):
        line = f"Persona{' :' if lang == 'fr' else ':'} {shown(persona.name)}"
        line += f" — {shown(persona.description)}" if persona.description else ""
        assert blocks[1] == line.strip()
        for key, value in persona.extra:
            assert f"{shown(key)}{colon} {shown(value)}".strip() in blocks
    use_language(lang)
    summary = Source(jmap, CATALOGUES).summary
    for count in summary.types:
        assert f"{shown(count.label)} ×{count.count}".strip() in blocks


def tp(**values) -> Touchpoint:
    return Touchpoint(**values)


CASES = {
    "entities": "&copy; &amp; &#35; &lt;",
    "trailing hash": "Étape #",
    "heading marks": "# pas un titre ##",
    "bare links": "voir www.example.com, http://x.org/a?b=c et https://y.fr",
    "email": "écrire à a.b@c.com ou mailto:d@e.org",
    "domain": "example.fr et //host.net",
    "emphasis": "*gras* _italique_ **x** __y__ ~~barré~~ ~z~",
    "code": "`code` ```bloc```",
    "links": "[lien](http://x) ![img](y) [ref][1] <http://z> <a@b.c>",
    "html": "<b>gras</b> <script>alert(1)</script> <!-- c --> <br>",
    "lists": "- puce",
    "ordered": "1. premier",
    "paren": "2) deux",
    "quote": "> cité",
    "table": "a | b || c",
    "math": "$x$ et $$y$$",
    "backslash": "\\* \\\\ \\",
    "lines": "un\r\ndeux\rtrois\nquatre",
    "controls": "\x1b[31mrouge\x1b[0m \x07 \x7f \x9b \u202edroite\u202c \u2066iso\u2069",
    "spaces": "   début et fin   ",
    "unicode": "e\u0301 漢字 😀 \u200b \u00a0 \u00ad",
}


@pytest.mark.parametrize("value", CASES.values(), ids=CASES.keys())
def test_each_kind_of_markdown_syntax_shows_as_typed(value):
    jmap = JourneyMap(title=value, persona=Persona(value, value, (("clé", value),)), stages=(
        Stage("a", value, value, (tp(channel=value, support=value, response=value, type=value, who=value,
                                     emotion=0, pain=value, opportunity=value),)),
        Stage("b", value),
    ))
    check(jmap)
    check(jmap, "en")


def test_the_issue_s_three_cases_in_the_text_itself():
    assert inline("&copy;") == "\\&copy;"
    assert inline("Étape #") == "Étape \\#"
    assert inline("www.example.com") == "www\\.example\\.com"
    assert inline("http://x.org") == "http\\://x\\.org"
    assert inline("a@b.fr") == "a<!-- -->@b\\.fr"
    assert inline("Voit sur Facebook l'annonce, 50 %") == "Voit sur Facebook l'annonce, 50 %"  # plain text stays plain


@SETTINGS
@given(jmap=MAPS)
@example(jmap=JourneyMap(title="x #", stages=(Stage("a", "- a", "1. b", (tp(who="www.a.fr", response="&copy;"),)),)))
@example(jmap=JourneyMap(title="t", stages=(Stage("a", "\t", touchpoints=(tp(opportunity='"', type="\n"),)),)))
def test_any_map_renders_as_typed_in_markdown_it(jmap):
    check(jmap)


@SETTINGS
@given(jmap=MAPS)
def test_no_markdown_export_holds_a_forbidden_character(jmap):
    text = markdown(jmap)
    assert visible(text) == text


# --- cmark-gfm, the renderer GitHub uses -------------------------------------------------------


class Cells(HTMLParser):
    """Table cells' text from cmark-gfm's HTML (`<br>` as a line break), and any link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.links = 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag in ("a", "img", "del", "code"):
            self.links += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def cmark_grid(text: str) -> tuple[list[list[str]], int]:
    html = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"],
                          input=text, capture_output=True, text=True, check=True, timeout=30).stdout
    parser = Cells()
    parser.feed(html)
    parser.close()
    return parser.rows, parser.links


@pytest.mark.skipif(CMARK is None, reason="cmark-gfm is not installed (Debian: apt-get install cmark-gfm)")
@pytest.mark.parametrize("value", CASES.values(), ids=CASES.keys())
def test_cmark_gfm_shows_each_kind_of_syntax_as_typed(value):
    jmap = JourneyMap(title="t", stages=(Stage("a", value, value, (tp(response=value, who=value, emotion=1),)),))
    rows, links = cmark_grid(markdown(jmap))
    assert links == 0
    expected = expected_grid(jmap)
    assert rows[1:1 + len(expected)] == expected


@pytest.mark.skipif(CMARK is None, reason="cmark-gfm is not installed (Debian: apt-get install cmark-gfm)")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jmap=MAPS)
def test_cmark_gfm_renders_any_map_as_typed(jmap):
    rows, links = cmark_grid(markdown(jmap))
    assert links == 0
    expected = expected_grid(jmap)
    assert rows[1:1 + len(expected)] == expected
