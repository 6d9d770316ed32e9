"""The gate of `parcours serve`, through aiohttp's test client: each refusal, and a session let in.

The sessions run a stand-in for the editor (it announces itself as textual-serve
expects, then waits for one byte on stdin, which the server's "quit" provides),
so the tests start a small Python, not Textual.
"""

from __future__ import annotations

import asyncio
import gc
import shlex
import sys

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from tui.serve.address import Address
from tui.serve.gate import Gate, Tokens
from tui.serve.site import build_site

TOKENS = Tokens(edit="e" * 43, watch="w" * 43)
STAND_IN = shlex.join([sys.executable, "-c", "import sys; print('__GANGLION__', flush=True); sys.stdin.buffer.read(1)"])


@pytest.fixture
async def served(unused_tcp_port):
    """(client, gate) on a site whose cap is one session, so one held WebSocket fills it."""
    gate = Gate(Address("127.0.0.1", unused_tcp_port), TOKENS, max_clients=1)
    site = build_site(gate, STAND_IN, STAND_IN, title="parcours — concert.toml", watch_page=live_page,
                      watch_events=live_page, join=live_page)
    # No cookie jar: each test sends the cookies it means to, and nothing else.
    server = TestServer(site, host="127.0.0.1", port=unused_tcp_port)
    async with TestClient(server, cookie_jar=aiohttp.DummyCookieJar()) as client:
        yield client, gate
        await until_no_session(gate)  # every stand-in has quit before the loop closes
    # textual-serve never closes a finished process's stdin pipe; collect it while the loop can still close it.
    gc.collect()


async def live_page(request):
    """A stand-in for the live watch page, its stream and the join bridge (tested in tests/live)."""
    return web.Response(text="live")


def origin(client: TestClient) -> str:
    return f"http://127.0.0.1:{client.port}"


async def status(client: TestClient, path: str, **kwargs) -> int:
    async with client.get(path, allow_redirects=False, **kwargs) as response:
        return response.status


async def upgrade_status(client: TestClient, path: str, **kwargs) -> int:
    """The status of a refused WebSocket upgrade (the test fails if it is accepted)."""
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with client.ws_connect(path, **kwargs):
            pass
    return refused.value.status


async def until_no_session(gate: Gate) -> None:
    """The server ends a session a moment after the browser leaves (it waits for the editor to quit)."""
    for _ in range(500):
        if gate.live == 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the session was never counted out")


# -- the secret ---------------------------------------------------------------------------------------


async def test_without_the_token_the_page_is_refused(served):
    client, _ = served
    async with client.get("/") as response:
        assert response.status == 403
        assert "Set-Cookie" not in response.headers
        assert "Access refused" in await response.text()


@pytest.mark.parametrize("token", ["", "e" * 42, "e" * 44, "f" * 43, "é" * 43, TOKENS.edit.upper(), "%00"])
async def test_a_wrong_token_is_refused(served, token):
    client, _ = served
    assert await status(client, "/", params={"token": token}) == 403


async def test_every_path_needs_the_token(served):
    client, _ = served
    for path in ("/static/js/textual.js", "/download/x", "/nothing-here", "/watch/", "/watch/events", "/watch/editor/",
                 "/watch/editor/static/js/textual.js", "/live"):
        assert await status(client, path) == 403, path


async def test_the_websocket_needs_the_token(served):
    client, gate = served
    assert await upgrade_status(client, "/ws", headers={"Origin": origin(client)}) == 403
    assert await upgrade_status(client, "/ws", params={"token": TOKENS.watch}) == 403
    assert gate.live == 0


async def test_the_watch_token_opens_only_the_read_only_pages(served):
    client, _ = served
    assert await status(client, "/", params={"token": TOKENS.watch}) == 403
    assert await status(client, "/watch/", params={"token": TOKENS.watch}) == 200
    assert await status(client, "/watch/", params={"token": TOKENS.edit}) == 200
    assert await status(client, "/watch/events", params={"token": TOKENS.watch}) == 200
    assert await status(client, "/watch/editor/", params={"token": TOKENS.watch}) == 200
    assert await status(client, "/live", params={"token": TOKENS.watch}) == 403  # joining edits
    # Routing decides the role, not the raw path.
    assert await status(client, "/watch/..%2Fws", params={"token": TOKENS.watch}) in (403, 404)
    assert await status(client, "/watch/../", params={"token": TOKENS.watch}) == 403  # the client sends "/"


# -- the cookie ---------------------------------------------------------------------------------------


async def test_the_first_visit_leaves_a_strict_httponly_cookie_that_then_suffices(served):
    client, _ = served
    async with client.get("/", params={"token": TOKENS.edit}) as response:
        assert response.status == 200
        page = await response.text()
        cookie = response.cookies[f"parcours-{client.port}-edit"]
    assert cookie.value == TOKENS.edit
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert "parcours — concert.toml" in page

    jar = {"Cookie": f"parcours-{client.port}-edit={TOKENS.edit}"}
    assert await status(client, "/", headers=jar) == 200
    assert await status(client, "/static/js/textual.js", headers=jar) == 200
    async with client.ws_connect("/ws", headers={**jar, "Origin": origin(client)}) as ws:
        assert not ws.closed
    assert await status(client, "/", headers={"Cookie": f"parcours-{client.port}-edit={TOKENS.watch}"}) == 403


