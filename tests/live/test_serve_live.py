"""`serve` in a live session: the watch page follows edits from terminals, and `parcours join` takes
part through the bridge with the edit token (and only with it)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from live_support import Face, map_file, wait_for
from serve_support import Served, Stream
from tui.core.edits import SetMapField, SetTouchpointField
from tui.core.live.link import Link
from tui.serve.bridge import JoinRefused, connector, live_url


@pytest.fixture
def served(tmp_path):
    path = map_file(tmp_path)
    server = Served(path)
    yield path, server
    server.stop()


def test_serve_hosts_and_prints_a_join_line(served):
    path, server = served
    assert "hosting the live session" in server.lines[0]
    [join] = [line for line in server.lines if "parcours join" in line]
    assert server.edit in join


def test_the_watch_page_is_the_live_map_and_is_pushed_again_after_an_edit(served):
    path, server = served
    with urllib.request.urlopen(server.watch, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "<h1>Achat de billets de concert</h1>" in page and "EventSource" in page
    stream = Stream(server.watch)
    try:
        first = stream.next()
        assert "Achat de billets de concert" in first["body"]
        face = Face(path, "terminal")
        try:
            assert face.link.role == "participant"
            face.link.apply(SetMapField("title", "Réunion <du> lundi"))
            update = stream.until(lambda u: "body" in u and "Réunion" in u["body"])
            assert "Réunion &lt;du&gt; lundi" in update["body"] and update["title"] == "Réunion &lt;du&gt; lundi"
            # The presenter (whoever moved last) leads the page to their stage.
            face.link.cursor("selection", None, "stage", 0)
            assert stream.until(lambda u: u.get("stage") == 2)["stage"] == 2
        finally:
            face.link.stop()
    finally:
        stream.close()
    assert b"R\xc3\xa9union" not in path.read_bytes()  # shown live, not saved


def test_a_watcher_never_needs_the_edit_token_and_a_stranger_gets_nothing(served):
    path, server = served
    base = f"http://127.0.0.1:{server.port}"
    for url in (f"{base}/watch/", f"{base}/watch/events"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 403
    watch_token = server.watch.split("token=")[1]
    with pytest.raises(JoinRefused):
        Link.join(connector(live_url(f"{base}/?token={watch_token}")))


def test_a_terminal_joins_through_serve_and_edits_with_the_others(served):
    path, server = served
    local = Face(path, "local")
    remote = Link.join(connector(live_url(server.edit)), name="distant")
    try:
        assert remote.role == "participant" and local.link.role == "participant"
        remote.apply(SetTouchpointField("t1", "who", "Depuis ailleurs"))
        wait_for(lambda: local.link.map.touchpoint(0, 0).who == "Depuis ailleurs")
        local.link.apply(SetMapField("title", "Vu de loin"))
        wait_for(lambda: remote.map.title == "Vu de loin")
        assert sorted(p.name for p in remote.presence.participants) == ["distant", "local"]
        remote.save()
        wait_for(lambda: not local.link.dirty and not remote.dirty)
        assert "Vu de loin" in path.read_text(encoding="utf-8")
    finally:
        remote.stop()
        local.link.stop()


def test_a_joined_terminal_reconnects_when_the_host_changes(tmp_path):
    path = map_file(tmp_path)
    host = Face(path, "hôte")  # a terminal hosts; serve joins it as an observer
    server = Served(path)
    remote = None
    try:
        assert "joined the live session" in server.lines[0]
        remote = Link.join(connector(live_url(server.edit)), name="distant")
        remote.apply(SetMapField("title", "Avant"))
        wait_for(lambda: host.link.map.title == "Avant")
        host.link.leave()  # serve takes over (or a reconnecting joiner finds it): the joiner carries on
        wait_for(lambda: remote.connected and remote.map.title == "Avant", seconds=20)
        time.sleep(0.2)
        remote.apply(SetMapField("title", "Après"))
        wait_for(lambda: remote.map.title == "Après", seconds=20, what="the joiner's edit after the takeover")
    finally:
        if remote is not None:
            remote.stop()
        server.stop()
