"""The web site `parcours serve` runs: textual-serve's pages and WebSockets, behind the gate.

textual-serve starts one process of a fixed command per WebSocket; an edit
server and a watch server (the same editor with `--read-only`) are routed side
by side, the watch one under `/watch/`, and the gate (`tui.serve.gate`) runs
before every handler of both. The site is built from textual-serve's public
handlers rather than its own `serve()`, which has no place for a middleware.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.serve.gate import WATCH, Gate


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


def build_site(gate: Gate, edit_command: str, watch_command: str, title: str) -> web.Application:
    edit = EditorServer(edit_command, title=title)
    watch = EditorServer(watch_command, title=title)
    site = web.Application(middlewares=[gate.middleware])
    aiohttp_jinja2.setup(site, loader=jinja2.FileSystemLoader(edit.templates_path))
    site.add_routes(_routes(edit))
    watching = web.Application()
    watching.add_routes(_routes(watch))
    site.add_subapp(WATCH, watching)
    site.on_shutdown.append(gate.close_sessions)
    return site


def run_site(site: web.Application, host: str, port: int) -> None:
    """Serve until ctrl+c or SIGTERM; open sessions are ended on the way out (`Gate.close_sessions`).

    A malformed request from anyone is answered 400 by aiohttp, which also logs
    it with a traceback: not something to print on the presenter's terminal.
    """
    logging.getLogger("aiohttp").addHandler(logging.NullHandler())
    web.run_app(site, host=host, port=port, print=None, access_log=None)
