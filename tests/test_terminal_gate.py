"""The terminal gate, end to end: nothing a map, a catalogue or a file name holds reaches a terminal raw.

Generated hostile maps (control and bidi characters, Rich markup, line breaks
in values, stage names, ids, persona keys and file names, and a hostile
`catalog/` folder beside them) go through the command line in-process:
`show` (plain, wide, and coloured as for a terminal), `validate`, `diff`,
`catalog` and the Markdown and Mermaid exports. No output may hold a forbidden
code point, and every line said on stderr is exactly one line. A few cases run
as a person would: a real subprocess, piped, under NO_COLOR, and on a pty.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_maps import HOSTILE, MAPS, TEXT, map_file
from hostile_maps import hostile_map as make_hostile_map
from tui.cli import main
from tui.core.catalogue import load_catalogues
from tui.core.errors import MapError
from tui.core.model import JourneyMap, Stage
from tui.core.validate import validate_file
from tui.output.formats.map_toml import key, value
from tui.output.visible import FORBIDDEN

RAW = re.compile(f"[{FORBIDDEN}]")
#: The colours and styles Rich itself writes to a terminal: the only escapes allowed through.
SGR = re.compile(r"\x1b\[[0-9;]*m")
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAME_PARTS = ["\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\u2066", "\x9b", "\x7f", "\n", "\r", "\t", "\x1b]52;c;eA==\x07",
              "[beta]", "[bold]", "[b]x", "a", "é", " "]
FILE_NAMES = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=5).map(lambda parts: "".join(parts) + ".toml")
IDS = TEXT.filter(lambda text: text.strip() != "")


@st.composite
def hostile_maps(draw) -> JourneyMap:
    """A hostile map whose stage ids are hostile too (unique, not blank)."""
    jmap = draw(MAPS)
    ids = draw(st.lists(IDS, min_size=len(jmap.stages), max_size=len(jmap.stages), unique=True))
    keep = draw(st.lists(st.booleans(), min_size=len(jmap.stages), max_size=len(jmap.stages)))
    stages = tuple(Stage(new if swap else s.id, s.name, s.situation, s.touchpoints)
                   for s, new, swap in zip(jmap.stages, ids, keep))
    return JourneyMap(jmap.title, stages, locale=jmap.locale, persona=jmap.persona)


CATALOGUE_ENTRIES = st.lists(st.tuples(IDS, TEXT, TEXT), min_size=1, max_size=3, unique_by=lambda e: e[0])


def catalogue_folder(folder: Path, channels: list[tuple[str, str, str]], types: list[tuple[str, str, str]]) -> None:
    """A project's `catalog/` whose ids, labels, groups and descriptions are all hostile."""
    folder.mkdir()
    group = channels[0][0]
    lines = ["[[groups]]", f"id = {value(group)}", f"label = {value(HOSTILE)}", ""]
    for entry_id, label, description in channels:
        lines += ["[[channels]]", f"id = {value(entry_id)}", f"label = {value(label)}", f"group = {value(group)}",
                  f"description = {value(description)}", ""]
    (folder / "channels.toml").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for entry_id, label, label_en in types:
        lines += ["[[types]]", f"{key('id')} = {value(entry_id)}", f"label = {value(label)}", f"label_en = {value(label_en)}", ""]
    (folder / "types.toml").write_text("\n".join(lines), encoding="utf-8")


def run(*argv: str, colour: bool = False) -> tuple[int, str, str]:
    """`parcours ARGV` in this process: exit code, stdout, stderr (colours as a terminal gets them when `colour`)."""
    out, err = io.StringIO(), io.StringIO()
    patches = contextlib.ExitStack()
    if colour:
        patches.enter_context(mock.patch("tui.output.terminal.plain_output", lambda: False))
        patches.enter_context(mock.patch.dict(os.environ, {"FORCE_COLOR": "1", "COLORTERM": "truecolor"}))
    with patches, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse's usage errors, as in a real run
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def clean(text: str) -> bool:
    return not RAW.search(SGR.sub("", text))


def one_line_each(err: str, expected: int) -> bool:
    """Every problem said in exactly one line: as many lines as problems, none empty."""
    lines = err.splitlines()
    return len(lines) == expected and all(line.strip() for line in lines) and err.endswith("\n") == bool(lines)


def expected_issues(path: Path) -> int:
    try:
        return len(validate_file(path, load_catalogues(path)))
    except MapError:
        return 1


@SETTINGS
@given(old=hostile_maps(), new=hostile_maps(), name=FILE_NAMES, channels=CATALOGUE_ENTRIES, types=CATALOGUE_ENTRIES)
def test_no_command_prints_a_forbidden_character_and_every_error_is_one_line(old, new, name, channels, types):
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        catalogue_folder(folder / "catalog", channels, types)
        before, after = folder / f"avant {name}", folder / name
        before.write_text(map_file(old), encoding="utf-8")
        after.write_text(map_file(new), encoding="utf-8")
        target = str(after)
        runs = {
            "show": run("show", target),
            "show wide": run("show", "--width", "160", target),
            "show coloured": run("show", "--width", "100", target, colour=True),
            "diff": run("diff", str(before), target),
            "diff coloured": run("diff", str(before), target, colour=True),
            "catalog": run("catalog", "--map", target),
            "catalog channels": run("catalog", "channels", "--map", target),
            "catalog types": run("catalog", "types", "--map", target, colour=True),
            "markdown": run("export", target, "--to", "markdown"),
            "mermaid": run("export", target, "--to", "mermaid"),
        }
        code, out, err = run("validate", target)
        assert clean(err), "validate"
        assert one_line_each(err, expected_issues(after)), err
        for what, (code, out, err) in runs.items():
            assert code in (0, 1), what
            assert clean(out), what
            assert clean(err), what
            assert err == "" or one_line_each(err, 1), (what, err)  # a map that does not read: one line


