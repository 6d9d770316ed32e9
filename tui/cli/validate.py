"""`parcours validate MAP...`: every problem as `FILE:LINE:COL: message`, exit 1 on errors.

Catalogue misses are warnings (exit 0) unless `--strict`. Nothing goes to
stdout, so a CI log or an editor's error parser sees only the issues.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import say

from tui.core.catalogue import load_catalogues
from tui.core.errors import MapError
from tui.core.validate import validate_file
from tui.output.i18n import detect_lang, use_language


def run(args: argparse.Namespace) -> int:
    use_language(detect_lang(args.lang))  # the messages speak the person's language, whatever the maps'
    failed = False
    for name in args.maps:
        path = Path(name)
        try:
            catalogues = load_catalogues(path)
        except MapError as error:
            say(error)
            failed = True
            continue
        for issue in validate_file(path, catalogues, strict=args.strict):
            say(issue)
            failed = failed or not issue.warning
    return 1 if failed else 0
