"""`parcours diff OLD NEW`: the changes in journey terms; exit 0 if none, 1 if any (like diff).

Also works as git's external diff (`diff.parcours.command`), which passes seven
arguments (path, old file, old hash, old mode, new file, new hash, new mode)
and expects exit 0; see docs/git.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.text import Text

from tui.catalogue import Catalogues, load_catalogues
from tui.diff import Change, diff_maps
from tui.document import MapDocument
from tui.faces import Faces
from tui.i18n import Label, detect_lang
from tui.model import JourneyMap
from tui.terminal import emit

WORDS = {
    "title": Label("Titre", "Title"),
    "persona": Label("Persona", "Persona"),
    "stage-added": Label("Étape ajoutée", "Stage added"),
    "stage-removed": Label("Étape supprimée", "Stage removed"),
    "stage-renamed": Label("Étape renommée", "Stage renamed"),
    "stage-moved": Label("Étape déplacée", "Stage moved"),
    "touchpoint-added": Label("Point de contact ajouté", "Touchpoint added"),
    "touchpoint-removed": Label("Point de contact supprimé", "Touchpoint removed"),
    "touchpoint-moved": Label("Point de contact déplacé", "Touchpoint moved"),
}
FIELDS = {
    "channel": Label("canal", "channel"), "support": Label("support", "support"),
    "response": Label("réponse", "response"), "type": Label("type", "type"), "who": Label("qui", "who"),
    "emotion": Label("émotion", "feeling"), "pain": Label("douleur", "pain point"),
    "opportunity": Label("idée", "opportunity"), "situation": Label("situation", "situation"),
}
NO_CHANGE = Label("Aucun changement.", "No change.")
POSITION = Label("position {old} → {new}", "position {old} → {new}")
STYLES = {"added": "green", "removed": "red", "moved": "cyan", "renamed": "yellow"}


def _value(change: Change, value: object, catalogues: Catalogues, lang: str, faces: Faces) -> str:
    if change.key == "emotion":
        return faces.cell(value)  # type: ignore[arg-type]
    if change.key in ("channel", "support", "type") and value:
        return catalogues.label(change.key, str(value), lang)
    return f"« {value} »" if lang == "fr" else f"“{value}”"


def _summary(change: Change, catalogues: Catalogues, lang: str) -> str:
    tp = change.touchpoint
    if tp is None:
        return ""
    head = " › ".join(catalogues.label(k, tp.get(k), lang) for k in ("channel", "support") if tp.get(k))
    return f"{head}: {tp.response}" if head and tp.response else head or tp.response


def describe(change: Change, catalogues: Catalogues, lang: str, faces: Faces) -> Text:
    kind = change.kind
    style = next((s for word, s in STYLES.items() if kind.endswith(word)), "")
    mark = {"added": "+", "removed": "-", "moved": "→"}.get(kind.rsplit("-", 1)[-1], "~")
    line = Text(f"{mark} ", style=style or "yellow")
    if kind in ("title", "persona"):
        label = WORDS[kind](lang) + (f" {change.key}" if kind == "persona" else "")
        line.append(f"{label}: ", style="bold")
        line.append(f"{_value(change, change.old, catalogues, lang, faces)} → {_value(change, change.new, catalogues, lang, faces)}")
    elif kind.startswith("stage-"):
        if kind == "stage-field":
            line.append(f"{change.stage}, {FIELDS[change.key](lang)}: ", style="bold")
            line.append(f"{_value(change, change.old, catalogues, lang, faces)} → {_value(change, change.new, catalogues, lang, faces)}")
        else:
            line.append(f"{WORDS[kind](lang)}: ", style="bold")
            line.append(f"{change.stage} ({change.key})")
            if kind == "stage-renamed":
                line.append(f", « {change.old} » → « {change.new} »" if lang == "fr" else f", “{change.old}” → “{change.new}”")
            if kind == "stage-moved":
                line.append(", " + POSITION(lang, old=change.old, new=change.new))
    elif kind == "touchpoint-field":
        line.append(f"{change.where}, {FIELDS[change.key](lang)}: ", style="bold")
        line.append(f"{_value(change, change.old, catalogues, lang, faces)} → {_value(change, change.new, catalogues, lang, faces)}")
    else:
        where = f"{change.where} → {change.to}" if kind == "touchpoint-moved" else change.where
        line.append(f"{WORDS[kind](lang)} ({where}): ", style="bold")
        line.append(_summary(change, catalogues, lang))
    return line


def _load(path: Path) -> JourneyMap:
    if str(path) == "/dev/null":
        return JourneyMap(title="")
    return MapDocument.load(path).map


def run(args: argparse.Namespace) -> int:
    files = [args.old, args.new, *args.rest]
    git_mode = len(files) == 7
    if len(files) not in (2, 7):
        print("parcours diff: give OLD NEW (or the seven arguments git passes to an external diff)", file=sys.stderr)
        return 2
    old_path, new_path = (Path(files[1]), Path(files[4])) if git_mode else (Path(files[0]), Path(files[1]))
    old, new = _load(old_path), _load(new_path)
    catalogues = load_catalogues(new_path if new_path.exists() else old_path)
    lang = detect_lang(args.lang, new.locale or old.locale)
    faces = Faces()
    changes = diff_maps(old, new)
    from rich.console import Group

    lines = [describe(c, catalogues, lang, faces) for c in changes]
    if git_mode:
        lines.insert(0, Text(f"parcours diff {files[0]}", style="bold"))
    if changes or git_mode:
        emit(Group(*lines) if lines else Text(NO_CHANGE(lang)), soft_wrap=True)
    return 0 if git_mode or not changes else 1
