"""Hostile arguments and hostile surroundings, through a subprocess: one line, never a traceback.

A full disk or a closed pipe on stdout, a 300-character name, a link loop, a
missing folder, a refused permission, an output that would overwrite without
consent, a typo for a command, the editor without a terminal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests_support import EXAMPLE

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

LONG = "a" * 300 + ".toml"
#: Another program on this machine may have replaced /dev/full by a file: then these tests cannot run.
FULL_DEVICE = Path("/dev/full").is_char_device()
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def parcours(*args: str, cwd: Path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], cwd=cwd, stdin=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


def one_line(done: subprocess.CompletedProcess, code: int = 1) -> str:
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert done.returncode == code, done.stderr
    return lines[0]


@pytest.fixture
def here(tmp_path: Path) -> Path:
    shutil.copyfile(EXAMPLE, tmp_path / "carte.toml")
    (tmp_path / "carte.csv").write_bytes(
        subprocess.run([sys.executable, "-m", "tui", "export", str(EXAMPLE), "--to", "csv"],
                       capture_output=True, check=True, timeout=60).stdout)
    return tmp_path


# standard output


@pytest.mark.skipif(not FULL_DEVICE, reason="no /dev/full device here")
@pytest.mark.parametrize("command", [["show", "carte.toml"], ["export", "carte.toml", "--to", "markdown"],
                                     ["catalog", "supports"], ["diff", "carte.toml", "carte.toml"]])
def test_a_full_disk_on_stdout_is_one_line(here, command):
    with open("/dev/full", "w") as full:
        done = parcours(*command, cwd=here, stdout=full)
    if command[0] == "diff":  # nothing changed, nothing written: nothing to fail
        assert done.returncode == 0 and done.stderr == ""
        return
    assert one_line(done) == "parcours: cannot write to standard output: No space left on device"


@pytest.mark.parametrize("command", [["show", "carte.toml", "--width", "200"], ["export", "carte.toml", "--to", "html"],
                                     ["catalog", "supports"]])
@pytest.mark.parametrize("read", [0, 1])
def test_a_reader_that_stops_early_ends_the_command_quietly(here, command, read):
    """`parcours show MAP | head -1`: no traceback and no « Exception ignored » at exit.

    The reader closes its end before the command has written (read=0), so the
    write surely fails, or after the first line as head does (read=1).
    """
    process = subprocess.Popen([sys.executable, "-m", "tui", *command], cwd=here, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout is not None and process.stderr is not None
    if read:
        process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert errors == ""


def test_a_closed_stdout_is_not_a_traceback(here):
    done = subprocess.run([sys.executable, "-m", "tui", "show", "carte.toml"], cwd=here, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=60, close_fds=True,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 0 and done.stderr == ""


# names the system refuses


@pytest.mark.parametrize("command", [["show", LONG], ["validate", LONG], ["new", LONG],
                                     ["export", "carte.toml", "--to", "json", "-o", LONG],
                                     ["import", "carte.csv", "-o", LONG], [LONG],
                                     ["diff", LONG, "carte.toml"], ["catalog", "--map", LONG]])
def test_a_name_too_long_is_one_line_naming_it(here, command):
    line = one_line(parcours(*command, cwd=here))
    assert line.startswith(LONG + ":") and "too long" in line, line
    assert sorted(p.name for p in here.iterdir()) == ["carte.csv", "carte.toml"]


@pytest.mark.parametrize("command", [["new", "loop"], ["import", "carte.csv", "-o", "loop"], ["catalog", "--map", "loop"],
                                     ["show", "loop"], ["validate", "loop"], ["loop"],
                                     ["export", "carte.toml", "--to", "csv", "-o", "loop"], ["diff", "loop", "carte.toml"]])
def test_a_link_loop_is_one_line_naming_it(here, command):
    (here / "loop").symlink_to("loop")
    line = one_line(parcours(*command, cwd=here))
    assert line.startswith("loop:") and "symbolic links" in line, line


@pytest.mark.parametrize("command", [["new", "absent/carte.toml"], ["import", "carte.csv", "-o", "absent/carte.toml"],
                                     ["export", "carte.toml", "--to", "csv", "-o", "absent/carte.csv"],
                                     ["absent/carte.toml"], ["show", "absent/carte.toml"],
                                     ["validate", "absent/carte.toml"]])
def test_a_missing_folder_is_one_line_naming_the_file(here, command):
    line = one_line(parcours(*command, cwd=here))
    assert line.startswith("absent/carte."), line
    assert "does not exist" in line or "no such file" in line, line


@pytest.mark.skipif(ROOT_USER, reason="root reads and writes anywhere")
@pytest.mark.parametrize("command", [["show", "locked/carte.toml"], ["validate", "locked/carte.toml"],
                                     ["new", "locked/new.toml"], ["export", "carte.toml", "--to", "csv", "-o", "locked/x.csv"],
                                     ["import", "carte.csv", "-o", "locked/new.toml"], ["locked/carte.toml"]])
def test_a_folder_that_refuses_access_is_one_line_naming_the_file(here, command):
    locked = here / "locked"
    locked.mkdir()
    shutil.copyfile(EXAMPLE, locked / "carte.toml")
    locked.chmod(0)
    try:
        line = one_line(parcours(*command, cwd=here))
    finally:
        locked.chmod(0o700)
    assert line.startswith("locked/") and "Permission denied" in line, line


# output files: consent, never the source, devices stay devices


@pytest.mark.parametrize("command", [["export", "carte.toml", "--to", "markdown", "-o", "out.toml"],
                                     ["import", "carte.csv", "-o", "out.toml"]])
def test_an_existing_output_needs_force(here, command):
    (here / "out.toml").write_bytes(b"precious\n")
    assert one_line(parcours(*command, cwd=here)) == "out.toml: already exists; use --force to overwrite it"
    assert (here / "out.toml").read_bytes() == b"precious\n"
    assert parcours(*command, "--force", cwd=here).returncode == 0
    assert (here / "out.toml").read_bytes() != b"precious\n"


@pytest.mark.parametrize("link", ["same", "symlink", "hard-link"])
@pytest.mark.parametrize("command", ["export", "import"])
def test_the_file_being_read_is_never_the_output(here, command, link):
    source = "carte.toml" if command == "export" else "carte.csv"
    target = source
    if link == "symlink":
        target = "lien"
        (here / target).symlink_to(source)
    elif link == "hard-link":
        target = "dur"
        os.link(here / source, here / target)
    before = (here / source).read_bytes()
    args = ["export", source, "--to", "csv", "-o", target] if command == "export" else ["import", source, "-o", target]
    line = one_line(parcours(*args, "--force", cwd=here))
    assert line.startswith(f"{target}: is the file being read"), line
    assert (here / source).read_bytes() == before


@pytest.mark.skipif(not FULL_DEVICE, reason="no /dev/full device here")
@pytest.mark.parametrize("command", [["export", "carte.toml", "--to", "json", "-o", "/dev/full"],
                                     ["import", "carte.csv", "-o", "/dev/full"]])
def test_a_device_is_written_into_and_stays_a_device(here, command):
    assert one_line(parcours(*command, cwd=here)) == "/dev/full: cannot write: No space left on device"
    assert Path("/dev/full").is_char_device()
    assert parcours(*command[:-1], "/dev/null", cwd=here).returncode == 0
    assert Path("/dev/null").is_char_device()


def test_export_writes_into_a_fifo(here):
    fifo = here / "pipe"
    os.mkfifo(fifo)
    process = subprocess.Popen([sys.executable, "-m", "tui", "export", "carte.toml", "--to", "mermaid", "-o", "pipe"],
                               cwd=here, stderr=subprocess.PIPE)
    with open(fifo, "rb") as reader:
        received = reader.read()
    assert process.wait(timeout=60) == 0
    assert b"\njourney\n" in received  # after the front matter that sets its layout
    assert fifo.is_fifo()


# arguments


@pytest.mark.parametrize("width", ["99999999999999999999", "100000000", "-5", "abc", "19", "1001"])
def test_show_width_is_bounded(here, width):
    done = parcours("show", "carte.toml", "--width", width, cwd=here)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("parcours show: argument --width: "), done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("width", ["20", "1000"])
def test_show_width_at_the_bounds(here, width):
    done = parcours("show", "carte.toml", "--width", width, cwd=here)
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= int(width)


@pytest.mark.parametrize(("word", "line"), [
    ("shwo", "parcours: unknown command 'shwo' (did you mean 'show'?)"),
    ("valdiate", "parcours: unknown command 'valdiate' (did you mean 'validate'?)"),
    ("exprot", "parcours: unknown command 'exprot' (did you mean 'export'?)"),
])
def test_a_mistyped_command_is_wrong_usage_with_the_nearest(here, word, line):
    assert one_line(parcours(word, "carte.toml", cwd=here), code=2) == line


def test_an_unknown_word_lists_the_commands(here):
    line = one_line(parcours("zzz", cwd=here), code=2)
    assert line.startswith("parcours: unknown command 'zzz' (commands: new, show, validate")


def test_an_unknown_word_after_options_is_caught_too(here):
    assert one_line(parcours("--read-only", "shwo", cwd=here), code=2).startswith("parcours: unknown command 'shwo'")


@pytest.mark.parametrize("args", [["maps/new-map.toml"], ["carte.toml"], ["README"]])
def test_a_map_name_or_an_existing_file_goes_to_the_editor(here, args):
    """Not a typo: the editor takes it (and, with no terminal here, says it needs one)."""
    (here / "maps").mkdir()
    (here / "README").write_text("not a map\n")
    done = parcours(*args, cwd=here)
    assert "unknown command" not in done.stderr
    if args == ["README"]:
        assert done.returncode == 1 and done.stderr.startswith("README:")
    else:
        assert one_line(done, code=2).startswith("parcours: the editor needs a terminal")


@pytest.mark.parametrize("args", [["carte.toml"], ["nouvelle.toml"], []])
def test_the_editor_without_a_terminal_points_to_show(here, args):
    line = one_line(parcours(*args, cwd=here), code=2)
    name = args[0] if args else "MAP"
    assert line == f"parcours: the editor needs a terminal on stdin and stdout; to print the map, use: parcours show {name}"
    assert sorted(p.name for p in here.iterdir()) == ["carte.csv", "carte.toml"]


def test_a_bad_map_is_still_its_own_error_without_a_terminal(here):
    (here / "bad.toml").write_text('schema = 1\ntitle = "x\n', encoding="utf-8")
    assert one_line(parcours("bad.toml", cwd=here)).startswith("bad.toml:2:")


def test_a_conflicted_map_is_named_as_such_by_every_reader(here):
    text = (here / "carte.toml").read_text(encoding="utf-8").replace(
        'title = "', '<<<<<<< HEAD\ntitle = "Ours"\n=======\ntitle = "', 1).replace("\n[persona]", ">>>>>>> b\n\n[persona]", 1)
    (here / "conflict.toml").write_text(text, encoding="utf-8")
    line_number = text.splitlines().index("<<<<<<< HEAD") + 1
    expected = f"conflict.toml:{line_number}:1: unresolved merge conflict markers at line {line_number}"
    for command in (["validate", "conflict.toml"], ["show", "conflict.toml"], ["conflict.toml"]):
        assert one_line(parcours(*command, cwd=here)) == expected


@pytest.mark.parametrize("args", [["serve", "carte.toml", "--port", "99999999999999999999"],
                                  ["serve", "carte.toml", "--port", "abc"],
                                  ["export", "carte.toml", "--to", "csv", "-o", ""],
                                  ["diff", "carte.toml"], ["catalog", "nothing"],
                                  ["new", "/"], ["import", "/", "-o", "x.toml"], ["show", ""]])
def test_other_hostile_arguments_are_short(here, args):
    done = parcours(*args, cwd=here)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2  # argparse: the message and a usage line


@pytest.mark.parametrize("command", [["show", "carte.toml"], ["catalog", "stages"], ["catalog", "channels"]])
@pytest.mark.parametrize("columns", ["100000000", "3"])
def test_the_terminal_width_is_bounded_like_width(here, command, columns):
    """COLUMNS=100000000 took `catalog stages` a minute and 3 GB; every line now fits 20..1000 columns."""
    done = subprocess.run([sys.executable, "-m", "tui", *command], cwd=here, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "COLUMNS": columns, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 1000


@pytest.mark.parametrize("host", ["a\u202eb", "..", "x" * 300])
def test_serve_on_a_host_no_resolver_can_read_is_one_error_line(here, host):
    """A host name the IDNA codec refuses (a bidi override, an empty or overlong label) was a
    UnicodeError traceback, not the OSError of a name that does not resolve."""
    done = parcours("serve", "carte.toml", "--host", host, "--port", "8765", cwd=here)
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
    *warning, error = done.stderr.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("parcours: warning: listening on")  # not loopback
    assert error.startswith("carte.toml: cannot serve on ") and "idna" in error
    assert "\u202e" not in done.stderr
