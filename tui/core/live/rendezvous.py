"""Where a map's live session listens, and who hosts it.

Everything lives in the user's runtime folder (`XDG_RUNTIME_DIR/parcours`, 0700,
through platformdirs), named by the map's real path: a lock file and a Unix
socket (0600). Whoever holds the lock (`flock`) hosts; the kernel lets go of it
when that process ends, however it ends, so the lock is never stale, and the
next to take it removes the dead host's socket and binds its own. Others
connect to the socket; the host also checks that a connecting process is the
same user (`SO_PEERCRED`), the folder's permissions aside.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import socket
import stat
import struct
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from tui.core.journal import map_key
from tui.core.live.channel import Channel, open_unix
from tui.core.live.protocol import MAX_TO_PARTICIPANT, TO_PARTICIPANT

#: The longest path a Unix socket may have (sun_path), with its NUL.
MAX_SOCKET_PATH = 107


class NoHost(OSError):
    """Someone holds the map's session but nobody answers on its socket."""


class NoRendezvous(OSError):
    """The runtime folder cannot hold a private socket: the editor works alone."""


def runtime_folder() -> Path:
    """The user's private runtime folder for parcours, made 0700 if needed."""
    from platformdirs import user_runtime_dir

    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset; it falls back
        warnings.simplefilter("ignore")
        folder = Path(user_runtime_dir("parcours"))
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise NoRendezvous(f"{folder} is not a folder of this user")
        if info.st_mode & 0o077:
            folder.chmod(0o700)
    except OSError as error:
        raise NoRendezvous(f"cannot use {folder}: {error.strerror or error}") from None
    return folder


@dataclass(frozen=True)
class Place:
    """A map's lock and socket."""

    lock: Path
    socket: Path

    @classmethod
    def of(cls, map_path: Path, folder: Path | None = None) -> Place:
        folder = folder or runtime_folder()
        key = map_key(map_path)[:16]
        place = cls(folder / f"{key}.lock", folder / f"{key}.sock")
        if len(os.fsencode(place.socket)) > MAX_SOCKET_PATH:
            raise NoRendezvous(f"the runtime folder's path is too long for a socket: {folder}")
        return place


class Lease:
    """The host's hold on a map's session: the lock, and the listening socket once bound."""

    def __init__(self, place: Place, descriptor: int) -> None:
        self.place = place
        self._descriptor: int | None = descriptor
        self.listener: socket.socket | None = None
        self._inode: int | None = None

    def bind(self) -> socket.socket:
        """The listening socket, in place of whatever a dead host left, 0600 before anyone can connect
        (the folder is the user's alone, so the moment between bind and chmod is private too)."""
        try:
            self.place.socket.unlink()
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(str(self.place.socket))
            os.chmod(self.place.socket, 0o600)
            self._inode = os.stat(self.place.socket).st_ino
            listener.listen(64)
            listener.setblocking(False)
        except OSError:
            listener.close()
            raise
        self.listener = listener
        return listener

    def release(self) -> None:
        """Stop hosting: the socket goes first, then the lock, so the next host binds a fresh one."""
        if self._inode is not None:
            try:  # only our own socket: a next host may have bound its own already
                if os.stat(self.place.socket).st_ino == self._inode:
                    self.place.socket.unlink()
            except OSError:
                pass
            self._inode = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def try_host(place: Place) -> Lease | None:
    """The lease when nobody hosts the map now (this process is the host from here on), else None."""
    try:
        descriptor = os.open(place.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise NoRendezvous(f"cannot open {place.lock}: {error.strerror or error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return Lease(place, descriptor)


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket (None if the system will not say)."""
    try:
        data = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return None
    _pid, uid, _gid = struct.unpack("3i", data)
    return uid


async def find(place: Place | None, connect: Callable[[], Awaitable[Channel]] | None, can_host: bool,
               seconds: float) -> Lease | Channel | None:
    """Become the host (a Lease), or reach it (a Channel, on `place`'s socket or through `connect`);
    None for a face that cannot host when nobody does; NoHost when the host does not answer."""
    deadline = time.monotonic() + seconds
    while True:
        if place is not None:
            lease = try_host(place)
            if lease is not None:
                if can_host:
                    return lease
                lease.release()
                return None
        try:
            if connect is not None:
                return await connect()
            assert place is not None
            return await open_unix(str(place.socket), TO_PARTICIPANT, MAX_TO_PARTICIPANT)
        except (OSError, asyncio.TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise NoHost("another parcours holds this map's live session but does not answer")
        await asyncio.sleep(0.05)
