"""`parcours join URL`: take part, from a terminal, in the live session a `serve` link names.

For a terminal that cannot reach the map's own socket (another machine, over
an SSH port forward; another account): the editor runs as a participant,
through `serve`'s bridge, with the same token rules as the browser. It never
hosts (it has no file), and when the connection is cut it reconnects and
resyncs on its own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.edit import _has_terminal
from tui.core.catalogue import load_catalogues
from tui.output.i18n import detect_lang


def run(args: argparse.Namespace) -> int:
    from tui.serve.bridge import JoinRefused, connector, live_url

    try:
        url = live_url(args.url)
    except ValueError as error:
        print(f"parcours: {args.url[:200]!r} is not a serve link: {error}", file=sys.stderr)
        return 2
    if not _has_terminal():
        print("parcours: the editor needs a terminal on stdin and stdout", file=sys.stderr)
        return 2

    from tui.core.live.link import Link, NoHost

    try:
        link = Link.join(connector(url), name=args.name, folder=Path.cwd())
    except JoinRefused as error:
        print(f"parcours: {error}", file=sys.stderr)
        return 1
    except NoHost:
        print(f"parcours: nothing answers at {url.split('?')[0]} (is serve running, and the port forwarded?)",
              file=sys.stderr)
        return 1

    from tui.app.app import ParcoursApp

    lang = detect_lang(args.lang, link.map.locale)
    app = ParcoursApp(None, load_catalogues(None), lang=lang, ascii_faces=args.ascii, link=link)
    try:
        app.run()
    finally:
        link.stop()
    return app.return_code or 0
