"""Where `parcours serve` listens, and which names a browser may use to reach it.

A web page can make the user's browser talk to a loopback port through a name
it controls (DNS rebinding: `evil.example` first resolving to the attacker,
then to 127.0.0.1). The browser then sends `Host: evil.example:PORT`, so a
request is only answered when its Host is the bound address, `localhost`, or
an IP address (an address literal cannot be rebound) that the server could
really be reached on: a loopback one, or any when bound to every interface.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

#: `name[:port]` or `[v6]:port`; anything else in a Host header (user info, spaces, paths) is refused.
_HOST_HEADER = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?")
#: The default port of http, which browsers leave out of Host and Origin.
_HTTP_PORT = 80


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def split_host(header: str) -> tuple[str, int] | None:
    """A Host header (or an origin without its scheme) as (lower-case name, port), or None."""
    match = _HOST_HEADER.fullmatch(header)
    if match is None:
        return None
    name, port = match.group(1).lower(), match.group(2)
    if name.startswith("[") and _ip(name) is None:
        return None
    return name, int(port) if port else _HTTP_PORT


@dataclass(frozen=True)
class Address:
    """The `--host` and `--port` the server binds."""

    host: str
    port: int

    @property
    def wildcard(self) -> bool:
        """Bound to every interface (0.0.0.0, ::): reachable from the network."""
        ip = _ip(self.host)
        return ip is not None and ip.is_unspecified

    @property
    def loopback(self) -> bool:
        ip = _ip(self.host)
        return self.host.lower() == "localhost" or (ip is not None and ip.is_loopback)

    @property
    def link_host(self) -> str:
        """The name links are printed with: the bound address, or this machine's name for a wildcard."""
        if self.wildcard:
            return socket.gethostname().lower()
        ip = _ip(self.host)
        return f"[{ip}]" if ip is not None and ip.version == 6 else self.host.lower()

    @property
    def base_url(self) -> str:
        port = "" if self.port == _HTTP_PORT else f":{self.port}"
        return f"http://{self.link_host}{port}"

    def accepts(self, host_header: str) -> bool:
        """Whether a request with this Host header is for us (see the module's docstring)."""
        parts = split_host(host_header)
        if parts is None or parts[1] != self.port:
            return False
        name = parts[0]
        if name in ("localhost", self.link_host):
            return True
        ip = _ip(name)
        if ip is None:
            return False
        return self.wildcard or ip.is_loopback or ip == _ip(self.host)
