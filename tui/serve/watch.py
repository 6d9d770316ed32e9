"""The watch page: the live map as its HTML export, pushed to every watcher as it changes.

`serve` holds (or joined) the map's live session, so it has the map as it is
now, saved or not. It renders the HTML export once per change (in a thread,
at most a few times a second), and sends the same bytes to every watcher over
server-sent events: a watcher costs an open connection, never a process. The
page follows the presenter (whoever moved last in the session): it scrolls to
their current stage. The page speaks the language in use (`serve` chooses the map's).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from aiohttp import web

from tui.core.catalogue import Catalogues
from tui.core.live.events import Presence
from tui.core.live.link import Link
from tui.core.model import ItemGone, JourneyMap
from tui.core.session import Changed, Replaced, Saved
from tui.output.faces import Faces
from tui.output.formats import Source
from tui.output.formats.html_page import render

#: Seconds between two renders while the map keeps changing (well within the second a watcher waits).
RENDER_EVERY = 0.2
#: Watchers at once: a page is cheap, but not free.
MAX_WATCHERS = 1000
#: Each watcher's unsent updates: a watcher that reads none of them is dropped.
QUEUE = 16

#: Replaces the page's body with each update and scrolls to the presenter's stage when it changes.
SCRIPT = """<script>
(function () {
  var shown = null;
  function follow(stage) {
    if (stage === null || stage === shown) return;
    shown = stage;
    var cells = document.querySelectorAll("td.stage");
    if (cells[stage]) cells[stage].scrollIntoView({block: "start"});
  }
  var events = new EventSource("events");
  events.onmessage = function (message) {
    var update = JSON.parse(message.data);
    if (update.body !== undefined) {
      document.body.innerHTML = update.body;
      document.title = update.title;
      shown = null;
    }
    document.documentElement.setAttribute("data-version", update.version);
    follow(update.stage);
  };
})();
</script>"""


def _body(page: str) -> tuple[str, str]:
    """The title and the inside of the body of an exported page."""
    head, _, rest = page.partition("<body>")
    body, _, _ = rest.rpartition("</body>")
    title = head.partition("<title>")[2].partition("</title>")[0]
    return title, body


class Watch:
    """The watchers of one served map, fed from `link` (on the aiohttp loop, once `start`ed)."""

    def __init__(self, link: Link, catalogues: Catalogues,
                 harden: Callable[[web.StreamResponse], None] = lambda response: None) -> None:
        self.link = link
        self.catalogues = catalogues
        self.harden = harden
        self.faces = Faces()
        self.watchers: set[asyncio.Queue[bytes]] = set()
        self.stage: int | None = None
        self._presenter: str | None = None
        self._update: bytes | None = None
        self._version = -1
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self, app: web.Application | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self.link.listen(lambda event: self._loop.call_soon_threadsafe(self._heard, event))  # type: ignore[union-attr]
        self._task = self._loop.create_task(self._render_forever())
        self._changed.set()

    async def stop(self, app: web.Application | None = None) -> None:
        if self._task is not None:
            self._task.cancel()
        for queue in list(self.watchers):
            queue.put_nowait(b"")  # an empty line ends that watcher's stream

    def _heard(self, event: object) -> None:
        if isinstance(event, (Changed, Replaced, Saved)):
            self._changed.set()
        elif isinstance(event, Presence) and event.mover is not None:
            self._presenter = event.mover
            self._follow(self.link.map)

    def _follow(self, jmap: JourneyMap) -> None:
        """The presenter's stage in `jmap`; watchers are told when it changes."""
        person = next((p for p in self.link.presence.participants if p.pid == self._presenter), None)
        if person is None or person.stage is None:
            return
        try:
            stage = jmap.stage_index(person.stage)
        except ItemGone:
            return
        if stage != self.stage:
            self.stage = stage
            self._send(json.dumps({"stage": stage, "version": self._version}).encode())

    def _send(self, data: bytes) -> None:
        line = b"data: " + data + b"\n\n"
        for queue in list(self.watchers):
            if queue.full():  # not reading: let it go (its browser reconnects and gets the page anew)
                self.watchers.discard(queue)
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(b"")
                continue
            queue.put_nowait(line)

    def _render(self) -> tuple[int, str]:
        version, jmap = self.link.current()
        return version, render(Source(jmap, self.catalogues, faces=self.faces))

    async def _render_forever(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            version, page = await asyncio.to_thread(self._render)
            title, body = _body(page)
            self._version = version
            self._update = json.dumps({"title": title, "body": body, "version": version, "stage": self.stage},
                                      ensure_ascii=False).encode("utf-8")
            self._send(self._update)
            self._follow(self.link.map)
            await asyncio.sleep(RENDER_EVERY)

    # -- the two routes ------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        version, page = await asyncio.to_thread(self._render)
        page = page.replace("<html ", f'<html data-version="{version}" ', 1).replace("</head>", SCRIPT + "</head>", 1)
        return web.Response(text=page, content_type="text/html")

    async def events(self, request: web.Request) -> web.StreamResponse:
        if len(self.watchers) >= MAX_WATCHERS:
            return web.Response(status=503, text="too many watchers\n")
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"})
        self.harden(response)
        await response.prepare(request)
        queue: asyncio.Queue[bytes] = asyncio.Queue(QUEUE)
        self.watchers.add(queue)
        try:
            if self._update is not None:
                await response.write(b"data: " + self._update + b"\n\n")
            while (line := await queue.get()):
                await response.write(line)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.watchers.discard(queue)
        return response
