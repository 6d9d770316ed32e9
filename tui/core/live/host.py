"""Hosting: the hub served over the map's Unix socket, on the live thread.

Each connection is one participant: the other end must be this user
(`SO_PEERCRED`), its first line a `hello` of this protocol within a few
seconds, and every line after it a message a participant may send. A bad
line, or a participant so far behind that its unread bytes pass a cap, ends
that connection alone (it may come back, and gets a snapshot).

The publisher sends the hub's outbox in order, and before anything that
carries an edit it waits for the journal to have every edit applied so far:
what a participant has seen acknowledged survives a `kill -9` of the host.
"""

from __future__ import annotations

import asyncio
import contextlib
import os

from tui.core.live.channel import StreamChannel
from tui.core.live.hub import Hub
from tui.core.live.loop import LiveThread
from tui.core.live.protocol import MAX_TO_HOST, PROTOCOL, Hello, ProtocolError, TO_HOST
from tui.core.live.rendezvous import Lease, peer_uid

#: Seconds a new connection has to say hello.
HELLO_SECONDS = 10.0
#: Unread bytes past which a participant is dropped (it reconnects and resyncs).
MAX_BACKLOG = 32 << 20


class Host:
    """Serves `hub` on `lease`'s socket, from `thread`."""

    def __init__(self, lease: Lease, thread: LiveThread) -> None:
        self.lease = lease
        self.thread = thread
        self.hub: Hub | None = None
        self._wakeup = asyncio.Event()
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self._channels: set[StreamChannel] = set()
        self._saving: asyncio.Task | None = None

    def make_hub(self, session) -> Hub:  # noqa: ANN001 (a Session)
        self.hub = Hub(session, defer=self.thread.call, wake=lambda: self.thread.call(self._wakeup.set),
                       saves=lambda: self.thread.call(self._start_saves))
        return self.hub

    async def start(self) -> None:
        """Listen (on the live thread); the hub must be made."""
        listener = self.lease.listener or self.lease.bind()
        self._server = await asyncio.start_unix_server(self._connection, sock=listener, limit=MAX_TO_HOST)
        self._spawn(self._publish())

    def _spawn(self, coroutine) -> asyncio.Task:  # noqa: ANN001
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _start_saves(self) -> None:
        if self._saving is None or self._saving.done():
            assert self.hub is not None
            self._saving = self._spawn(asyncio.to_thread(self.hub.run_saves))

    async def _publish(self) -> None:
        assert self.hub is not None
        journal = self.hub.session.journal
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while True:
                batch, durable = self.hub.take()
                if not batch:
                    break
                if durable and journal is not None:
                    await asyncio.to_thread(journal.flush)
                self.hub.send(batch)

    async def drain(self, closing: bool = False) -> None:
        """Until everything queued so far is sent (and the sockets have taken it); `closing`: take no
        more requests (they stay unanswered, and their senders send them to the next host)."""
        assert self.hub is not None
        self.hub.closed = self.hub.closed or closing
        for _ in range(200):
            if not self.hub.outbox and not any(c.backlog for c in self._channels):
                return
            self._wakeup.set()
            await asyncio.sleep(0.01)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert self.hub is not None
        channel = StreamChannel(reader, writer, TO_HOST, MAX_TO_HOST)
        sock = writer.get_extra_info("socket")
        if sock is None or peer_uid(sock) != os.getuid():
            channel.close()
            return
        self._channels.add(channel)
        member = deliver = None
        try:
            hello = await asyncio.wait_for(channel.receive(), HELLO_SECONDS)
            if not isinstance(hello, Hello) or hello.protocol != PROTOCOL:
                return

            def deliver(line: bytes) -> None:
                channel.send_line(line)
                if channel.backlog > MAX_BACKLOG:
                    channel.close()

            member = self.hub.join(hello.client, hello.name, hello.read_only, hello.observer, deliver)
            while (message := await channel.receive()) is not None:
                self.hub.handle(member, message)
        except (ProtocolError, asyncio.TimeoutError, ConnectionError):
            pass
        finally:
            self._channels.discard(channel)
            if member is not None:
                self.hub.leave(member, deliver)
            channel.close()

    async def stop(self) -> None:
        """Stop serving: what is queued goes out first; then the socket and the lock go, then every
        connection, so the participants find the lock free when they look for the next host."""
        if self.hub is not None:
            with contextlib.suppress(Exception):
                await self.drain()
        if self._server is not None:
            self._server.close()
        self.lease.release()
        for channel in list(self._channels):
            channel.close()
        for task in list(self._tasks):
            task.cancel()
        if self.hub is not None:
            self.hub.close()
