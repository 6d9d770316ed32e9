"""Re-extract the interface messages from tui/, update the catalogues, compile them.

    python tools/messages.py

Reads the source with Babel (the mapping in babel.cfg), writes the template
tui/output/locale/parcours.pot, merges it into each language's parcours.po
(new messages arrive untranslated, changed ones fuzzy: translate them in any
.po editor, Poedit for one, then run this again) and compiles every .po into
the .mo beside it, which is what the program reads and what ships.

French is the source language: its catalogue copies each message (so its
plural forms, where 0 is singular, apply); only English needs translating.
A file whose messages did not change is not rewritten (no date-only churn).
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
#: Who the catalogues' headers name.
PROJECT = {"project": "parcours", "version": "0.1", "copyright_holder": "the parcours authors", "charset": "utf-8"}
LOCALE_DIR = ROOT / "tui" / "output" / "locale"
DOMAIN = "parcours"
LANGUAGES = ("fr", "en")
#: Babel's own keywords, and `NC_(context, message)`, which marks a message with its context.
KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)
#: Lines that change on every run without the messages changing.
DATED = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message the source under tui/ asks for, with where and the translators' comments."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(domain=DOMAIN, fuzzy=False, **PROJECT)
    found = extract_from_dir(ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _text(catalog: Catalog, **options: object) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, **options)  # type: ignore[arg-type]
    return out.getvalue().decode("utf-8")


def _write(path: Path, text: str) -> bool:
    """Write `text` unless the file says the same but for its dates; whether it was written."""
    def undated(lines: str) -> list[str]:
        return [line for line in lines.splitlines() if not line.startswith(DATED)]

    if path.exists() and undated(path.read_text(encoding="utf-8")) == undated(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _catalog(language: str, template: Catalog) -> Catalog:
    path = po_path(language)
    if path.exists():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, fuzzy=False, **PROJECT)
    catalog.update(copy.deepcopy(template))  # update() adopts the template's messages: keep each language's own
    if language == "fr":
        for message in catalog:
            if message.id:
                message.string = message.id
                message.flags.discard("fuzzy")
    catalog.obsolete.clear()
    return catalog


def _unfinished(catalog: Catalog) -> int:
    """Messages with an empty translation (any plural form) or a fuzzy one, to be looked at."""
    def empty(message: Message) -> bool:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        return not all(forms)

    return sum(1 for message in catalog if message.id and (message.fuzzy or empty(message)))


def compile_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> int:
    template = extract()
    changed = [LOCALE_DIR / f"{DOMAIN}.pot"] if _write(LOCALE_DIR / f"{DOMAIN}.pot", _text(template)) else []
    untranslated = 0
    for language in LANGUAGES:
        catalog = _catalog(language, template)
        if _write(po_path(language), _text(catalog, ignore_obsolete=True)):
            changed.append(po_path(language))
        with po_path(language).open("rb") as stream:  # the .mo says what the .po on disk says, dates included
            catalog = read_po(stream, locale=language, domain=DOMAIN)
        mo = po_path(language).with_suffix(".mo")
        compiled = compile_mo(catalog)
        if not mo.exists() or mo.read_bytes() != compiled:
            mo.write_bytes(compiled)
            changed.append(mo)
        untranslated += _unfinished(catalog)
    for path in changed:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(template)} messages; {untranslated} to translate or review (empty or fuzzy)")
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
