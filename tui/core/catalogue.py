"""The template's catalogues as data: stages, supports, channels, types, touchpoints.

The built-in files live in `catalog/` at the top of the repository and ship
inside the package (`tui/catalog` points there). A `catalog/` folder beside a
map, or beside the map's folder, extends them: its entries are added and
replace built-in entries that share an id.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import words
from tui.core.words import _
from tui.core.errors import MapError
from tui.core.storage import load_toml, read_text

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "catalog"

#: Catalogue name -> (file, array of tables in that file).
FILES = {
    "stages": ("stages.toml", "stages"),
    "supports": ("supports.toml", "supports"),
    "groups": ("channels.toml", "groups"),
    "channels": ("channels.toml", "channels"),
    "types": ("types.toml", "types"),
    "touchpoints": ("touchpoints.toml", "touchpoints"),
}
#: What `parcours catalog` lists, in this order.
PUBLIC_NAMES = ("stages", "supports", "channels", "types", "touchpoints")


def fold(text: str) -> str:
    """Lower-case and strip accents, so `evene` finds "Évènements"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(name: str, taken: Iterable[str] = ()) -> str:
    """A unique id from a name: `Après-vente` -> `apres-vente`, then `-2`, `-3`…"""
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "etape"
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


_WORD = re.compile(r"[^\W_]+")


def rank(folded_query: str, entry: Entry) -> int | None:
    """How well a query (already folded) finds an entry: 0 the whole of a label or the id, 1 a
    label's start, 2 every word of the query at a word's start, 3 every word inside; None: not
    found. So `synchr` puts « synchrone » (a word start) before « asynchrone » (inside a word)."""
    names = entry.names()
    query = folded_query.strip()
    if not query:
        return 3
    if query in names:
        return 0
    if any(name.startswith(query) for name in names):
        return 1
    words = _WORD.findall(query) or [query]
    starts = [m.group() for name in names for m in _WORD.finditer(name)]
    if all(any(start.startswith(word) for start in starts) for word in words):
        return 2
    if all(any(word in name for name in names) for word in words):
        return 3
    return None


@dataclass(frozen=True)
class Entry:
    """One catalogue value: a stable id and its labels."""

    id: str
    label: str
    label_en: str = ""
    description: str = ""
    description_en: str = ""
    group: str = ""

    @property
    def shown_label(self) -> str:
        """The label in the interface language (`words.language()`), the French one when there is no English."""
        return self.label_en if words.language() == "en" and self.label_en else self.label

    @property
    def shown_description(self) -> str:
        if words.language() == "en" and self.description_en:
            return self.description_en
        return self.description

    def matches(self, folded_query: str) -> bool:
        """Whether a filter (already folded) finds this entry by id or either label."""
        return rank(folded_query, self) is not None

    def names(self) -> tuple[str, ...]:
        """What a person may type to mean this entry, folded: its labels and its id."""
        return tuple(fold(text) for text in (self.label, self.label_en, self.id) if text)


