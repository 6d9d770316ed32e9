"""The live session's own thread: an asyncio loop beside the face's.

The host's socket, its publisher and a participant's connection run here, so
a face busy drawing never keeps others waiting, and a face's loop (Textual's,
or aiohttp's in `serve`) never waits on the network. Nothing here polls: an
idle session is a thread asleep in `epoll`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class LiveThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="parcours-live", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    @property
    def here(self) -> bool:
        """Whether the caller is on this thread."""
        return threading.current_thread() is self._thread

    def call(self, fn: Callable[[], Any]) -> None:
        """Run `fn` on this thread: now when already here, else as soon as the loop can."""
        if self.here:
            fn()
        elif not self.loop.is_closed():
            self.loop.call_soon_threadsafe(fn)

    def later(self, fn: Callable[[], Any]) -> None:
        """Run `fn` on this thread after what is queued now (never inline)."""
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(fn)

    def submit(self, coroutine: Awaitable[T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)  # type: ignore[arg-type]

    def run(self, coroutine: Awaitable[T], timeout: float | None = None) -> T:
        """Run a coroutine here and wait for it (from another thread)."""
        return self.submit(coroutine).result(timeout)

    def stop(self) -> None:
        """End every task (each told it is cancelled), then the loop and the thread."""
        if self.loop.is_closed() or not self.loop.is_running():
            return

        async def end() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self.loop.stop()

        self.loop.call_soon_threadsafe(lambda: self.loop.create_task(end()))
        if not self.here:
            self._thread.join(timeout=5)
