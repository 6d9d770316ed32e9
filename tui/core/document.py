"""A map file held for editing: its text, its model, and the edits applied to it.

The text is held as pieces (`tui.core.pieces`): the head, each stage, each
touchpoint, cut at their table headers and read with tomllib, which is fast;
an edit parses with tomlkit only the piece it changes (a map of an unusual
shape is one piece, edited whole as before). A save with no edit writes back
the bytes that were read, so it is byte-identical by construction; every save
goes through `write_proven` (`tui.core.proof`), which reads back what changed
before it replaces the file.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import MapError
from tui.core.model import JourneyMap
from tui.core.pieces import Pieces, Snapshot, load
from tui.core.proof import UnprovenSave, write_proven
from tui.core.storage import decode, read_bytes

if TYPE_CHECKING:  # the edits load with the first edit: `show` and `validate` never need them
    from tui.core.edits import Edit
    from tui.core.edits.layout import Layout

__all__ = ["MapDocument", "StaleMap", "UnprovenSave", "digest", "write_proven"]


def digest(data: bytes) -> str:
    import hashlib  # here: loading OpenSSL is a tenth of what `show` and `validate` may take

    return hashlib.sha256(data).hexdigest()


class StaleMap(MapError):
    """The file changed on disk since it was loaded or saved: saving would lose someone's work."""


class MapDocument:
    """One map: the model, and the text as pieces that the edits change."""

    def __init__(self, path: Path, jmap: JourneyMap, pieces: Pieces, *, text: str | None = None) -> None:
        self.path = path
        self.map = jmap
        self._pieces = pieces
        self._layout: Layout | None = None
        self._layout_lock = threading.Lock()  # the editor warms it from a worker
        self._digest_lock = threading.Lock()
        self._disk_digest: str | None = None
        #: The text read, until its hash is first asked for (`show` and `validate` never ask).
        self._disk_text: str | None = text

    @property
    def disk_digest(self) -> str | None:
        """The hash of what is on disk as far as this document knows (None: no file yet)."""
        with self._digest_lock:  # the editor's workers ask too
            if self._disk_text is not None:
                self._disk_digest, self._disk_text = digest(self._disk_text.encode("utf-8")), None
            return self._disk_digest

    @disk_digest.setter
    def disk_digest(self, value: str | None) -> None:
        with self._digest_lock:
            self._disk_digest, self._disk_text = value, None

    @classmethod
    def from_text(cls, path: Path, text: str, *, on_disk: bool = True) -> MapDocument:
        """Parse and check a map's text; the first error is raised with its position."""
        jmap, pieces = load(path, text)
        return cls(path, jmap, pieces, text=text if on_disk else None)

    @classmethod
    def load(cls, path: Path) -> MapDocument:
        return cls.from_text(path, decode(path, read_bytes(path)))

    @property
    def layout(self) -> Layout:
        """What edits change: the pieces, or (for an unusual shape) the whole tomlkit tree."""
        with self._layout_lock:
            if self._layout is None:
                from tui.core.edits.layout import PieceLayout
                from tui.core.edits.whole import WholeLayout

                self._layout = WholeLayout(self._pieces) if self._pieces.whole else PieceLayout(self._pieces)
            return self._layout

    def warm(self) -> None:
        """Load what the first edit needs (tomlkit; the whole tree of an unusual map), off the event loop."""
        import tomlkit  # noqa: F401

        self.layout.warm()

    def restore(self, text: str, jmap: JourneyMap | None = None) -> None:
        """Go back to `text` (one this document held before), dropping the edits since;
        `jmap`, the model it had then, keeps its touchpoints' keys."""
        again, pieces = load(self.path, text)
        with self._layout_lock:
            self.map, self._pieces, self._layout = jmap or again, pieces, None

    def apply(self, edit: Edit) -> Edit:
        """Apply one edit to the text and the model; return the edit that undoes it."""
        self.map, inverse = edit.apply(self.layout, self.map)
        return inverse

    def snapshot(self) -> Snapshot:
        """The text as it is now, as immutable pieces: cheap, to take under a lock and prove later."""
        if self._layout is not None:
            self._layout.flush()
        return self._pieces.snapshot()

    def text(self) -> str:
        return self.snapshot().text()

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
        data = write_proven(target, self.snapshot(), self.map)
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
