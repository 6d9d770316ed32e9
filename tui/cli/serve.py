"""`parcours serve MAP`: the editor in a browser, for meetings.

textual-serve starts one `parcours MAP` process per browser connection, so
every viewer runs the ordinary editor: read-only viewers follow the presenter's
saves through the editor's reload-on-change, and an editing connection is
protected from overwriting another's save by the same stale-save check as two
SSH sessions. The map is checked before the server starts, so a bad map or a
port in use fails here with one line instead of in every browser tab.

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
    MapDocument.load(path)
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
    except OSError as error:
        raise MapError.at(path, _("impossible de servir sur {host}:{port} : {why}").format(
            host=address.host, port=address.port, why=error.strerror or error)) from None
    if not free:
        say(_("parcours : le port {port} est déjà pris sur {host} ; essayez --port {next}").format(
            port=args.port, host=address.host, next=args.port + 1))
        return 1

    from tui.serve.site import build_site, run_site

    gate = Gate(address, Tokens.new(), args.max_clients)
    site = build_site(gate, editor_command(path, args.read_only, args.lang),
                      editor_command(path, True, args.lang), title=visible_line(f"parcours — {path.name}"))
    edit, watch = gate.links()
    mode = " (read-only)" if args.read_only else ""
    say(f"parcours: serving {path}{mode} on {address.base_url} (at most {args.max_clients} at once; ctrl+c stops)")
    say(f"  edit{mode}: {edit}")
    say(f"  watch: {watch}")
    run_site(site, address.host, address.port)
    return 0
