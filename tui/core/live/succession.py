"""How a link becomes the host or a participant, and who hosts next when the host goes.

On the live thread: find the map's session (`tui.core.live.rendezvous.find`),
host it or take part in it; when a participant's connection ends, look again:
reach the host anew (a dropped connection), reach the next host, or become it
(`tui.core.live.takeover`), and carry on with what was asked and not answered.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from tui.core.document import MapDocument
from tui.core.errors import MapError
from tui.core.live import protocol as wire
from tui.core.live.channel import Channel
from tui.core.live.guest import Guest
from tui.core.live.host import Host
from tui.core.live.protocol import PROTOCOL, Hello, ProtocolError
from tui.core.live.rendezvous import Lease, NoHost, find
from tui.core.live.takeover import adopt
from tui.core.session import Replaced, Session

if TYPE_CHECKING:
    from tui.core.live.link import Link

#: Seconds to find a host (or become one) when starting, before giving up.
FIND_SECONDS = 10.0


class Succession:
    """The life of one link's hold on the map: start, and every change of host after."""

    def __init__(self, link: Link) -> None:
        self.link = link

    async def start(self, document: MapDocument | None) -> None:
        found = await self.find(FIND_SECONDS)
        if isinstance(found, Lease):
            assert document is not None
            await self.host(Session(document, journal_folder=self.link.journal_folder), found)
        elif found is None:  # a read-only face, and nobody hosts: it views the file alone
            assert document is not None
            self.link.hold(Session(document, read_only=True))
        else:
            await self.participate(found, first=True)

    async def find(self, seconds: float) -> Lease | Channel | None:
        """Become the host, or reach it; None for a face that cannot host when nobody does."""
        return await find(self.link.place, self.link.connect, self.link.can_host, seconds)

    async def host(self, session: Session, lease: Lease) -> None:
        host = Host(lease, self.link.thread)  # type: ignore[arg-type]
        self.link.hold(session, host)
        await host.start()
        self.link.set_role("host")

    async def participate(self, channel: Channel, first: bool = False) -> None:
        """Take part over `channel`; wait for the first snapshot when starting, then carry on in a task."""
        link = self.link
        if link.guest is None:
            hello = Hello(link.client, link.name, link.read_only, link.observer, PROTOCOL)
            link.guest = Guest(hello, link.emit, link.path.parent if link.connect is None else link.path)
        guest = link.guest
        link.role = "participant"
        task = asyncio.get_running_loop().create_task(self.connected(channel))
        if first:
            for _ in range(int(FIND_SECONDS / 0.01)):
                if guest.replica is not None or task.done():
                    break
                await asyncio.sleep(0.01)
            if guest.replica is None:
                task.cancel()
                raise NoHost("the map's live session did not send the map")

    async def connected(self, channel: Channel) -> None:
        """One connection, then (unless closing) the next host: this process, or another."""
        assert self.link.guest is not None
        while True:
            try:
                await self.link.guest.attach(channel)
            except (ProtocolError, OSError):
                pass
            if self.link.closing:
                return
            self.link.set_role("participant", connected=False)
            while True:
                try:
                    found = await self.find(FIND_SECONDS)
                except Exception:  # noqa: BLE001 - nobody answers, or refuses for now: keep trying, quietly
                    await asyncio.sleep(1.0)
                    continue
                if isinstance(found, Lease):
                    if await self.take_over(found):
                        return
                    await asyncio.sleep(1.0)
                    continue
                if found is None:  # read-only and nobody hosts: keep looking, quietly
                    await asyncio.sleep(1.0)
                    continue
                channel = found
                break
            self.link.set_role("participant")

    async def take_over(self, lease: Lease) -> bool:
        """The host is gone and this process holds the lock: host the map, with every edit the old
        host journaled (what everyone had acknowledged, and perhaps a little more)."""
        link, guest = self.link, self.link.guest
        assert guest is not None
        try:
            session, tags = await asyncio.to_thread(adopt, link.path, guest.journal, link.journal_folder, link.new_map)
        except MapError:
            lease.release()
            return False
        host = Host(lease, link.thread)  # type: ignore[arg-type]
        link.guest = None
        link.hold(session, host, tags)
        hub, local = link.hub, link.local
        assert hub is not None and local is not None
        await host.start()
        link.set_role("host")
        link.emit(Replaced(session.version))
        mine = (tag.partition(":") for tag in tags if tag)
        done = {int(seq) for client, _, seq in mine if client == link.client and seq.isdigit()}
        for seq, message in guest.pending.items():  # what this face asked and the old host never did
            if seq in done:
                continue
            match message:
                case wire.Apply(edit=edit):
                    hub.apply(local, edit)
                case wire.Save(force=force, copy=copy):
                    hub.save(local, session.copy_path() if copy else None, force or copy)
        return True

