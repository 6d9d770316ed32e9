"""`parcours catalog [NAME]`: what the catalogues hold, for choosing ids when editing by hand."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from tui.catalogue import PUBLIC_NAMES, Catalogues, load_catalogues
from tui.i18n import Label, detect_lang
from tui.terminal import emit

TITLES = {
    "stages": Label("Étapes du parcours", "Journey stages"),
    "supports": Label("Supports de communication", "Communication supports"),
    "channels": Label("Canaux de communication, par groupe", "Communication channels, by group"),
    "types": Label("Types de communication", "Types of communication"),
    "touchpoints": Label("Autres points de contact", "Other touchpoints"),
}
HEADINGS = Label("catalogue|entrées|contenu", "catalogue|entries|content")
COLUMNS = Label("id|libellé|libellé anglais|groupe / description", "id|label|French label|group / description")


def _overview(catalogues: Catalogues, lang: str) -> Table:
    table = Table(*HEADINGS(lang).split("|"), box=None, pad_edge=False, header_style="bold")
    for name in PUBLIC_NAMES:
        table.add_row(name, str(len(catalogues[name])), TITLES[name](lang))
    return table


def _entries(catalogues: Catalogues, name: str, lang: str) -> Table:
    id_, label, other, extra = COLUMNS(lang).split("|")
    table = Table(id_, label, other, extra, title=TITLES[name](lang), title_justify="left",
                  box=None, pad_edge=False, header_style="bold")
    groups = {g.id: g.label_in(lang) for g in catalogues.groups}
    for entry in catalogues[name]:
        second = entry.label if lang == "en" else entry.label_en
        detail = groups.get(entry.group, entry.group)
        description = entry.description_in(lang)
        if description:
            detail = f"{detail} — {description}" if detail else description
        table.add_row(entry.id, entry.label_in(lang), second, detail)
    return table


def run(args: argparse.Namespace) -> int:
    catalogues = load_catalogues(Path(args.map) if args.map else None)
    lang = detect_lang(args.lang)
    emit(_entries(catalogues, args.name, lang) if args.name else _overview(catalogues, lang))
    return 0
