"""`parcours new MAP`: a map with the ten template stages; never overwrites without --force."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli import say
from tui.core.catalogue import load_catalogues
from tui.core.errors import MapError
from tui.output.i18n import _, detect_lang, ngettext, use_language
from tui.core.storage import check_output, write_output
from tui.output.template import template_text


def _text_argument(path: Path, option: str, value: str | None) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no map can hold."""
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError:
        raise MapError.at(path, _("{option} n'est pas un texte UTF-8 valide").format(option=option)) from None


def run(args: argparse.Namespace) -> int:
    path = Path(args.map)
    _text_argument(path, "--title", args.title)
    _text_argument(path, "--persona", args.persona)
    check_output(path, force=args.force)
    use_language(detect_lang(args.lang))
    catalogues = load_catalogues(path)
    write_output(path, template_text(catalogues, args.title, args.persona).encode("utf-8"), force=args.force)
    count = len(catalogues.stages)
    say(ngettext("{path} : {count} étape écrite", "{path} : {count} étapes écrites", count).format(path=path, count=count), sys.stdout)
    return 0