async def test_the_watch_cookie_is_scoped_to_the_watch_pages(served):
    client, _ = served
    async with client.get("/watch/", params={"token": TOKENS.watch}) as response:
        cookie = response.cookies[f"parcours-{client.port}-watch"]
    assert cookie["path"] == "/watch/"
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict"
    jar = {"Cookie": f"parcours-{client.port}-watch={TOKENS.watch}"}
    assert await status(client, "/watch/", headers=jar) == 200
    assert await status(client, "/", headers=jar) == 403


async def test_pages_are_never_cached_nor_framed(served):
    client, _ = served
    async with client.get("/", params={"token": TOKENS.edit}) as response:
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"


# -- Origin and Host ----------------------------------------------------------------------------------


@pytest.mark.parametrize("foreign", ["http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:{port}",
                                     "http://localhost:{port}", "http://127.0.0.1:{port}.evil.example"])
async def test_a_websocket_from_another_origin_is_refused_even_with_the_token(served, foreign):
    client, gate = served
    headers = {"Origin": foreign.format(port=client.port)}
    assert await upgrade_status(client, "/ws", params={"token": TOKENS.edit}, headers=headers) == 403
    assert gate.live == 0


async def test_a_page_fetched_by_another_site_is_refused(served):
    client, _ = served
    assert await status(client, "/", params={"token": TOKENS.edit}, headers={"Origin": "http://evil.example"}) == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1:1",
                                  "localhost", "user@127.0.0.1:{port}", "127.0.0.1:{port} x", "10.0.0.1:{port}", ""])
async def test_a_foreign_host_is_refused_dns_rebinding(served, host):
    client, _ = served
    headers = {"Host": host.format(port=client.port)}
    assert await status(client, "/", params={"token": TOKENS.edit}, headers=headers) == 403


async def test_localhost_works_and_the_page_connects_back_to_it(served):
    client, _ = served
    host = f"localhost:{client.port}"
    async with client.get("/", params={"token": TOKENS.edit}, headers={"Host": host}) as response:
        assert response.status == 200
        page = await response.text()
    assert f'data-session-websocket-url="ws://{host}/ws"' in page
    async with client.get("/watch/editor/", params={"token": TOKENS.watch}) as response:
        assert f'ws://127.0.0.1:{client.port}/watch/editor/ws"' in await response.text()


# -- the cap ------------------------------------------------------------------------------------------


async def test_past_the_cap_the_next_visitor_gets_a_full_page_not_a_process(served):
    client, gate = served
    token = {"token": TOKENS.edit}
    async with client.ws_connect("/ws", params=token, headers={"Origin": origin(client)}) as held:
        assert gate.live == 1
        async with client.get("/", params=token) as response:
            assert response.status == 503
            assert "Session full" in await response.text()
        assert await status(client, "/watch/editor/", params=token) == 503
        assert await upgrade_status(client, "/ws", params=token, headers={"Origin": origin(client)}) == 503
        assert await upgrade_status(client, "/watch/editor/ws", params=token) == 503
        assert await status(client, "/watch/", params=token) == 200  # a watcher is no process: never full
        assert gate.live == 1
        await held.close()
    await until_no_session(gate)
    assert await status(client, "/", params=token) == 200


async def test_a_refused_visitor_is_not_told_whether_the_server_is_full(served):
    client, gate = served
    async with client.ws_connect("/ws", params={"token": TOKENS.edit}):
        assert await status(client, "/") == 403
        assert await status(client, "/", params={"token": TOKENS.watch}) == 403


# -- the names a server answers to --------------------------------------------------------------------


@pytest.mark.parametrize("bound, host, accepted", [
    ("127.0.0.1", "127.0.0.1:8000", True),
    ("127.0.0.1", "LOCALHOST:8000", True),
    ("127.0.0.1", "[::1]:8000", True),
    ("127.0.0.1", "127.0.0.1:8001", False),
    ("127.0.0.1", "127.0.0.1", False),
    ("127.0.0.1", "attacker.example:8000", False),
    ("127.0.0.1", "192.168.1.5:8000", False),
    ("127.0.0.1", "[::1", False),
    ("127.0.0.1", "[evil]:8000", False),
    ("localhost", "localhost:8000", True),
    ("192.168.1.5", "192.168.1.5:8000", True),
    ("192.168.1.5", "attacker.example:8000", False),
    ("0.0.0.0", "10.1.2.3:8000", True),
    ("0.0.0.0", "attacker.example:8000", False),
    ("::", "[fe80::1]:8000", True),
    ("::1", "[::1]:8000", True),
])
def test_which_host_headers_name_this_server(bound, host, accepted):
    assert Address(bound, 8000).accepts(host) is accepted


def test_port_80_is_left_out_as_browsers_do():
    address = Address("127.0.0.1", 80)
    assert address.accepts("127.0.0.1") and address.base_url == "http://127.0.0.1"


@pytest.mark.parametrize("bound, loopback, base", [
    ("127.0.0.1", True, "http://127.0.0.1:8000"),
    ("localhost", True, "http://localhost:8000"),
    ("::1", True, "http://[::1]:8000"),
    ("192.168.1.5", False, "http://192.168.1.5:8000"),
])
def test_links_and_loopback(bound, loopback, base):
    address = Address(bound, 8000)
    assert address.loopback is loopback
    assert address.base_url == base


def test_links_carry_distinct_long_secrets():
    gate = Gate(Address("127.0.0.1", 8000), Tokens.new(), 8)
    edit, watch = gate.links()
    assert edit.startswith("http://127.0.0.1:8000/?token=") and watch.startswith("http://127.0.0.1:8000/watch/?token=")
    assert gate.tokens.edit != gate.tokens.watch and len(gate.tokens.edit) >= 22  # 22 url-safe characters = 128 bits
