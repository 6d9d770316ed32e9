"""`parcours diff OLD NEW`: the changes in journey terms; exit 0 if none, 1 if any (like diff).

Also works as git's external diff (`diff.parcours.command`, see docs/git.md).
git passes seven arguments (path, old file, old hash, old mode, new file, new
hash, new mode), nine for a renamed file (plus the new path and a note), one
for an unmerged path, and stops the whole `git diff` unless the command exits
0; so in that form every outcome, even a version that does not read, is said
on stdout and the exit is 0.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console, Group
from rich.text import Text

from tui.core.catalogue import Catalogues, load_catalogues
from tui.core.diff import Change, diff_maps
from tui.core.document import MapDocument
from tui.core.errors import Issue, MapError
from tui.output.faces import Faces
from tui.core.model import JourneyMap
from tui.output.i18n import NC_, N_, _, detect_lang, translate, use_language
from tui.output.phrases import quoted
from tui.output.shown import shown_catalogues, shown_change
from tui.output.terminal import emit
from tui.output.visible import visible_line, visible_text

WORDS = {
    "title": N_("Titre"),
    "locale": N_("Langue"),
    "persona": N_("Persona"),
    "stage-added": N_("Étape ajoutée"),
    "stage-removed": N_("Étape supprimée"),
    "stage-renamed": N_("Étape renommée"),
    "stage-moved": N_("Étape déplacée"),
    "touchpoint-added": N_("Point de contact ajouté"),
    "touchpoint-removed": N_("Point de contact supprimé"),
    "touchpoint-moved": N_("Point de contact déplacé"),
}
FIELDS = {
    "channel": N_("canal"), "support": N_("support"),
    "response": N_("réponse"), "type": N_("type"), "who": N_("qui"),
    "emotion": NC_("diff", "émotion"), "pain": N_("douleur"),
    "opportunity": N_("idée"), "situation": N_("situation"),
}
STYLES = {"added": "green", "removed": "red", "moved": "cyan", "renamed": "yellow"}
USAGE = "parcours diff: give OLD NEW (or the arguments git passes to an external diff)\nusage: parcours diff [-h] [--lang {fr,en}] OLD NEW"


def _quoted(text: object) -> str:
    return _("(vide)") if text in ("", None) else quoted(text)


def _value(change: Change, value: object, catalogues: Catalogues, faces: Faces) -> str:
    if change.key == "emotion":
        return faces.cell(value)  # type: ignore[arg-type]
    if change.key in ("channel", "support", "type") and value:
        return catalogues.label(change.key, str(value))
    return _quoted(value)


def _summary(change: Change, catalogues: Catalogues) -> str:
    tp = change.touchpoint
    if tp is None:
        return ""
    head = " › ".join(catalogues.label(k, tp.get(k)) for k in ("channel", "support") if tp.get(k))
    return f"{head}: {tp.response}" if head and tp.response else head or tp.response


def describe(change: Change, catalogues: Catalogues, faces: Faces) -> Text:
    """One line: a mark (+ - → ~), what and where in bold, then old → new."""
    kind = change.kind
    style = next((s for word, s in STYLES.items() if kind.endswith(word)), "yellow")
    mark = {"added": "+", "removed": "-", "moved": "→"}.get(kind.rsplit("-", 1)[-1], "~")
    line = Text(f"{mark} ", style=style)

    def before_after() -> None:
        line.append(_value(change, change.old, catalogues, faces), style="red")
        line.append(" → ")
        line.append(_value(change, change.new, catalogues, faces), style="green")

    if kind in ("title", "locale", "persona"):
        label = _(WORDS[kind]) + (f" {change.key}" if kind == "persona" else "")
        line.append(f"{label}: ", style="bold")
        before_after()
    elif kind in ("stage-field", "touchpoint-field"):
        place = change.stage if kind == "stage-field" else change.where
        line.append(f"{place}, {translate(FIELDS[change.key])}: ", style="bold")
        before_after()
    elif kind.startswith("stage-"):
        line.append(f"{_(WORDS[kind])}: ", style="bold")
        line.append(f"{change.stage} ({change.key})")
        if kind == "stage-renamed":
            line.append(f", {_quoted(change.old)} → {_quoted(change.new)}")
        if kind == "stage-moved":
            line.append(", " + _("position {old} → {new}").format(old=change.old, new=change.new))
    else:
        where = f"{change.where} → {change.to}" if kind == "touchpoint-moved" else change.where
        line.append(f"{_(WORDS[kind])} ({where}): ", style="bold")
        line.append(_summary(change, catalogues))
    return line


@dataclass(frozen=True)
class Call:
    """What to compare, and whether git is the caller (then always exit 0)."""

    old: Path
    new: Path
    near: Path  # where the map lives, for its catalog/ folders
    heading: str = ""
    git: bool = False
    same_content: bool = False  # git's rename of an unchanged file


def _call(files: list[str]) -> Call | str | None:
    """The comparison the arguments ask for; a path alone when git reports an unmerged one; None if unusable."""
    if len(files) == 2:
        old, new = Path(files[0]), Path(files[1])
        return Call(old, new, near=new if new.exists() else old)
    if len(files) in (7, 9):
        # git hands over copies in a temporary folder: the path in the repository finds catalog/.
        path = files[0] if len(files) == 7 else files[7]
        heading = files[0] if len(files) == 7 else f"{files[0]} → {files[7]}"
        return Call(Path(files[1]), Path(files[4]), near=Path(path), heading=heading, git=True,
                    same_content=files[2] == files[5])
    if len(files) == 1 and "GIT_DIFF_PATH_COUNTER" in os.environ:
        return files[0]
    return None


def _lines(path: Path) -> list[str]:
    if str(path) in ("/dev/null", os.devnull):
        return []
    try:
        return path.read_bytes().decode("utf-8", "replace").splitlines(keepends=True)
    except OSError:
        return []


def _plain_diff(call: Call) -> list[Text]:
    """A unified diff of the two files' lines, coloured like git's."""
    styles = {"+": "green", "-": "red", "@": "cyan"}
    diff = difflib.unified_diff(_lines(call.old), _lines(call.new), f"a/{call.heading}", f"b/{call.heading}")
    return [_line(line.rstrip("\r\n"), styles.get(line[:1], "")) for line in diff]


def _line(text: str, style: str = "bold") -> Text:
    """A line that names files or quotes a file's text: gated before Rich, which would drop a bell
    or a carriage return unseen (the changes are gated as data, `shown_change`)."""
    return Text(visible_line(text), style=style)


def _load(path: Path) -> JourneyMap:
    if str(path) in ("/dev/null", os.devnull):  # git's side of an added or a deleted file
        return JourneyMap(title="")
    return MapDocument.load(path).map


def run(args: argparse.Namespace) -> int:
    call = _call(args.files)
    if call is None:
        print(USAGE, file=sys.stderr)
        return 2
    use_language(detect_lang(args.lang))  # for the lines said before a map is read
    if isinstance(call, str):
        _print([_line(f"parcours diff {call}: " + _("non fusionné"))], git=True)
        return 0
    try:
        old, new = _load(call.old), _load(call.new)
    except MapError as error:
        if not call.git:
            raise
        # Not a map (a pyproject.toml under `*.toml diff=parcours`), or a version with an error:
        # say why, then show the lines as git would have.
        where = Issue(call.near, error.issue.message, error.issue.position)  # the repository's path, not git's copy
        cannot = _("comparaison impossible")
        lines = [_line(f"parcours diff {call.heading}: {cannot}: {where}"), *_plain_diff(call)]
        _print(lines, git=True)
        return 0
    catalogues = shown_catalogues(load_catalogues(call.near))
    use_language(detect_lang(args.lang, new.locale or old.locale, document=True))
    faces = Faces()
    changes = diff_maps(old, new)
    lines = [describe(shown_change(c), catalogues, faces) for c in changes]  # the data's gate
    if call.git:
        lines.insert(0, _line(f"parcours diff {call.heading}"))
        if not changes and not call.same_content:
            lines.append(Text(_("aucun changement de parcours (mise en forme ou commentaires seulement)"), style="dim"))
    if lines:
        _print(lines, git=call.git)
    return 0 if call.git or not changes else 1


def _print(lines: list[Text], git: bool) -> None:
    """Colour in a terminal, plain in a pipe; under git's pager, colour as git itself does.

    The one way diff prints, and its terminal gate: every line goes through
    `visible_text` as a whole and stays one line. What a line quotes is gated
    before it becomes a Rich Text (`shown_change`, `_line`), so that nothing
    is dropped; this pass makes sure nothing is obeyed.
    """
    renderable = Group(*(visible_text(line, line=True) for line in lines))
    if git and os.environ.get("GIT_PAGER_IN_USE") and not os.environ.get("NO_COLOR"):
        Console(force_terminal=True, highlight=False, emoji=False, soft_wrap=True).print(renderable)
    else:
        emit(renderable, soft_wrap=True)
