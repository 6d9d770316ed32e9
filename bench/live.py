"""The live session, measured: an edit's latency to every other participant, watchers' memory, idle CPU.

    python bench/live.py            # prints the figures, writes bench/live_results.md
    python bench/live.py --quick    # fewer rounds

- **Latency**: a headless host (`Link.open`, its own process) and N participants in worker
  processes (the participant's own code, `Guest` and its `Replica`, without a screen). Round after
  round one participant edits a cell; each other participant notes when the change is applied in
  its copy. The clock is CLOCK_MONOTONIC, the same in every process. The host journals (fsync)
  before it broadcasts, as always.
- **Watchers**: `parcours serve`'s resident memory with one watch page open (server-sent events),
  then with 100, each after an edit has been pushed to all of them.
- **Idle CPU**: the host's CPU time over ten seconds with 8 participants connected and nobody typing
  (the headless host, then the editor itself hosting in a terminal).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

MAP = ROOT / "maps" / "concert.toml"
PER_WORKER = 8
GAP = 0.03  # seconds between rounds, so that rounds do not pile up

HOST = """
import sys, time
from pathlib import Path
from tui.core.document import MapDocument
from tui.core.live.link import Link
path = Path(sys.argv[1])
link = Link.open(path, MapDocument.load(path), name="host")
print(link.role, flush=True)
sys.stdin.read()
"""


# -- a worker: some participants in one process ---------------------------------------------------

async def _worker(socket: str, first: int, count: int, total: int, rounds: int) -> None:
    from tui.core.edits import SetTouchpointField
    from tui.core.live import protocol as wire
    from tui.core.live.channel import open_unix
    from tui.core.live.guest import Guest
    from tui.core.session import Changed

    guests: dict[int, Guest] = {}
    loop = asyncio.get_running_loop()
    go = asyncio.Event()

    def author_of(number: int) -> int:
        return number % total

    def send(client: int, number: int) -> None:
        guest = guests[client]
        print(json.dumps({"sent": number, "t": time.monotonic()}), flush=True)
        guest.request(wire.Apply(guest.next_seq(), guest.seen, SetTouchpointField("t1", "who", f"r{number}")))

    def heard(client: int, event: object) -> None:
        if not isinstance(event, Changed):
            return
        now = time.monotonic()
        number = int(str(event.edit.value)[1:])
        if author_of(number) != client:
            print(json.dumps({"got": number, "client": client, "t": now}), flush=True)
        following = number + 1
        if following <= rounds and author_of(following) == client:
            loop.call_later(GAP, send, client, following)

    tasks = []
    for client in range(first, first + count):
        hello = wire.Hello(f"bench{client:04d}", f"p{client}", False, False, wire.PROTOCOL)
        guest = Guest(hello, lambda event, client=client: heard(client, event))
        guests[client] = guest
        channel = await open_unix(socket, wire.TO_PARTICIPANT, wire.MAX_TO_PARTICIPANT)
        tasks.append(loop.create_task(guest.attach(channel)))
    while not all(g.replica is not None for g in guests.values()):
        await asyncio.sleep(0.01)
    print(json.dumps({"ready": True}), flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)  # "go"
    if 0 in guests:
        send(0, 1)
    await loop.run_in_executor(None, sys.stdin.readline)  # "stop"
    for task in tasks:
        task.cancel()


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "HOME"):
        (folder / name.lower()).mkdir(mode=0o700, exist_ok=True)
        env[name] = str(folder / name.lower())
    env["PYTHONPATH"] = str(ROOT)
    return env


def latency(total: int, rounds: int) -> tuple[float, float, int]:
    """p50 and p95 (ms) of an edit's latency to each other participant, and the number of samples."""
    from tui.core.live.rendezvous import Place

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = _env(folder)
        path = folder / "concert.toml"
        shutil.copyfile(MAP, path)
        host = subprocess.Popen([sys.executable, "-c", HOST, str(path)], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        assert host.stdout is not None and host.stdout.readline().strip() == "host"
        os.environ["XDG_RUNTIME_DIR"] = env["XDG_RUNTIME_DIR"]
        socket = str(Place.of(path).socket)
        workers = []
        for first in range(0, total, PER_WORKER):
            count = min(PER_WORKER, total - first)
            workers.append(subprocess.Popen(
                [sys.executable, __file__, "--worker", socket, str(first), str(count), str(total), str(rounds)],
                env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for worker in workers:
            assert json.loads(worker.stdout.readline()) == {"ready": True}
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        sent: dict[int, float] = {}
        got: list[tuple[int, float]] = []
        expected = rounds * (total - 1)
        import queue
        import threading

        lines: queue.Queue[str] = queue.Queue()
        for worker in workers:  # a thread per worker's output: no line waits in a buffer
            threading.Thread(target=lambda out=worker.stdout: [lines.put(line) for line in out], daemon=True).start()
        deadline = time.monotonic() + 60 + rounds
        while len(got) < expected and time.monotonic() < deadline:
            try:
                record = json.loads(lines.get(timeout=1))
            except queue.Empty:
                continue
            if "sent" in record:
                sent[record["sent"]] = record["t"]
            elif "got" in record:
                got.append((record["got"], record["t"]))
        for worker in workers:
            worker.stdin.write("stop\n")
            worker.stdin.flush()
            worker.wait(timeout=30)
        host.stdin.close()
        host.wait(timeout=30)
    samples = sorted((t - sent[number]) * 1000 for number, t in got if number in sent)
    if len(samples) < expected:
        print(f"  warning: {expected - len(samples)} of {expected} receptions missing", file=sys.stderr)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], len(samples)


# -- watchers' memory -----------------------------------------------------------------------------

def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def watchers(count: int = 100) -> tuple[float, float]:
    """serve's RSS (MB) with one watcher, then with `count`, after a change pushed to all."""
    import http.client
    import re
    import socket as sockets

    sys.path.insert(0, str(ROOT / "tests" / "live"))
    from tui.core.document import MapDocument
    from tui.core.edits import SetMapField
    from tui.core.live.link import Link

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = _env(folder)
        path = folder / "concert.toml"
        shutil.copyfile(MAP, path)
        with sockets.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "tui", "serve", str(path), "--port", str(port)], env=env,
                                  stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        lines = []
        for line in server.stderr:
            lines.append(line)
            if "watch:" in line:
                break
        query = re.search(r"/watch/\?(token=\S+)", "".join(lines)).group(1)
        time.sleep(1.0)
        for name in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "HOME"):
            os.environ[name] = env[name]
        editor = Link.open(path, MapDocument.load(path), name="bench")
        streams = []

        def open_stream() -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", f"/watch/events?{query}")
            response = connection.getresponse()
            response.readline()  # the first update
            streams.append((connection, response))
            return response

        def pushed(title: str) -> None:
            editor.apply(SetMapField("title", title))
            for _, response in streams:
                while title.encode() not in response.readline():
                    pass

        open_stream()
        pushed("one watcher")
        time.sleep(0.5)
        one = _rss_mb(server.pid)
        for _ in range(count - 1):
            open_stream()
        pushed("a hundred watchers")
        time.sleep(0.5)
        many = _rss_mb(server.pid)
        for connection, _ in streams:
            connection.close()
        editor.stop()
        server.terminate()
        server.wait(timeout=30)
    return one, many