@pytest.fixture
def hostile_map(tmp_path: Path) -> Path:
    return make_hostile_map(tmp_path)


def _subprocess(argv: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, env={**os.environ, **env}, timeout=60)


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["piped", "no-color"])
def test_show_validate_diff_as_a_subprocess_print_nothing_raw(hostile_map, env):
    for argv in (["show", str(hostile_map)], ["show", "--width", "200", str(hostile_map)],
                 ["validate", str(hostile_map)], ["diff", str(hostile_map), str(hostile_map.with_name("absent.toml"))]):
        done = _subprocess(argv, **env)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert not RAW.search(out) and not RAW.search(err), argv
        assert "Traceback" not in err
    shown = _subprocess(["show", str(hostile_map)], **env).stdout.decode("utf-8")
    assert "␛]0;pwned␇" in shown and "\\u202eabc" in shown and "[beta]" in shown and "[/]" in shown


def test_show_on_a_terminal_writes_only_its_own_colours(hostile_map):
    """On a pty, where Rich styles the text: the only escapes are Rich's SGR colours."""
    import pty

    leader, follower = pty.openpty()
    with os.fdopen(leader, "rb", buffering=0) as reader:
        process = subprocess.Popen([sys.executable, "-m", "tui", "show", str(hostile_map)], stdin=follower,
                                   stdout=follower, stderr=follower, env={**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = reader.read(65536)
            except OSError:  # the pty is closed once the process has gone
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")  # the pty's own line ends
    assert "\x1b[" in text  # coloured: this is the terminal path
    assert clean(text), sorted(set(RAW.findall(SGR.sub("", text))))
    assert "␛]0;pwned␇" in text


@pytest.mark.parametrize("argv", [
    ["show", "nowhere/\x1b]0;t\x07\n\u202e.toml"],
    ["validate", "nowhere/a\nb.toml", "nowhere/\x1b[2J.toml"],
    ["\x1b]0;pwned\x07"],
    ["show", "--width", "\x1b]0;t\x07", "x.toml"],
    ["export", "x.toml", "--to", "\x1b[2J\n"],
])
def test_every_error_line_is_one_line_and_shows_what_it_holds(argv):
    code, out, err = run(*argv)
    assert code in (1, 2)
    assert clean(err) and clean(out)
    lines = [line for line in err.splitlines() if not line.startswith("usage:")]
    expected = 2 if argv[0] == "validate" else 1
    assert len(lines) == expected, err
    assert any(shown in err for shown in ("␛", "␊", "\\x1b"))  # shown, whether by the gate or by argparse's repr



def test_diff_as_gits_external_diff_shows_names_and_unreadable_versions_without_obeying_them(hostile_map, tmp_path):
    """git's seven arguments: the repository's path heads every line, and a version that does not
    read is shown as a plain unified diff of its lines, hostile bytes and all."""
    broken = tmp_path / "cassé.toml"
    broken.write_text("<<<<<<< HEAD\n" + hostile_map.read_text(encoding="utf-8") + f"=======\n{HOSTILE}\n>>>>>>> b\n",
                      encoding="utf-8")
    name = "cartes/\x1b]0;git\x07\u202e.toml"
    for old, new in ((hostile_map, hostile_map), (hostile_map, broken)):
        with mock.patch.dict(os.environ, {"GIT_PAGER_IN_USE": "1"}):
            code, out, err = run("diff", name, str(old), "a" * 40, "100644", str(new), "b" * 40, "100644", colour=True)
        assert code == 0 and err == ""
        assert clean(out), sorted(set(RAW.findall(SGR.sub("", out))))
        assert "parcours diff cartes/␛]0;git␇\\u202e.toml" in SGR.sub("", out)
    assert "marques de conflit de fusion non résolues" in out and "+␛]0;pwned␇" in SGR.sub("", out)


@pytest.mark.parametrize("link", ["\x1b]0;pwned\x07[/]", "http://a\x1bb\u202e:9/?token=x"])
def test_join_says_a_hostile_link_in_one_line_without_obeying_it(link, monkeypatch):
    """`parcours join URL`: what the link holds (its host, its token) is said through the gate, or not at all."""
    monkeypatch.setattr("tui.core.live.succession.FIND_SECONDS", 0.5)  # nothing answers: no need to wait 10 s
    with mock.patch("tui.cli.join._has_terminal", lambda: True):  # past the terminal check, as a person runs it
        code, out, err = run("join", link)
    assert code in (1, 2) and out == ""
    assert clean(err) and len(err.splitlines()) == 1, err
    assert "\\x1b" in err or "␛" in err  # the link's ESC, shown (by repr, or by the gate: "nothing answers at ws://a␛b…")
