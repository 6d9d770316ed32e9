"""The map and its catalogues as a terminal shows them: every text through the gate (`visible`).

`show`, `catalog` and the editor's preview draw many pieces of the map in many
places (headings, tables, the summary's lines). Rather than guard each, they
draw a copy in which every string has already passed `visible`: the gate sits
where the data enters the drawing, once, and nothing drawn from the copy can
carry an escape sequence or a bidi override. The copy is for showing only;
edits, saves and exports work on the map itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from tui.core.catalogue import Catalogue, Catalogues, Entry
from tui.core.model import TEXT_FIELDS, JourneyMap, Persona, Stage, Touchpoint
from tui.output.visible import is_clean, visible, visible_line

if TYPE_CHECKING:  # `show` need not load the diff
    from tui.core.diff import Change

_ENTRY_TEXTS = tuple(field.name for field in fields(Entry))


def _map_texts(jmap: JourneyMap) -> Iterator[str]:
    yield jmap.title
    if jmap.persona is not None:
        yield jmap.persona.name
        yield jmap.persona.description
        for key, value in jmap.persona.extra:
            yield key
            yield value
    for stage in jmap.stages:
        yield stage.id
        yield stage.name
        yield stage.situation
        for touchpoint in stage.touchpoints:
            yield from touchpoint.texts()


def shown_map(jmap: JourneyMap) -> JourneyMap:
    """`jmap` with every text made visible; `jmap` itself when nothing needs it (nearly always)."""
    if is_clean("".join(_map_texts(jmap))):  # one pass over the text, no copy
        return jmap
    persona = jmap.persona
    if persona is not None:
        persona = Persona(visible(persona.name), visible(persona.description),
                          tuple((visible(k), visible(v)) for k, v in persona.extra))
    return replace(jmap, title=visible(jmap.title), persona=persona, stages=tuple(
        Stage(visible(s.id), visible(s.name), visible(s.situation), tuple(_touchpoint(t) for t in s.touchpoints))
        for s in jmap.stages
    ))


def _touchpoint(touchpoint: Touchpoint, gate=visible) -> Touchpoint:
    return replace(touchpoint, **{key: gate(str(touchpoint.get(key))) for key in TEXT_FIELDS})


def shown_change(change: Change) -> Change:
    """A change of `diff` as it is described: one line, so every text through `visible_line`.

    Gated before Rich sees it, since Rich silently drops a carriage return or a
    bell: a value changed only by one must still read as changed.
    """
    def gate(value: object) -> object:
        return visible_line(value) if isinstance(value, str) else value

    touchpoint = None if change.touchpoint is None else _touchpoint(change.touchpoint, visible_line)
    return replace(change, stage=visible_line(change.stage), key=visible_line(change.key), old=gate(change.old),
                   new=gate(change.new), where=visible_line(change.where), to=visible_line(change.to),
                   touchpoint=touchpoint)


def shown_catalogues(catalogues: Catalogues) -> Catalogues:
    """`catalogues` with every id, label and description made visible (a project's `catalog/` is input too)."""
    names = [field.name for field in fields(Catalogues)]
    texts = (getattr(e, key) for name in names for e in catalogues[name] for key in _ENTRY_TEXTS)
    if is_clean("".join(texts)):
        return catalogues
    return Catalogues(**{name: _catalogue(catalogues[name]) for name in names})


def _catalogue(catalogue: Catalogue) -> Catalogue:
    return Catalogue(catalogue.name, tuple(
        Entry(**{key: visible(getattr(entry, key)) for key in _ENTRY_TEXTS}) for entry in catalogue
    ))
