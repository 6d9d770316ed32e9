"""`parcours join URL`: take part, from a terminal, in the live session a `serve` link names.

For a terminal that cannot reach the map's own socket (another machine, over
an SSH port forward; another account): the editor runs as a participant,
through `serve`'s bridge, with the same token rules as the browser. It never
hosts (it has no file), and when the connection is cut it reconnects and
resyncs on its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import say
from tui.cli.edit import _has_terminal
from tui.core.catalogue import load_catalogues
from tui.output.i18n import _, detect_lang, use_language


def run(args: argparse.Namespace) -> int:
    from tui.serve.bridge import JoinRefused, connector, live_url

    try:
        url = live_url(args.url)
    except ValueError as error:
        say(_("parcours : {link} n'est pas un lien de serve : {why}").format(link=repr(args.url[:200]), why=error))
        return 2
    if not _has_terminal():
        say(_("parcours : l'éditeur a besoin d'un terminal en entrée et en sortie"))
        return 2

    from tui.core.live.link import Link, NoHost

    try:
        link = Link.join(connector(url), name=args.name, folder=Path.cwd())
    except JoinRefused as error:
        say(_("parcours : {why}").format(why=error))
        return 1
    except NoHost:
        say(_("parcours : rien ne répond à {address} (serve tourne-t-il, et le port est-il redirigé ?)").format(
            address=url.split("?")[0]))
        return 1

    from tui.app.app import ParcoursApp

    use_language(detect_lang(args.lang, link.map.locale))
    app = ParcoursApp(None, load_catalogues(None), ascii_faces=args.ascii, link=link)
    try:
        app.run()
    finally:
        link.stop()
    return app.return_code or 0
