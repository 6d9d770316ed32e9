"""`parcours serve MAP`: the map's live session in a browser, for meetings.

`serve` hosts the map's live session, or joins it when an editor already
hosts it (`tui.core.live`), as an observer: it is nobody's cursor. Each
browser tab of the edit link runs the ordinary editor (textual-serve starts
one `parcours MAP` process per tab), which joins the session like any
terminal; the watch link is the live page (`tui.serve.watch`), drawn here from
the session's map, saved or not; `parcours join` reaches the session through
the bridge (`tui.serve.bridge`). The map is checked before the server starts,
so a bad map or a port in use fails here with one line instead of in every
browser tab.

Who may connect is `tui.serve`'s business (a secret per run, Host and Origin
checks, a cap on sessions); this module reads the arguments, refuses what
cannot work, and prints the two links.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys
from pathlib import Path

from tui.cli import say
from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.output.visible import visible_line
from tui.output.i18n import _

#: Where `serve` listens without `--host`: only this machine can connect.
LOOPBACK = "127.0.0.1"


def port_free(host: str, port: int) -> bool:
    """Whether the port can be bound now (the server binds it again a moment later)."""
    family, kind, proto, _name, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def editor_command(path: Path, read_only: bool, lang: str | None) -> str:
    """The command each browser connection runs: this Python, this package, this map, confined."""
    words = [sys.executable, "-m", "tui", str(path.absolute()), "--served"]
    if read_only:
        words.append("--read-only")
    if lang:
        words += ["--lang", lang]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    from tui.serve.address import Address
    from tui.serve.gate import Gate, Tokens

    path = Path(args.map)
    document = MapDocument.load(path)
    if not 0 < args.port < 65536:
        say(_("parcours : le port {port} n'est pas un port valide (1-65535)").format(port=args.port))
        return 2
    if args.max_clients < 1:
        say(_("parcours : --max-clients doit valoir au moins 1"))
        return 2
    address = Address(args.host or LOOPBACK, args.port)
    if not address.loopback:
        say(_("parcours : attention : écoute sur {host}, pas seulement sur cette machine : sur le réseau, "
                "quiconque obtient un lien peut ouvrir la carte").format(host=address.host))
    try:
        free = port_free(address.host, address.port)
    except (OSError, UnicodeError) as error:  # UnicodeError: a name IDNA refuses (a bidi override, "..")
        raise MapError.at(path, _("impossible de servir sur {host}:{port} : {why}").format(
            host=address.host, port=address.port, why=getattr(error, "strerror", None) or error)) from None
    if not free:
        say(_("parcours : le port {port} est déjà pris sur {host} ; essayez --port {next}").format(
            port=args.port, host=address.host, next=args.port + 1))
        return 1

    from tui.cli.edit import open_link
    from tui.core.catalogue import load_catalogues
    from tui.output.i18n import detect_lang, use_language
    from tui.serve.bridge import Bridge
    from tui.serve.gate import harden
    from tui.serve.site import build_site, run_site
    from tui.serve.watch import Watch

    link = open_link(path, document, "serve", read_only=False, observer=True)
    try:
        gate = Gate(address, Tokens.new(), args.max_clients)
        watch = Watch(link, load_catalogues(path), harden=harden)
        bridge = Bridge(link.place) if link.place is not None and not args.read_only else None
        site = build_site(gate, editor_command(path, args.read_only, args.lang),
                          editor_command(path, True, args.lang), title=visible_line(f"parcours — {path.name}"),
                          watch_page=watch.page, watch_events=watch.events,
                          join=bridge.handle if bridge is not None else None)
        site.on_startup.append(watch.start)
        site.on_shutdown.insert(0, watch.stop)
        edit, watch_link = gate.links()
        mode = " (read-only)" if args.read_only else ""
        role = {"host": "hosting the live session", "participant": "joined the live session another parcours hosts"}.get(
            link.role, "with no live session (the runtime folder cannot hold its socket): the watch page shows "
                       "this copy, and each tab edits its own")
        say(f"parcours: serving {path}{mode} on {address.base_url}, {role} "
            f"(at most {args.max_clients} at once; ctrl+c stops)")
        say(f"  edit{mode}: {edit}")
        if bridge is not None:
            say(f"  join from a terminal: parcours join '{edit}'")
        say(f"  watch: {watch_link}")
        # The watch page is a document drawn from the map: in the map's language unless --lang says otherwise.
        use_language(detect_lang(args.lang, document.map.locale, document=True))
        run_site(site, address.host, address.port)
    finally:
        if link.shared:  # terminals in the session carry on: one of them hosts from now on
            link.leave()
        else:
            link.stop()
    return 0
