"""The web site `parcours serve` runs: textual-serve's pages and WebSockets, the live watch page and
the bridge for `parcours join`, all behind the gate.

textual-serve starts one process of a fixed command per WebSocket; an edit
server and a read-only one (the same editor with `--read-only`) are routed
side by side, the read-only one under `/watch/editor/`. Each of those editors
joins the map's live session like any terminal. `/watch/` is the live page
(`tui.serve.watch`: no process per watcher) and `/live` the bridge
(`tui.serve.bridge`). The gate (`tui.serve.gate`) runs before every handler.
The site is built from textual-serve's public handlers rather than its own
`serve()`, which has no place for a middleware.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.serve.bridge import LIVE
from tui.serve.gate import WATCH, WATCH_EDITOR, Gate

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class EditorServer(Server):
    """One command's page, WebSocket and downloads."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with its URLs on the address the browser used.

        textual-serve writes the page's WebSocket and static URLs from one fixed
        public address. A tab opened on `localhost` would then open its WebSocket
        on `127.0.0.1`: another origin, where the tab's cookie is not sent and the
        gate refuses the Origin. Here the URLs follow the request's Host, which the
        gate has checked before this runs; the template is textual-serve's own.
        """
        router = request.app.router
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}{router['websocket'].url_for()}",
            "config": {"static": {"url": str(router["static"].url_for(filename="/")).rstrip("/") + "/"}},
            "application": {"name": self.title},
        }


def _routes(server: EditorServer) -> list[web.AbstractRouteDef]:
    """textual-serve's routes and names, which its page relies on; no folder listing of the static files."""
    return [
        web.get("/", server.handle_index, name="index"),
        web.get("/ws", server.handle_websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, name="static"),
    ]


def build_site(gate: Gate, edit_command: str, watch_command: str, title: str, *,
               watch_page: Handler | None = None, watch_events: Handler | None = None,
               join: Handler | None = None) -> web.Application:
    """The whole site; `watch_page` and `watch_events` serve `WATCH` (the live page and its stream),
    `join` the bridge (not in a read-only run)."""
    edit = EditorServer(edit_command, title=title)
    watch = EditorServer(watch_command, title=title)
    site = web.Application(middlewares=[gate.middleware])
    aiohttp_jinja2.setup(site, loader=jinja2.FileSystemLoader(edit.templates_path))
    site.add_routes(_routes(edit))
    if watch_page is not None and watch_events is not None:
        site.add_routes([web.get(WATCH, watch_page, name="watch"), web.get(f"{WATCH}events", watch_events)])
    if join is not None:
        site.add_routes([web.get(LIVE, join)])
    watching = web.Application()
    watching.add_routes(_routes(watch))
    site.add_subapp(WATCH_EDITOR, watching)
    site.on_shutdown.append(gate.close_sessions)
    return site


def run_site(site: web.Application, host: str, port: int) -> None:
    """Serve until ctrl+c or SIGTERM; open sessions are ended on the way out (`Gate.close_sessions`).

    A malformed request from anyone is answered 400 by aiohttp, which also logs
    it with a traceback: not something to print on the presenter's terminal.
    """
    logging.getLogger("aiohttp").addHandler(logging.NullHandler())
    web.run_app(site, host=host, port=port, print=None, access_log=None)
