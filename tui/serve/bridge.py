"""`parcours join` through `serve`'s HTTP port: a WebSocket bridged to the map's live session.

A terminal elsewhere (another machine over an SSH port forward, another
account) cannot reach the user's private socket; `serve` can. Behind the same
gate as the browser (the edit token, Host and Origin), `/live` takes a
WebSocket and relays it, line for line, to the session's Unix socket (its own
when `serve` hosts): one WebSocket text message is one protocol line. The
host reads every line strictly, as from any participant; the bridge only
keeps lines to the protocol's size caps, and ends both sides together, so a
cut connection is a reconnection for the participant, which resyncs.

The other half is the participant's: `WebSocketChannel`, a `Channel` over
aiohttp's client WebSocket, and `connector`, which `Link.join` calls to reach
the session again whenever it is cut.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlsplit, urlunsplit

import aiohttp
from aiohttp import web

from tui.core.live.channel import StreamChannel
from tui.core.live.protocol import MAX_TO_HOST, MAX_TO_PARTICIPANT, TO_PARTICIPANT, Message, ProtocolError, decode
from tui.core.live.rendezvous import Place
from tui.output.i18n import _

#: Where the bridge listens (beside the editor's page, behind the edit token).
LIVE = "/live"


class Bridge:
    """Relays each `/live` WebSocket to the session on `place`'s socket."""

    def __init__(self, place: Place) -> None:
        self.place = place

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            reader, writer = await asyncio.open_unix_connection(str(self.place.socket), limit=MAX_TO_PARTICIPANT)
        except OSError:  # the session is between hosts: the participant tries again
            return web.Response(status=503, text="the live session is changing hosts; try again\n")
        socket = web.WebSocketResponse(max_msg_size=MAX_TO_HOST, heartbeat=30)
        await socket.prepare(request)

        async def up() -> None:
            async for message in socket:
                if message.type != aiohttp.WSMsgType.TEXT or "\n" in message.data:
                    return  # one line per message, as text: anything else ends the connection
                writer.write(message.data.encode("utf-8") + b"\n")
                await writer.drain()

        async def down() -> None:
            while True:
                try:
                    line = await reader.readuntil(b"\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
                    return
                await socket.send_str(line[:-1].decode("utf-8"))

        tasks = [asyncio.ensure_future(up()), asyncio.ensure_future(down())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            writer.close()
            await socket.close()
        return socket


class WebSocketChannel:
    """A `Channel` over a client WebSocket (sends are queued and written in order by one task)."""

    def __init__(self, http: aiohttp.ClientSession, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.http = http
        self.socket = socket
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._queued = 0
        self._writer = asyncio.ensure_future(self._write())

    async def _write(self) -> None:
        while (text := await self._queue.get()) is not None:
            self._queued -= len(text)
            try:
                await self.socket.send_str(text)
            except (ConnectionError, RuntimeError, aiohttp.ClientError):
                return

    async def receive(self) -> Message | None:
        message = await self.socket.receive()
        if message.type == aiohttp.WSMsgType.TEXT:
            return decode(message.data.encode("utf-8"), TO_PARTICIPANT)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.ERROR):
            return None
        raise ProtocolError("a binary message")

    def send(self, message: Message) -> None:
        self.send_line(message.encode())

    def send_line(self, line: bytes) -> None:
        text = line.decode("utf-8").rstrip("\n")
        self._queued += len(text)
        self._queue.put_nowait(text)

    def close(self) -> None:
        self._queue.put_nowait(None)
        asyncio.ensure_future(self._close())

    async def _close(self) -> None:
        with contextlib.suppress(Exception):
            await self._writer
            await self.socket.close()
        await self.http.close()

    @property
    def backlog(self) -> int:
        return self._queued


class JoinRefused(RuntimeError):
    """The server answered, and said no: the token is wrong (trying again will not help)."""


def live_url(link: str) -> str:
    """The bridge's WebSocket URL from the link `serve` printed (the edit link, or the join line's)."""
    parts = urlsplit(link.strip())
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise ValueError(_("ce n'est pas un lien http://"))
    token = parse_qs(parts.query).get("token", [""])[0]
    if not token:
        raise ValueError(_("le lien n'a pas de jeton (copiez toute la ligne affichée par serve)"))
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, LIVE, f"token={token}", ""))


def connector(url: str) -> Callable[[], Awaitable[WebSocketChannel]]:
    """What `Link.join` calls to reach the session (again)."""

    async def connect() -> WebSocketChannel:
        http = aiohttp.ClientSession()
        try:
            socket = await http.ws_connect(url, max_msg_size=MAX_TO_PARTICIPANT, heartbeat=30,
                                           timeout=aiohttp.ClientWSTimeout(ws_close=5))
        except aiohttp.WSServerHandshakeError as error:
            await http.close()
            if error.status in (401, 403):
                why = _("refusé : le jeton du lien n'est pas celui de cette séance (copiez toute la ligne)")
                raise JoinRefused(why) from None
            raise ConnectionError(f"the server answered {error.status}") from None
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            await http.close()
            raise ConnectionError(str(error) or type(error).__name__) from None
        return WebSocketChannel(http, socket)

    return connect


__all__ = ["Bridge", "JoinRefused", "StreamChannel", "WebSocketChannel", "connector", "live_url"]
