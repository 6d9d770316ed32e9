"""Reading and writing map files without ever damaging them.

Reads refuse what is not a regular UTF-8 text file of sane size, with a
position where there is one. Writes go to a temporary file in the map's own
folder, are flushed to disk, then renamed over the map, so a crash or a full
disk leaves either the old map or the new one, never half of each.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path

from tui.core.errors import MapError
from tui.core.words import N_, _

#: Larger files are refused: a map of thousands of touchpoints is about 1 MB.
MAX_BYTES = 8 * 1024 * 1024
#: A map nests five levels; tomllib overflows Python's stack on thousands and
#: tomlkit (which edits the map) refuses more than 100, so stop well before.
MAX_DEPTH = 40

#: Patterns for tomllib's messages, compiled (and cached by `re`) on the first error only.
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)\s*$"
_TOML_AT_END = r"\s*\(at end of document\)\s*$"
#: tomllib's terser messages, said in terms of what to fix.
_TOML_MESSAGES = {
    "Illegal character '\\n'": N_("chaîne non fermée avant la fin de la ligne"),
    "Cannot overwrite a value": N_("clé qui reçoit deux fois une valeur"),
    "Invalid value": N_("valeur manquante ou invalide"),
}


_TOML_KEY = r"\(((?:'[^']*',?\s*)+)\)"


def _toml_message(message: str) -> str:
    message = _(_TOML_MESSAGES[message]) if message in _TOML_MESSAGES else message
    # tomllib names keys as Python tuples: ('stages', 'touchpoints') reads as [stages.touchpoints].
    message = re.sub(_TOML_KEY, lambda m: "[" + ".".join(re.findall(r"'([^']*)'", m.group(1))) + "]", message)
    return _("TOML invalide : {message}").format(message=f"{message[:1].lower()}{message[1:]}")


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a MapError saying plainly why they cannot be read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise MapError.at(path, _("fichier introuvable")) from None
    except OSError as error:
        raise MapError.at(path, _(CANNOT_READ).format(why=error.strerror or error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise MapError.at(path, _("est un dossier, pas un fichier de carte"))
    if not stat.S_ISREG(info.st_mode):
        raise MapError.at(path, _("n'est pas un fichier ordinaire"))
    if info.st_size > MAX_BYTES:
        size = f"{info.st_size / 1024 / 1024:.1f}"
        raise MapError.at(path, _("est trop gros ({size} Mo ; la limite est {limit} Mo)").format(
            size=size, limit=MAX_BYTES // 1024 // 1024))
    try:
        return path.read_bytes()
    except OSError as error:
        raise MapError.at(path, _(CANNOT_READ).format(why=error.strerror or error)) from None


def signature(path: Path) -> tuple[int, ...] | None:
    """What a stat says about a file (size, times, inode): when it is unchanged, so is the file
    for a watcher, which then need not read and hash it. None when it cannot be stat'ed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text, refusing binary content and naming the first bad byte's place."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = line_column(data[:nul].decode("utf-8", "replace"), nul)
        raise MapError.at(path, _("contenu binaire (un octet NUL), pas un fichier texte TOML"), line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = line_column(before, len(before))
        raise MapError.at(path, _("texte UTF-8 invalide"), line, column) from None


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def load_toml(path: Path, text: str) -> dict:
    """The data of a TOML text, or a MapError with a position (also for absurd nesting)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise conflict_error(path, text) or toml_error(path, error, text) from None
    except RecursionError:
        raise _too_deep(path, text) from None
    if deeper_than(data, MAX_DEPTH):
        raise _too_deep(path, text)
    return data


def deeper_than(data: dict, limit: int) -> bool:
    """Whether `data` nests more than `limit` levels (the whole map's data, or one piece's at its depth)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))  # type: ignore[union-attr]
    return False


def _too_deep(path: Path, text: str) -> MapError:
    """Point at the line that nests most: brackets, braces and dotted keys."""
    best, best_line = -1, 1
    for number, line in enumerate(text.splitlines(), 1):
        score = line.count("[") + line.count("{") + line.partition("=")[0].count(".")
        if score > best:
            best, best_line = score, number
    return MapError.at(path, _("valeurs imbriquées sur plus de {depth} niveaux").format(depth=MAX_DEPTH), best_line, 1)


#: git's conflict markers: ours, the merge base (diff3 style), the divider, theirs.
_CONFLICT_MARKER = r"^(?:<{7}|\|{7}|>{7})(?: |\r?$)|^={7}\r?$"


def conflict_error(path: Path, text: str) -> MapError | None:
    """A half-merged map, said as such rather than as the TOML error the markers cause.

    Only asked once the text failed to parse: inside a multi-line string the
    same characters are a value like any other.
    """
    match = re.search(_CONFLICT_MARKER, text, re.MULTILINE)
    if match is None:
        return None
    line, _column = line_column(text, match.start())
    return MapError.at(path, _("marques de conflit de fusion non résolues à la ligne {line}").format(line=line), line, 1)


def toml_error(path: Path, error: tomllib.TOMLDecodeError, text: str = "") -> MapError:
    """A TOML syntax error as `FILE:LINE:COL: message`."""
    message = str(error)
    match = re.search(_TOML_POSITION, message)
    if match:
        return MapError.at(
            path, _toml_message(message[: match.start()]), int(match.group(1)), int(match.group(2))
        )
    if re.search(_TOML_AT_END, message):
        line, column = line_column(text, len(text)) if text else (1, 1)
        return MapError.at(path, _toml_message(re.sub(_TOML_AT_END, "", message)), line, column)
    return MapError.at(path, _toml_message(message), 1, 1)


