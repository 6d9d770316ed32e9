"""A participant's copy of the map: the host's snapshot, kept up to date by its broadcast changes.

Only the model is kept (no TOML tree): a participant draws, and asks the host,
which alone writes. Touchpoint keys are the host's (a snapshot lists them in
map order, and a broadcast edit carries the keys it chose), so an edit applied
here changes exactly what it changed there. Changes must come in version
order: an old one is ignored, a gap means something was missed, and the
participant asks for a snapshot again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.edits import Edit
from tui.core.errors import MapError
from tui.core.live.protocol import ProtocolError, Snapshot
from tui.core.model import JourneyMap
from tui.core.session import Changed


def rekey(jmap: JourneyMap, keys: tuple[str, ...]) -> JourneyMap:
    """The map with its touchpoints keyed as the host keys them (in map order)."""
    if len(keys) != jmap.touchpoint_count or len(set(keys)) != len(keys):
        raise ProtocolError("the snapshot's keys do not match its touchpoints")
    found = iter(keys)
    stages = tuple(stage.with_touchpoints(tuple(replace(tp, key=next(found)) for tp in stage.touchpoints))
                   for stage in jmap.stages)
    return jmap.with_stages(stages)


class Gap(Exception):
    """A change came after one that never arrived: ask for a snapshot."""


class Replica:
    """The map as the host last said it, at `version`."""

    def __init__(self, snapshot: Snapshot, folder: Path | None = None) -> None:
        self.path = (folder or Path.cwd()) / Path(snapshot.name).name
        try:
            jmap = MapDocument.from_text(self.path, snapshot.text, on_disk=False).map
        except MapError as error:
            raise ProtocolError(f"the snapshot does not read: {error}") from None
        #: The version and the map, replaced together (a face on another thread reads the pair).
        self.state = (snapshot.version, rekey(jmap, snapshot.keys))
        self.dirty = snapshot.dirty
        self.failing = snapshot.failing

    @property
    def version(self) -> int:
        return self.state[0]

    @property
    def map(self) -> JourneyMap:
        return self.state[1]

    def change(self, version: int, edit: Edit) -> Changed | None:
        """Apply the change that made `version`; None if it is one this copy already has."""
        if version <= self.version:
            return None
        if version != self.version + 1:
            raise Gap(f"version {version} after {self.version}")
        before = self.map
        try:
            after, _ = edit.apply(None, before)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
            raise Gap(f"the change to version {version} does not apply here: {error}") from None
        self.state = (version, after)
        return Changed(edit, version, edit.footprint(before, after), after)
