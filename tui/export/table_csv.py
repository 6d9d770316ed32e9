"""CSV for spreadsheets: one row per touchpoint, opening cleanly in Excel and LibreOffice.

UTF-8 with the byte-order mark Excel needs to see accents, CRLF line ends and
full quoting rules of the csv module. Catalogue columns hold labels (what
people read); `parcours import` maps labels or ids back. A stage with no
touchpoint is one row with empty touchpoint columns, so it survives a round trip.
"""

from __future__ import annotations

import csv
import io

from tui.catalogue import Catalogues
from tui.model import JourneyMap

COLUMNS = ("stage_id", "stage", "situation", "channel", "support", "response", "type", "who", "emotion", "pain", "opportunity")
BOM = "\ufeff"


def render(jmap: JourneyMap, catalogues: Catalogues, lang: str = "fr") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for stage in jmap.stages:
        base = [stage.id, stage.name, stage.situation]
        if not stage.touchpoints:
            writer.writerow(base + [""] * (len(COLUMNS) - 3))
        for tp in stage.touchpoints:
            writer.writerow(base + [
                catalogues.label("channel", tp.channel, lang),
                catalogues.label("support", tp.support, lang),
                tp.response,
                catalogues.label("type", tp.type, lang),
                tp.who,
                "" if tp.emotion is None else str(tp.emotion),
                tp.pain,
                tp.opportunity,
            ])
    return BOM + out.getvalue()
