"""A map file held for editing: its text, its model, and the edits applied to it.

The model is read with tomllib, which is fast; the tomlkit tree that keeps
comments and formatting is parsed only when the first edit or save needs it
(the editor warms it in a worker after the first paint). A save with no edit
writes back the bytes that were read, so it is byte-identical by construction;
every save goes through `write_proven`, which reads the new text back before
it replaces the file.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import MapError
from tui.core.model import JourneyMap
from tui.core.storage import atomic_write, decode, read_bytes
from tui.core.validate import BOM, check, issues, parse

if TYPE_CHECKING:  # tomlkit costs a third of `show`'s start-up; only edits need it
    from tomlkit.toml_document import TOMLDocument

    from tui.core.edits import Edit


def digest(data: bytes) -> str:
    import hashlib  # here: loading OpenSSL is a tenth of what `show` and `validate` may take

    return hashlib.sha256(data).hexdigest()


class StaleMap(MapError):
    """The file changed on disk since it was loaded or saved: saving would lose someone's work."""


class UnprovenSave(MapError):
    """The text a save would write does not read back as the map being edited: the file is left alone."""


def write_proven(path: Path, data: bytes, jmap: JourneyMap) -> None:
    """The one way a map reaches its file: read `data` back (tomllib, and the checks of opening
    a map), refuse unless it is `jmap`, and only then replace the file atomically."""
    try:
        again = MapDocument.from_text(path, data.decode("utf-8"), on_disk=False).map
    except MapError as error:
        raise UnprovenSave.at(path, f"not saved (the file is unchanged): the new text would not read back: "
                                    f"{error.issue.message}") from None
    if again != jmap:
        raise UnprovenSave.at(path, "not saved (the file is unchanged): the new text does not read back "
                                    "as the map being edited")
    atomic_write(path, data)


class MapDocument:
    """One map: the text as read, the model, and (lazily) the editable TOML tree."""

    def __init__(self, path: Path, text: str, jmap: JourneyMap, *, on_disk: bool = True) -> None:
        self.path = path
        self.map = jmap
        self._bom = text.startswith(BOM)
        self._text = text.removeprefix(BOM)
        # A CRLF map stays CRLF: lines tomlkit adds get the file's line ending on save.
        self._crlf = "\r\n" in self._text
        # tomlkit appends new tables straight after a last line with no newline,
        # which breaks the file; it parses the text with one, and saves drop it again.
        self._open_end = bool(self._text) and not self._text.endswith("\n")
        self._toml: TOMLDocument | None = None
        self._edited = False
        self._lock = threading.Lock()
        self._digest_lock = threading.Lock()
        self._disk_digest: str | None = None
        #: The bytes read, until their hash is first asked for (`show` and `validate` never ask).
        self._disk_bytes: bytes | None = self.to_bytes() if on_disk else None

    @property
    def disk_digest(self) -> str | None:
        """The hash of what is on disk as far as this document knows (None: no file yet)."""
        with self._digest_lock:  # the editor's workers ask too
            if self._disk_bytes is not None:
                self._disk_digest, self._disk_bytes = digest(self._disk_bytes), None
            return self._disk_digest

    @disk_digest.setter
    def disk_digest(self, value: str | None) -> None:
        with self._digest_lock:
            self._disk_digest, self._disk_bytes = value, None

    @classmethod
    def from_text(cls, path: Path, text: str, *, on_disk: bool = True) -> MapDocument:
        """Parse and check a map's text; the first error is raised with its position."""
        data = parse(path, text)
        errors = [i for i in issues(path, text, check(data)) if not i.warning]
        if errors:
            raise MapError(errors[0])
        return cls(path, text, JourneyMap.from_data(data), on_disk=on_disk)

    @classmethod
    def load(cls, path: Path) -> MapDocument:
        return cls.from_text(path, decode(path, read_bytes(path)))

    @property
    def toml(self) -> TOMLDocument:
        """The tomlkit tree, parsed on first use; safe to warm from a worker thread."""
        with self._lock:
            if self._toml is None:
                import tomlkit

                end = ("\r\n" if self._crlf else "\n") if self._open_end else ""
                self._toml = tomlkit.parse(self._text + end)
            return self._toml

    def restore(self, text: str, jmap: JourneyMap | None = None) -> None:
        """Go back to `text` (one this document held before), dropping the edits since;
        `jmap`, the model it had then, keeps its touchpoints' keys."""
        again = MapDocument.from_text(self.path, text)
        self.map, self._toml, self._edited = jmap or again.map, None, False
        self._bom, self._text, self._crlf, self._open_end = again._bom, again._text, again._crlf, again._open_end

    def apply(self, edit: Edit) -> Edit:
        """Apply one edit to the TOML and the model; return the edit that undoes it."""
        self.map, inverse = edit.apply(self.toml, self.map)
        self._edited = True
        return inverse

    def text(self) -> str:
        if self._edited:
            body = self.toml.as_string()
            if self._open_end and body.endswith("\n"):
                body = body.removesuffix("\n").removesuffix("\r")
            if self._crlf:
                body = re.sub(r"(?<!\r)\n", "\r\n", body)
        else:
            body = self._text
        return BOM + body if self._bom else body

    def to_bytes(self) -> bytes:
        return self.text().encode("utf-8")

    def changed_on_disk(self) -> bool:
        """Whether the file differs from what was last loaded or saved (by content, not time)."""
        try:
            current = digest(read_bytes(self.path))
        except MapError:
            return self.disk_digest is not None
        return current != self.disk_digest

    def save(self, path: Path | None = None, force: bool = False) -> None:
        """Write atomically to `path` (default: the map's own file) and remember what was written.

        Refuses (StaleMap) to overwrite the map when it changed on disk since it
        was loaded or last saved, unless `force`: two editors on one map must
        never silently lose each other's saved work.
        """
        target = path or self.path
        if not force and target == self.path and self.changed_on_disk():
            raise StaleMap.at(target, "changed on disk since it was opened; not overwritten")
        data = self.to_bytes()
        write_proven(target, data, self.map)
        self.path = target
        self.disk_digest = digest(data)

    def copy_path(self) -> Path:
        """A free name beside the map for a copy of these edits: `carte.copie-20261123-101500.toml`."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        candidate = self.path.with_name(f"{self.path.stem}.copie-{stamp}{self.path.suffix}")
        number = 2
        while candidate.exists():
            candidate = self.path.with_name(f"{self.path.stem}.copie-{stamp}-{number}{self.path.suffix}")
            number += 1
        return candidate

    def save_copy(self) -> Path:
        """Save these edits beside the map, and edit that copy from now on."""
        target = self.copy_path()
        self.save(target, force=True)
        return target
