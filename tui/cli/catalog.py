"""`parcours catalog [NAME]`: what the catalogues hold, for choosing ids when editing by hand."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table
from rich.text import Text

from tui.cli import terminal_width
from tui.core import words
from tui.core.catalogue import PUBLIC_NAMES, Catalogues, load_catalogues
from tui.core.storage import status
from tui.output.i18n import N_, _, detect_lang, use_language
from tui.output.shown import shown_catalogues
from tui.output.terminal import emit

TITLES = {
    "stages": N_("Étapes du parcours"),
    "supports": N_("Supports de communication"),
    "channels": N_("Canaux de communication, par groupe"),
    "types": N_("Types de communication"),
    "touchpoints": N_("Autres points de contact"),
}


def _overview(catalogues: Catalogues) -> Table:
    table = Table(_("catalogue"), _("entrées"), _("contenu"), box=None, pad_edge=False, header_style="bold")
    for name in PUBLIC_NAMES:
        table.add_row(name, str(len(catalogues[name])), _(TITLES[name]))
    return table


def _longest_word(texts) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def _entries(catalogues: Catalogues, name: str) -> Table:
    """One catalogue, channels under their group's heading.

    The id column never wraps nor is cut: it is what a person copies into a
    map. Labels wrap between words only; descriptions take the rest.
    """
    id_, label, extra = "id", _("libellé"), _("groupe / description")
    # Translators: the heading of the column that holds the label in the other language.
    other = _("libellé anglais")
    entries = list(catalogues[name])
    groups = {g.id: g.shown_label for g in catalogues.groups}
    by_group = name == "channels"

    def detail(entry) -> str:
        text = entry.shown_description
        if entry.group and not by_group:
            group = groups.get(entry.group, entry.group)
            text = f"{group} — {text}" if text else group
        return text

    details = [detail(entry) for entry in entries]
    firsts = [entry.shown_label for entry in entries]
    seconds = [entry.label if words.language() == "en" else entry.label_en for entry in entries]
    table = Table(title=_(TITLES[name]), title_justify="left", title_style="bold",
                  box=None, pad_edge=False, header_style="bold", expand=any(details))
    table.add_column(id_, no_wrap=True)
    table.add_column(label, min_width=_longest_word(firsts + [label]), ratio=2 if any(details) else None)
    table.add_column(other, min_width=_longest_word(seconds + [other]), ratio=2 if any(details) else None)
    if any(details):
        grouped = not by_group and any(entry.group for entry in entries)
        table.add_column(extra if grouped else extra.split(" / ")[-1], ratio=3)
    rows = list(zip(entries, firsts, seconds, details))
    sections = [(None, rows)]
    if by_group:
        known = [g.id for g in catalogues.groups]
        sections = [(groups[g], [r for r in rows if r[0].group == g]) for g in known]
        sections.append((_("Sans groupe"), [r for r in rows if r[0].group not in known]))
    for heading, section in sections:
        if heading is not None and section:
            table.add_row(Text(heading, style="bold underline"))
        for entry, first, second, text in section:
            # Text, never markup: a project's catalogue may hold `[/]` as well as a map.
            cells = [entry.id, first, second, *([text] if any(details) else [])]
            table.add_row(*(Text(cell) for cell in cells))
    return table


def run(args: argparse.Namespace) -> int:
    map_path = Path(args.map) if args.map else None
    if map_path is not None:
        status(map_path)  # a link loop or a name too long is said, not silently read past
    catalogues = shown_catalogues(load_catalogues(map_path))  # the terminal gate: a project's catalog/ is input
    use_language(detect_lang(args.lang))
    emit(_entries(catalogues, args.name) if args.name else _overview(catalogues), terminal_width())
    return 0