def atomic_write(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Replace `path` with `data` in one step, keeping its permissions and links.

    A symbolic link is followed and its target written, so the link survives.
    Without `replace`, a file that appeared at `path` meanwhile is not
    overwritten: the new file is linked into place, which fails if one is there.
    """
    try:
        target = Path(os.path.realpath(path))
    except OSError:  # a relative path whose folder was deleted while the program ran
        raise MapError.at(path, _(CANNOT_SAVE).format(
            why=_("le dossier courant n'existe plus (supprimé ou déplacé ?)"))) from None
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise MapError.at(path, _(CANNOT_SAVE).format(why=error.strerror or error)) from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MapError.at(path, _("enregistrement impossible dans {folder} : {why}").format(
            folder=folder, why=error.strerror or error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, target)
        else:
            _put_new(temporary, target, path)
    except (OSError, MapError) as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, MapError):
            raise
        raise MapError.at(path, _(CANNOT_SAVE).format(why=error.strerror or error)) from None
    _sync_folder(folder)


def _put_new(temporary: str, target: Path, path: Path) -> None:
    """Give the written file its name only if that name is still free."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise MapError.at(path, _(EXISTS)) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(target):  # a file system without hard links: look, then rename
            raise MapError.at(path, _(EXISTS)) from None
        os.replace(temporary, target)
    else:
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- a command's output ------------------------------------------------------------------

#: The one way every command says that a file is in the way.
EXISTS = N_("existe déjà ; --force pour le remplacer")
#: What could not be done to a file, by what was being done: each followed by why.
CANNOT_READ = N_("lecture impossible : {why}")
CANNOT_WRITE = N_("écriture impossible : {why}")
CANNOT_SAVE = N_("enregistrement impossible : {why}")
CANNOT = {"read": CANNOT_READ, "write": CANNOT_WRITE, "open": N_("ouverture impossible : {why}"), "save": CANNOT_SAVE}


def status(path: Path, doing: str = "read") -> os.stat_result | None:
    """The file's status (links followed); None when nothing is there.

    Anything else that stops a look at the name (a link loop, a name too long,
    a folder that may not be searched) is said once, naming the file.
    """
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        why = _("une partie du chemin est un fichier, pas un dossier")
        raise MapError.at(path, _(CANNOT[doing]).format(why=why)) from None
    except OSError as error:
        raise MapError.at(path, _(CANNOT[doing]).format(why=error.strerror or error)) from None
    except ValueError:  # a NUL in the name, from a file or a prompt rather than a command line
        raise MapError.at(path, _(CANNOT[doing]).format(why=_("le nom contient un caractère NUL"))) from None


def same_file(path: Path, source: Path) -> bool:
    """Whether two names reach one file: through links, hard links or `..` alike."""
    try:
        return os.path.samefile(path, source)
    except (OSError, ValueError):
        return False


def check_output(path: Path, *, force: bool = False, source: Path | None = None) -> os.stat_result | None:
    """Refuse, before any work, an output that would overwrite without consent.

    An existing regular file needs `force`; `source`, the file the command
    reads, is never written, even with `force`; a folder is never a file. A
    FIFO, a terminal or a device is fine: writing there replaces nothing.
    Returns the status of what is there (None: a new file).
    """
    info = status(path, "write")
    if info is None:
        folder = path.parent
        there = status(folder, "write")
        if there is None:
            raise MapError.at(path, _("le dossier {folder} n'existe pas").format(folder=folder))
        if not stat.S_ISDIR(there.st_mode):
            raise MapError.at(path, _(CANNOT_WRITE).format(why=_("{folder} n'est pas un dossier").format(folder=folder)))
        return None
    if source is not None and same_file(path, source):
        raise MapError.at(path, _("est le fichier lu ({source}) : jamais remplacé, même avec --force").format(
            source=source))
    if stat.S_ISDIR(info.st_mode):
        raise MapError.at(path, _("est un dossier, pas un fichier"))
    if stat.S_ISSOCK(info.st_mode):
        raise MapError.at(path, _("est un socket, pas un fichier"))
    if stat.S_ISREG(info.st_mode) and not force:
        raise MapError.at(path, _(EXISTS))
    return info


def check_save_as(path: Path) -> os.stat_result | None:
    """What the editor's save-as onto `path` would replace (None: a new file), by `check_output`'s
    rules, and only ever a regular file: a map saved into a FIFO or a device would be gone, and
    the editor would go on editing `/dev/null`. The editor asks before replacing a file."""
    info = check_output(path, force=True)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise MapError.at(path, "is not a regular file; a map is saved only into a file")
    return info


def write_output(path: Path, data: bytes, *, force: bool = False, source: Path | None = None) -> None:
    """Write a command's output to `path` by the rules of `check_output`.

    A regular file is written atomically (a new one is never put over a file
    that appeared meanwhile, unless `force`); a FIFO, a terminal or a device is
    opened and written, so it stays what it is (`/dev/full` is not replaced).
    """
    info = check_output(path, force=force, source=source)
    if info is None or stat.S_ISREG(info.st_mode):
        atomic_write(path, data, replace=info is not None)
    else:
        _write_into(path, data)


def _write_into(path: Path, data: bytes) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise MapError.at(path, _(CANNOT_WRITE).format(why=error.strerror or error)) from None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped for a file since it was looked at
            raise MapError.at(path, _(EXISTS))
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    except OSError as error:
        raise MapError.at(path, _(CANNOT_WRITE).format(why=error.strerror or error)) from None
    finally:
        os.close(descriptor)
