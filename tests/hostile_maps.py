"""Maps made of text that breaks file formats, for the exports' and imports' properties.

Quotes, separators, line breaks of every kind, formulas, number- and
date-like text, Markdown and HTML syntax, bare links, entities, Mermaid's
grammar, OOXML's own escapes, Unicode (combining marks, wide characters,
emoji, zero-width and non-breaking spaces), control and bidi characters.
"""

from __future__ import annotations

from hypothesis import strategies as st

from pathlib import Path

from tui.core.catalogue import load_catalogues
from tui.core.model import JourneyMap, Persona, Stage, Touchpoint
from tui.output.formats.map_toml import map_text, plain

CATALOGUES = load_catalogues(None)

FRAGMENTS = [
    '"', "'", "''", ",", ";", "\t", "|", "\\", "\n", "\r\n", "\r", " ", "  ",
    "=1+1", "+33 6 12", "-", "@SUM(A1)", "=HYPERLINK(\"x\")", "0612345678", "1/2", "3 mars", "12:30", "1e5",
    "TRUE", "faux", "(3)", "50 %", "1 234,5", "2024-01-02", "007",
    "*", "**", "_", "__", "`", "```", "~", "~~", "[", "]", "(", ")", "![x](y)", "[a](http://b)", "<", ">",
    "#", " #", "# ", "&", "&copy;", "&#35;", "&amp;", "$", "$x$", "1. ", "1) ", "- ", "+ ", "> ", "    ", "---",
    "===", "<br>", "<b>", "</b>", "<script>", "<!-- -->", "www.example.com", "http://x.org/a", "https://y.fr",
    "a@b.com", "mailto:c@d.org", "example.fr", "//host.net", ":smile:", "%%", "%%{init}%%", "{", "}", ":",
    "section ", "title ", "journey", "_x0041_", "_x000D_", "é", "É", "e\u0301", "漢字", "😀", "👍🏽",
    "\u200b", "\u00a0", "\u2028", "\u00ad", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\x1b]52;c;eA==\x07", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2069",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=6).map("".join)
SLUG = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
IDS = st.one_of(
    TEXT,
    st.sampled_from([e.id for e in CATALOGUES.channels] + [e.id for e in CATALOGUES.all_supports] + [e.id for e in CATALOGUES.types]),
)
TOUCHPOINTS = st.builds(
    Touchpoint, channel=IDS, support=IDS, response=TEXT, type=IDS, who=TEXT,
    emotion=st.one_of(st.none(), st.integers(-2, 2)), pain=TEXT, opportunity=TEXT,
)
STAGES = st.lists(
    st.builds(Stage, id=SLUG, name=TEXT, situation=TEXT, touchpoints=st.lists(TOUCHPOINTS, max_size=3).map(tuple)),
    min_size=1, max_size=4, unique_by=lambda s: s.id,
)
KEYS = st.one_of(st.from_regex(r"[a-z]{1,8}", fullmatch=True), TEXT.filter(lambda k: k not in ("name", "description")))
PERSONAS = st.one_of(
    st.none(),
    st.builds(Persona, name=TEXT, description=TEXT,
              extra=st.dictionaries(KEYS.filter(lambda k: k not in ("name", "description")), TEXT, max_size=2)
              .map(lambda d: tuple(d.items()))),
)
MAPS = st.builds(JourneyMap, title=TEXT, stages=STAGES.map(tuple), locale=st.sampled_from([None, "fr", "en"]), persona=PERSONAS)


def without_crlf(jmap: JourneyMap) -> JourneyMap:
    """The map as an import gives it back: every CRLF inside a value read as LF."""
    def lf(text: str) -> str:
        return text.replace("\r\n", "\n")

    return JourneyMap(
        title=lf(jmap.title), locale=jmap.locale, schema=jmap.schema,
        persona=None if jmap.persona is None else Persona(
            lf(jmap.persona.name), lf(jmap.persona.description), tuple((k, lf(v)) for k, v in jmap.persona.extra)),
        stages=tuple(
            Stage(s.id, lf(s.name), lf(s.situation), tuple(
                Touchpoint(**{k: (lf(v) if isinstance(v, str) else v) for k, v in vars(tp).items()}) for tp in s.touchpoints))
            for s in jmap.stages
        ),
    )


#: What a hostile map holds in every field: an OSC title, an OSC 52 clipboard write, a screen
#: clear, a bidi override, and Rich markup that vanishes (`[beta]`) or crashes (`[/]`) when read.
HOSTILE = "\x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J \u202eabc [/] [beta] [bold]x[/bold]"


def map_file(jmap: JourneyMap) -> str:
    """The map's TOML, persona and all (its keys of one's own included)."""
    data = plain(jmap)
    if jmap.persona is not None:
        data["persona"] = {"name": jmap.persona.name, "description": jmap.persona.description, **dict(jmap.persona.extra)}
    return map_text(data, "test")


def hostile_map(folder: Path, name: str = "carte [beta] \x1b]0;nom\x07 \u202e.toml") -> Path:
    """A map with HOSTILE in every text, under a hostile file name; its first stage is called `[/]`."""
    touchpoint = Touchpoint(channel="c" + HOSTILE, support="s" + HOSTILE, response="R " + HOSTILE, type="t" + HOSTILE,
                            who="W " + HOSTILE, emotion=1, pain="P " + HOSTILE, opportunity="O " + HOSTILE)
    jmap = JourneyMap("T " + HOSTILE, (Stage("s1", "[/]", "S " + HOSTILE, (touchpoint,)), Stage("s2", "N " + HOSTILE)),
                      persona=Persona("P " + HOSTILE, "D " + HOSTILE, (("k" + HOSTILE, "v " + HOSTILE),)))
    path = folder / name
    path.write_text(map_file(jmap), encoding="utf-8")
    return path
