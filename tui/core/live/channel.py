"""A connection that carries messages: newline-delimited JSON over asyncio streams.

Reading stops at the cap the direction allows (asyncio's own limit, so a line
that never ends costs no more than the cap): a longer line, a line that does
not read as a message, or a broken connection ends this connection only.
Writes are queued and never wait for a slow reader; a reader that falls too
far behind is dropped by whoever sends (see `tui.core.live.hub`).
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from tui.core.live.protocol import Message, ProtocolError, decode


class Channel(Protocol):
    """What the hub and a participant need of a connection, whatever carries it."""

    async def receive(self) -> Message | None:
        """The next message; None when the other side closed; ProtocolError for a bad line."""

    def send(self, message: Message) -> None:
        """Queue a message (never blocks)."""

    def send_line(self, line: bytes) -> None:
        """Queue a line already encoded (the same broadcast to many costs one encoding)."""

    def close(self) -> None: ...

    @property
    def backlog(self) -> int:
        """Bytes queued and not yet taken by the other side."""


class StreamChannel:
    """A channel over an asyncio reader and writer (a Unix socket)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, allowed: frozenset[str],
                 limit: int) -> None:
        self.reader = reader
        self.writer = writer
        self.allowed = allowed
        self.limit = limit

    async def receive(self) -> Message | None:
        try:
            line = await self.reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as end:
            if end.partial.strip():
                raise ProtocolError("the connection ended in the middle of a line") from None
            return None
        except asyncio.LimitOverrunError:
            raise ProtocolError(f"a line longer than {self.limit} bytes") from None
        except (ConnectionError, OSError):
            return None
        return decode(line, self.allowed)

    def send(self, message: Message) -> None:
        self.send_line(message.encode())

    def send_line(self, line: bytes) -> None:
        if not self.writer.is_closing():
            self.writer.write(line)

    def close(self) -> None:
        if not self.writer.is_closing():
            self.writer.close()

    @property
    def backlog(self) -> int:
        transport = self.writer.transport
        return 0 if transport is None or transport.is_closing() else transport.get_write_buffer_size()


async def open_unix(path: str, allowed: frozenset[str], limit: int) -> StreamChannel:
    reader, writer = await asyncio.open_unix_connection(path, limit=limit)
    return StreamChannel(reader, writer, allowed, limit)
