"""The message catalogues: complete, current, and right about plurals.

The source's messages are extracted with Babel at test time, the way
`tools/messages.py` extracts them, and compared with the checked-in template
and catalogues; the compiled `.mo` files (what the program reads and ships)
must say what the `.po` files say.
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from rich.console import Console

from tui.core import words
from tui.core.catalogue import load_catalogues
from tui.core.model import JourneyMap, Stage, Touchpoint
from tui.output.faces import Faces
from tui.output.formats import Source, renderer
from tui.output.i18n import LOCALE_DIR, ngettext, use_language
from tui.output.summary_view import render_summary
from tui.output.summary import summarize

from tests_support import ROOT

_spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
messages_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(messages_tool)  # type: ignore[union-attr]

TEMPLATE = LOCALE_DIR / "parcours.pot"
FIELDS = re.compile(r"\{[^{}]*\}")


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def keys(catalog: Catalog) -> set[tuple[str | None, object]]:
    return {(m.context, m.id) for m in catalog if m.id}


def forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return messages_tool.extract()


@pytest.mark.parametrize("path", [TEMPLATE, *(messages_tool.po_path(lang) for lang in ("fr", "en"))], ids=str)
def test_every_message_of_the_source_is_in_the_catalogues(extracted, path):
    found, listed = keys(extracted), keys(read(path))
    assert not found - listed, f"not in {path.name}, run `python tools/messages.py`: {sorted(map(str, found - listed))}"
    assert not listed - found, f"no longer in the source, run `python tools/messages.py`: {sorted(map(str, listed - found))}"


def test_every_message_has_its_english_translation():
    english = read(messages_tool.po_path("en"), "en")
    missing = [m.id for m in english if m.id and (m.fuzzy or not all(forms(m)))]
    assert not missing, f"no English (or fuzzy) in en/LC_MESSAGES/parcours.po: {missing}"
    assert english.num_plurals == 2
    for message in (m for m in english if m.id):
        wanted = set(FIELDS.findall(ids(message)[0]))
        for form in forms(message):
            assert set(FIELDS.findall(form)) == wanted, f"{message.id!r}: the English names other fields: {form!r}"


def test_french_copies_the_source_under_its_own_plural_rule():
    french = read(messages_tool.po_path("fr"), "fr")
    assert french.plural_forms == "nplurals=2; plural=(n > 1);"
    for message in (m for m in french if m.id):
        assert forms(message) == ids(message), message.id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_compiled_catalogues_are_current(lang):
    """What the shipped .mo says, message by message, is what the .po compiles to now."""
    po = read(messages_tool.po_path(lang), lang)
    compiled = gettext.GNUTranslations(io.BytesIO(messages_tool.compile_mo(po)))
    with messages_tool.po_path(lang).with_suffix(".mo").open("rb") as stream:
        shipped = gettext.GNUTranslations(stream)
    assert shipped.info() == compiled.info()
    for message in (m for m in po if m.id):
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 5):
                assert shipped.ngettext(*message.id, n) == compiled.ngettext(*message.id, n), (message.id, n)
        elif message.context:
            assert shipped.pgettext(message.context, message.id) == compiled.pgettext(message.context, message.id)
        else:
            assert shipped.gettext(message.id) == compiled.gettext(message.id), message.id


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("fr", {0: "0 point de contact", 1: "1 point de contact", 2: "2 points de contact"}),
        ("en", {0: "0 touchpoints", 1: "1 touchpoint", 2: "2 touchpoints"}),
    ],
)
def test_plurals_follow_each_language(lang, counts):
    use_language(lang)
    for n, expected in counts.items():
        assert ngettext("{count} point de contact", "{count} points de contact", n).format(count=n) == expected


def drawn_summary(jmap: JourneyMap) -> str:
    console = Console(width=100, no_color=True, color_system=None, emoji=False)
    with console.capture() as captured:
        console.print(render_summary(summarize(jmap, load_catalogues()), Faces()))
    return captured.get()


@pytest.mark.parametrize(
    ("lang", "touchpoints", "expected"),
    [
        ("fr", 0, "0 point de contact sur 1 étape"),
        ("fr", 1, "1 point de contact sur 1 étape"),
        ("fr", 2, "2 points de contact sur 1 étape"),
        ("en", 0, "0 touchpoints over 1 stage"),
        ("en", 1, "1 touchpoint over 1 stage"),
        ("en", 2, "2 touchpoints over 1 stage"),
    ],
)
def test_the_totals_line_is_in_the_plural_only_when_it_should_be(lang, touchpoints, expected):
    """In show and the preview, the Markdown and the HTML alike (it once said "1 points de contact sur 1 étapes")."""
    jmap = JourneyMap(title="t", stages=(Stage("a", "A", touchpoints=(Touchpoint(emotion=1),) * touchpoints),))
    use_language(lang)
    assert expected in drawn_summary(jmap)
    for fmt in ("markdown", "html"):
        assert expected in renderer(fmt)(Source(jmap, load_catalogues())), fmt


def test_a_language_can_be_chosen_again_in_the_same_process():
    use_language("en")
    assert words.language() == "en" and words._("Résumé") == "Summary"
    use_language("fr")
    assert words.language() == "fr" and words._("Résumé") == "Résumé"


def test_no_message_is_written_inside_an_f_string():
    """Python 3.11 reads an f-string as one token, so Babel would not see a message in it."""
    call = re.compile(r"\b(_|N_|NC_|ngettext|pgettext)\(\s*['\"]")
    found = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        with path.open("rb") as stream:
            for token in tokenize.tokenize(stream.readline):
                if token.type == tokenize.STRING and re.match(r"[rRbBuU]*[fF]", token.string) and call.search(token.string):
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not found


def test_nothing_is_translated_at_import_time():
    """Every module imported with a translation that records what it is asked: it is asked nothing."""
    script = """
import gettext, importlib, pkgutil, tui
from tui.core import words

asked = []

class Recording(gettext.NullTranslations):
    def gettext(self, message):
        asked.append(message)
        return message

    def ngettext(self, singular, plural, n):
        asked.append(singular)
        return singular

    def pgettext(self, context, message):
        asked.append(message)
        return message

words.use(Recording(), "fr")
names = [m.name for m in pkgutil.walk_packages(tui.__path__, "tui.") if m.name != "tui.__main__"]  # that one runs
for name in names:
    importlib.import_module(name)
print(len(names), asked)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True,
                            stdin=subprocess.DEVNULL, timeout=120)
    modules, asked = result.stdout.split(" ", 1)
    assert int(modules) > 40 and asked.strip() == "[]"
