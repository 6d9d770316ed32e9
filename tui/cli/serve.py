"""`parcours serve MAP`: the editor in a browser on localhost, for meetings.

textual-serve starts one `parcours MAP` process per browser connection, so
every viewer runs the ordinary editor: read-only viewers follow the presenter's
saves through the editor's reload-on-change, and an editing connection is
protected from overwriting another's save by the same stale-save check as two
SSH sessions. The map is checked before the server starts, so a bad map or a
port in use fails here with one line instead of in every browser tab.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.errors import MapError


def port_free(host: str, port: int) -> bool:
    """Whether the port can be bound now (the server binds it again a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def editor_command(path: Path, read_only: bool, lang: str | None) -> str:
    """The command each browser connection runs: this Python, this package, this map."""
    words = [sys.executable, "-m", "tui", str(path.resolve())]
    if read_only:
        words.append("--read-only")
    if lang:
        words += ["--lang", lang]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    path = Path(args.map)
    MapDocument.load(path)
    if not 0 < args.port < 65536:
        print(f"parcours: port {args.port} is not a valid port (1-65535)", file=sys.stderr)
        return 2
    try:
        free = port_free(args.host, args.port)
    except OSError as error:
        raise MapError.at(path, f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    if not free:
        print(f"parcours: port {args.port} is already in use on {args.host}; try --port {args.port + 1}", file=sys.stderr)
        return 1

    from textual_serve.server import Server

    server = Server(
        editor_command(path, args.read_only, args.lang),
        host=args.host,
        port=args.port,
        title=f"parcours — {path.name}",
    )
    mode = " (read-only)" if args.read_only else ""
    print(f"parcours: serving {path}{mode} on http://{args.host}:{args.port} (ctrl+c stops)", file=sys.stderr)
    server.serve()
    return 0