# -- idle CPU ----------------------------------------------------------------------------------------

def idle_cpu(participants: int = 8, seconds: float = 10.0) -> tuple[float, float]:
    """The host's CPU seconds over `seconds` of nobody typing: headless, then the editor in a terminal."""
    import pty
    import select

    from tui.core.document import MapDocument
    from tui.core.live.link import Link

    figures = []
    for editor in (False, True):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            env = _env(folder)
            path = folder / "concert.toml"
            shutil.copyfile(MAP, path)
            leader = None
            if editor:
                leader, follower = pty.openpty()
                host = subprocess.Popen([sys.executable, "-m", "tui", str(path)], env={**env, "TERM": "xterm-256color"},
                                        stdin=follower, stdout=follower, stderr=follower, start_new_session=True)
                os.close(follower)
                time.sleep(3)
            else:
                host = subprocess.Popen([sys.executable, "-c", HOST, str(path)], env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
                host.stdout.readline()
            for name in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "HOME"):
                os.environ[name] = env[name]
            links = [Link.open(path, MapDocument.load(path), name=f"p{n}") for n in range(participants)]
            time.sleep(2)
            while leader is not None and select.select([leader], [], [], 0.1)[0]:
                os.read(leader, 65536)
            before = _cpu_seconds(host.pid)
            end = time.monotonic() + seconds
            while time.monotonic() < end:  # keep the terminal drained, as a terminal would
                if leader is not None and select.select([leader], [], [], 0.2)[0]:
                    os.read(leader, 65536)
                else:
                    time.sleep(0.2)
            figures.append(_cpu_seconds(host.pid) - before)
            for link in links:
                link.stop()
            host.kill()
            host.wait(timeout=30)
            if leader is not None:
                os.close(leader)
    return figures[0], figures[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--worker", nargs=5)
    args = parser.parse_args()
    if args.worker:
        socket, first, count, total, rounds = args.worker
        asyncio.run(_worker(socket, int(first), int(count), int(total), int(rounds)))
        return
    rounds = 40 if args.quick else 150
    rows = []
    for total in (2, 8, 32):
        p50, p95, samples = latency(total, rounds)
        rows.append((total, p50, p95, samples))
        print(f"{total} participants: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({samples} receptions)")
    one, many = watchers()
    print(f"serve with 1 watcher: {one:.1f} MB; with 100: {many:.1f} MB (+{many - one:.1f} MB)")
    headless, editor = idle_cpu()
    print(f"idle host CPU over 10 s with 8 participants: headless {headless:.2f} s, editor {editor:.2f} s")
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = [
        "# parcours live session benchmark", "",
        f"Run on {datetime.now():%Y-%m-%d %H:%M} — {machine}; `python bench/live.py` to measure again.",
        "The machine's two cores were shared with other work: figures are of one run, not a quiet lab.", "",
        "## An edit's latency to every other participant", "",
        "| terminal participants | p50 | p95 | receptions | budget (p95 < 100 ms at 8) |", "|---|---|---|---|---|",
    ]
    for total, p50, p95, samples in rows:
        budget = ("✓" if p95 < 100 else "✗") if total == 8 else ""
        text.append(f"| {total} | {p50:.1f} ms | {p95:.1f} ms | {samples} | {budget} |")
    text += [
        "", "## Watchers and idle", "",
        "| figure | value | budget |", "|---|---|---|",
        f"| `serve` resident memory, 1 watch page | {one:.1f} MB | |",
        f"| `serve` resident memory, 100 watch pages | {many:.1f} MB (+{many - one:.1f} MB) | "
        f"< +100 MB: {'✓' if many - one < 100 else '✗'} |",
        f"| headless host CPU, 10 s idle, 8 participants | {headless:.2f} s | ≈ 0 |",
        f"| editor hosting in a terminal, CPU over 10 s idle, 8 participants | {editor:.2f} s | |",
        "", "## How it is measured", "", __doc__.split("\n\n", 2)[2].strip(), "",
    ]
    (HERE / "live_results.md").write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    main()