@dataclass(frozen=True)
class Catalogue:
    """An ordered list of entries with lookup by id."""

    name: str
    entries: tuple[Entry, ...] = ()
    _index: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update((e.id, e) for e in self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._index

    def get(self, entry_id: str) -> Entry | None:
        return self._index.get(entry_id)

    def label(self, entry_id: str) -> str:
        """The label of an id in the interface language, or the id itself when the catalogue lacks it."""
        entry = self._index.get(entry_id)
        return entry.shown_label if entry else entry_id

    def filter(self, query: str) -> list[Entry]:
        """The entries `query` finds, the best first (see `rank`), in catalogue order within a rank."""
        folded = fold(query.strip())
        ranked = ((rank(folded, e), n, e) for n, e in enumerate(self.entries))
        return [e for _rank, _n, e in sorted(x for x in ranked if x[0] is not None)]

    def find(self, text: str) -> Entry | None:
        """The entry `text` names exactly (its id or a label, accents and case aside), or None."""
        folded = fold(text.strip())
        return next((e for e in self.entries if folded and folded in e.names()), None)

    def merged(self, extra: Iterable[Entry]) -> Catalogue:
        """Entries of `extra` replace same-id entries in place; new ones are appended."""
        extra = list(extra)
        replacing = {e.id: e for e in extra}
        entries = [replacing.pop(e.id, e) for e in self.entries]
        entries.extend(e for e in extra if e.id in replacing)
        return Catalogue(self.name, tuple(entries))


@dataclass(frozen=True)
class Catalogues:
    """All catalogues a map is checked and shown against."""

    stages: Catalogue
    supports: Catalogue
    groups: Catalogue
    channels: Catalogue
    types: Catalogue
    touchpoints: Catalogue

    def __getitem__(self, name: str) -> Catalogue:
        return getattr(self, name)

    @property
    def all_supports(self) -> Catalogue:
        """Supports and the other touchpoints, which the `support` field accepts alike."""
        return Catalogue("supports", self.supports.entries + self.touchpoints.entries)

    def for_field(self, key: str) -> Catalogue | None:
        """The catalogue that a touchpoint field takes its ids from."""
        if key == "channel":
            return self.channels
        if key == "support":
            return self.all_supports
        if key == "type":
            return self.types
        return None

    def label(self, key: str, value: str) -> str:
        catalogue = self.for_field(key)
        return catalogue.label(value) if catalogue else value

    def knows(self, key: str, value: str) -> bool:
        catalogue = self.for_field(key)
        return catalogue is None or not value or value in catalogue


def _entries(path: Path, data: dict[str, Any], array: str) -> list[Entry]:
    items = data.get(array, [])
    if not isinstance(items, list):
        raise MapError.at(path, _("'{key}' doit être un tableau de tables ([[{key}]])").format(key=array))
    entries = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise MapError.at(path, _("{key} nº {number} doit être une table").format(key=array, number=number))
        if not isinstance(item.get("id"), str) or not item["id"]:
            raise MapError.at(path, _("{key} nº {number} n'a pas d'« id »").format(key=array, number=number))
        values = {}
        for key in ("label", "label_en", "description", "description_en", "group"):
            value = item.get(key, "")
            if not isinstance(value, str):
                message = _("{array} '{id}' : '{key}' doit être une chaîne")
                raise MapError.at(path, message.format(array=array, id=item["id"], key=key))
            values[key] = value
        entries.append(Entry(id=item["id"], **{**values, "label": values["label"] or item["id"]}))
    return entries


def _read_folder(folder: Path) -> dict[str, list[Entry]]:
    found: dict[str, list[Entry]] = {}
    parsed: dict[str, dict[str, Any]] = {}
    for name, (filename, array) in FILES.items():
        path = folder / filename
        if not path.is_file():
            continue
        if filename not in parsed:
            parsed[filename] = load_toml(path, read_text(path).removeprefix("\ufeff"))
        found[name] = _entries(path, parsed[filename], array)
    return found


def overlay_folders(map_path: Path | None) -> list[Path]:
    """The `catalog/` folders that extend the built-ins for a map, nearest last."""
    if map_path is None:
        return []
    try:
        here = Path(os.path.realpath(map_path)).parent  # unlike Path.resolve, never raises on a link loop
    except OSError:  # a relative name in a folder deleted meanwhile: no project folder to read
        return []
    folders = []
    for candidate in (here.parent / "catalog", here / "catalog"):
        if candidate.is_dir() and candidate.resolve() != BUILTIN_DIR.resolve():
            folders.append(candidate)
    return folders


def load_catalogues(map_path: Path | None = None) -> Catalogues:
    """The built-in catalogues, extended by the project folders around `map_path`."""
    layers = [_read_folder(BUILTIN_DIR)] + [_read_folder(f) for f in overlay_folders(map_path)]
    catalogues = {}
    for name in FILES:
        catalogue = Catalogue(name)
        for layer in layers:
            if name in layer:
                catalogue = catalogue.merged(layer[name])
        catalogues[name] = catalogue
    return Catalogues(**catalogues)
