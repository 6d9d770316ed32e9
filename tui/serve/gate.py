"""The gate in front of every request `parcours serve` answers.

Whoever reaches the port could otherwise open the editor and write files as
the user: another local account, a web page in the user's browser (a
cross-origin WebSocket, or DNS rebinding), the network with `--host`. So:

- every request carries the run's secret, in the link (`?token=`) or in the
  cookie the first visit leaves (HttpOnly, SameSite=Strict: pages of other
  sites never send it, scripts never read it); an edit token opens everything,
  a watch token only the read-only pages under `/watch/` (the live page, its
  stream of updates, and the read-only editor);
- its Host must name this server (see `tui.serve.address`), and an `Origin`,
  which browsers always send on a WebSocket, must be this very origin: no
  other site's page can open a session even with the cookie in the browser;
- at most `max_clients` sessions (an editor process each, or a terminal joined
  through `/live`) live at once; the next page or WebSocket gets a short "full"
  page instead. Watchers of the live page are not sessions: they cost no process.

Refusals are plain HTTP answers: 403 for the secret, Host and Origin, 503 when full.
"""

from __future__ import annotations

import asyncio
import html
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from tui.output.i18n import LANGS, N_, translation
from tui.serve.address import Address, split_host

#: Where the read-only pages live; the rest of the site edits.
WATCH = "/watch/"
#: The read-only editor (a process per tab, like the editor); `WATCH` itself is the live page.
WATCH_EDITOR = "/watch/editor/"
#: The two pages that start an editor (each with its WebSocket beside it): the "full" answer goes to these.
PAGES = ("/", WATCH_EDITOR)

REFUSED = N_("Accès refusé : ouvrez le lien affiché par « parcours serve ».")
FULL = N_("Séance complète : {count} à la fois au plus. Réessayez quand une fenêtre se ferme.")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Tokens:
    """The run's two secrets: one opens the editor, the other only the read-only view."""

    edit: str
    watch: str

    @classmethod
    def new(cls) -> Tokens:
        return cls(secrets.token_urlsafe(32), secrets.token_urlsafe(32))  # 256 bits each


def _same(given: str | None, secret: str) -> bool:
    # Bytes, because compare_digest refuses non-ASCII str, and a URL or a cookie may hold anything.
    return given is not None and secrets.compare_digest(given.encode("utf-8", "replace"), secret.encode("ascii"))


#: Headers for every answer: never cached (the page is per run), never framed, no Referer sent on.
_HARDENING = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


def _both(message: str, **values: object) -> str:
    """Both languages: the browser's visitor may read either, and the server cannot know which."""
    return "".join(translation(lang).gettext(message).format(**values) + "\n" for lang in LANGS)


def harden(response: web.StreamResponse) -> None:
    """The headers every answer gets; a handler that streams (and so sends its headers itself) calls it."""
    response.headers.update(_HARDENING)


def refused() -> web.Response:
    return web.Response(status=403, text=_both(REFUSED), headers=_HARDENING)


def _is_websocket(request: web.Request) -> bool:
    """The test aiohttp's own handshake makes: what it would upgrade, the gate counts."""
    return request.headers.get("Upgrade", "").lower().strip() == "websocket"


class Gate:
    """The run's secrets, the names it answers to and the live sessions; `middleware` applies them."""

    def __init__(self, address: Address, tokens: Tokens, max_clients: int) -> None:
        self.address = address
        self.tokens = tokens
        self.max_clients = max_clients
        self._sessions: set[asyncio.Task] = set()

    @property
    def live(self) -> int:
        """Editor sessions open now (one process each)."""
        return len(self._sessions)

    def links(self) -> tuple[str, str]:
        """The edit link and the watch link, each with its own token."""
        base = self.address.base_url
        return f"{base}/?token={self.tokens.edit}", f"{base}{WATCH}?token={self.tokens.watch}"

    def cookie_name(self, role: str) -> str:
        # Cookies ignore ports: two servers on one machine must not overwrite each other's.
        return f"parcours-{self.address.port}-{role}"

    def _from_same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            # Browsers always send Origin on a WebSocket and on cross-site requests; a client
            # without one is not a browser, so no page is driving it, and it still needs the token.
            return True
        scheme, _, rest = origin.partition("://")
        return scheme.lower() == "http" and split_host(rest) == split_host(request.headers.get("Host", ""))

    def _secret(self, role: str) -> str:
        return self.tokens.watch if role == "watch" else self.tokens.edit

    def _admit(self, request: web.Request, watching: bool) -> tuple[bool, str | None]:
        """Whether the request may pass, and the role whose cookie to leave when its token came in the link."""
        roles = ("edit", "watch") if watching else ("edit",)
        for role in roles:
            if _same(request.query.get("token"), self._secret(role)):
                return True, role
        return any(_same(request.cookies.get(self.cookie_name(r)), self._secret(r)) for r in roles), None

    def _full(self) -> web.Response:
        text = "</p><p>".join(html.escape(line) for line in _both(FULL, count=self.max_clients).splitlines())
        page = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>parcours</title></head><body><p>{text}</p></body></html>'
        return web.Response(status=503, text=page, content_type="text/html", headers=_HARDENING)

    def _set_cookie(self, response: web.StreamResponse, role: str) -> None:
        response.set_cookie(self.cookie_name(role), self._secret(role), path=WATCH if role == "watch" else "/",
                            httponly=True, samesite="Strict")

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.address.accepts(request.headers.get("Host", "")) or not self._from_same_origin(request):
            return refused()
        # What was routed, not the raw path: `/watch/..%2Fws` must not reach the editor with a watch token.
        resource = request.match_info.route.resource
        where = resource.canonical if resource is not None else ""
        allowed, role = self._admit(request, watching=where.startswith(WATCH))
        if not allowed:
            return refused()
        session = _is_websocket(request)
        if (session or where in PAGES) and self.live >= self.max_clients:
            return self._full()
        if session:
            return await self._session(request, handler)
        response = await handler(request)
        if not response.prepared:
            response.headers.update(_HARDENING)
            if role is not None:
                self._set_cookie(response, role)
        return response

    async def _session(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count the session while its handler (and so its editor process) lives."""
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await handler(request)
        finally:
            self._sessions.discard(task)

    async def close_sessions(self, app: web.Application) -> None:
        """On shutdown: end every session, so each editor is told to quit instead of waiting for a timeout."""
        for task in list(self._sessions):
            task.cancel()
