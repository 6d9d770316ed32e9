"""Edits of the map as a whole: its title and locale, and the persona."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.edits.base import NAME, OPTIONAL_TEXT, Edit, field_name, journaled, one_of, runtime
from tui.core.model import JourneyMap, Persona
from tui.core.words import _

if TYPE_CHECKING:
    from tui.core.edits.layout import Layout


@dataclass(frozen=True)
class SetMapField(Edit):
    """Set `title` or `locale` (None removes an optional key)."""

    key: str = journaled(one_of("title", "locale"))
    value: str | None = journaled(OPTIONAL_TEXT)
    item: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        if layout is None:
            old, item = getattr(jmap, self.key), None
        else:
            old, item = layout.set_root(self.key, self.value, self.item)
        return jmap.with_value(self.key, self.value), SetMapField(self.key, old, item)

    def describe(self, jmap: JourneyMap) -> str:
        if self.key == "title":
            return _("titre → {value}").format(value=repr(self.value))
        return f"{self.key} → {self.value!r}"


@dataclass(frozen=True)
class SetPersonaField(Edit):
    """Set one key of `[persona]`, creating the table if the map has none."""

    key: str = journaled(NAME)
    value: str | None = journaled(OPTIONAL_TEXT)
    item: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        created = jmap.persona is None
        if created and self.value is None:
            return jmap, self
        if layout is None:
            old, item = _persona_value(jmap.persona, self.key), None
        else:
            old, item = layout.set_persona(self.key, self.value, self.item)
        persona = (jmap.persona or Persona()).with_value(self.key, self.value)
        new_map = jmap.with_value("persona", persona)
        if created:
            return new_map, RemovePersona(item=item)
        return new_map, SetPersonaField(self.key, old, item)

    def describe(self, jmap: JourneyMap) -> str:
        return _("persona · {key} → {value}").format(key=field_name(self.key), value=repr(self.value))


def _persona_value(persona: Persona | None, key: str) -> str | None:
    if persona is None:
        return None
    if key in ("name", "description"):
        return getattr(persona, key)
    return dict(persona.extra).get(key)


@dataclass(frozen=True)
class RemovePersona(Edit):
    """Drop a `[persona]` table that an edit created; its inverse recreates it."""

    item: Any = runtime()

    def apply(self, layout: Layout | None, jmap: JourneyMap) -> tuple[JourneyMap, Edit]:
        item = None
        if layout is None:
            persona = jmap.persona or Persona()
            values = tuple((k, v) for k, v in (("name", persona.name), ("description", persona.description),
                                               *persona.extra) if v)
        else:
            values, item = layout.remove_persona(self.item)
        inverse: Edit = SetPersonaField(*values[0], item=item) if values else self
        return jmap.with_value("persona", None), inverse

    def describe(self, jmap: JourneyMap) -> str:
        return _("persona retiré")
