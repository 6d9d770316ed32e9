"""The editor in a live session, for the Pilot tests: other participants are plain `Link`s on the
same map (the `shared` fixture: each with its own live thread, over the map's real socket), as
another editor would be."""

from __future__ import annotations

import time

from tui.app.app import ParcoursApp
from tui.app.widgets.map_header import MapHeader
from tui.core.catalogue import load_catalogues
from tui.core.live.link import Link

SIZE = (120, 30)


def editor(path, link: Link) -> tuple[ParcoursApp, list[str]]:
    app = ParcoursApp(None, load_catalogues(path), link=link)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(message), notify(message, **kwargs))[1]  # type: ignore[method-assign]
    return app, said


async def until(pilot, condition, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition did not come in time")


def header(app) -> str:
    return str(app.screen.query_one(MapHeader).render())


async def joined(pilot, app) -> None:
    """Until the editor knows it shares the map with Alice."""
    await until(pilot, lambda: "2 participants" in header(app))
