"""What makes a map valid, checked on the parsed data and reported with positions.

`check` works on plain data (fast, no positions); positions are looked up in
the text only for the findings there are, so validating a good map costs
little more than parsing it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.catalogue import Catalogues
from tui.core.errors import Issue, MapError
from tui.core.model import EMOTION_MAX, EMOTION_MIN, SCHEMA, TEXT_FIELDS
from tui.core.positions import KeyPath, locate, positions
from tui.core.storage import load_toml, read_text
from tui.core.words import N_, _

LOCALES = ("fr", "en")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BOM = "\ufeff"


@dataclass(frozen=True)
class Finding:
    """A problem at a key path of the data; positions are added later, from the text."""

    path: KeyPath
    message: str
    warning: bool = False


def _kind(value: Any) -> str:
    """What a value is, in words: « un entier »."""
    if isinstance(value, bool):
        return _("un booléen")
    if isinstance(value, int):
        return _("un entier")
    if isinstance(value, float):
        return _("un nombre")
    if isinstance(value, str):
        return _("une chaîne")
    if isinstance(value, list):
        return _("un tableau")
    if isinstance(value, Mapping):
        return _("une table")
    return _("un {type}").format(type=type(value).__name__)


MISSING = N_("clé obligatoire manquante : '{key}'")
NOT_TEXT = N_("'{key}' doit être une chaîne, pas {kind}")
NOT_TABLE = N_("'{key}' doit être une table, pas {kind}")
NOT_ARRAY = N_("'{key}' doit être un tableau de tables ({syntax}), pas {kind}")


def _text(findings: list[Finding], data: Mapping, path: KeyPath, key: str, required: bool = False) -> None:
    if key not in data:
        if required:
            findings.append(Finding(path, _(MISSING).format(key=key)))
        return
    value = data[key]
    if not isinstance(value, str):
        findings.append(Finding(path + (key,), _(NOT_TEXT).format(key=key, kind=_kind(value))))
    elif required and not value.strip():
        findings.append(Finding(path + (key,), _("'{key}' ne doit pas être vide").format(key=key)))


def _touchpoint(findings: list[Finding], tp: Any, path: KeyPath, catalogues: Catalogues | None) -> None:
    if not isinstance(tp, Mapping):
        findings.append(Finding(path, _("un point de contact doit être une table, pas {kind}").format(kind=_kind(tp))))
        return
    for key in TEXT_FIELDS:
        _text(findings, tp, path, key)
    if "emotion" in tp:
        emotion = tp["emotion"]
        if isinstance(emotion, bool) or not isinstance(emotion, int):
            message = _("'emotion' doit être un entier de {low} à {high}, pas {kind}")
            findings.append(Finding(path + ("emotion",), message.format(low=EMOTION_MIN, high=EMOTION_MAX, kind=_kind(emotion))))
        elif not EMOTION_MIN <= emotion <= EMOTION_MAX:
            message = _("'emotion' vaut {value}, hors de {low}..{high}")
            findings.append(Finding(path + ("emotion",), message.format(value=emotion, low=EMOTION_MIN, high=EMOTION_MAX)))
    if catalogues is None:
        return
    for key, name in (("channel", N_("canaux")), ("support", N_("supports ou points de contact")), ("type", N_("types"))):
        value = tp.get(key)
        if isinstance(value, str) and value and not catalogues.knows(key, value):
            message = _("la valeur '{value}' de '{key}' n'est pas dans le catalogue des {name}")
            findings.append(Finding(path + (key,), message.format(key=key, value=value, name=_(name)), warning=True))


def _stage(findings: list[Finding], stage: Any, path: KeyPath, seen: dict[str, KeyPath], catalogues: Catalogues | None) -> None:
    if not isinstance(stage, Mapping):
        findings.append(Finding(path, _("une étape doit être une table, pas {kind}").format(kind=_kind(stage))))
        return
    _text(findings, stage, path, "id", required=True)
    _text(findings, stage, path, "name", required=True)
    _text(findings, stage, path, "situation")
    stage_id = stage.get("id")
    if isinstance(stage_id, str) and stage_id:
        if stage_id in seen:
            first = seen[stage_id]
            message = _("id d'étape '{id}' en double (déjà pris par l'étape nº {number})")
            findings.append(Finding(path + ("id",), message.format(id=stage_id, number=first[1] + 1)))
        else:
            seen[stage_id] = path
        if not SLUG.match(stage_id):
            message = _("l'id d'étape '{id}' n'est pas un slug (minuscules, chiffres, tirets)")
            findings.append(Finding(path + ("id",), message.format(id=stage_id), warning=True))
    touchpoints = stage.get("touchpoints", [])
    if not isinstance(touchpoints, list):
        message = _(NOT_ARRAY).format(key="touchpoints", syntax="[[stages.touchpoints]]", kind=_kind(touchpoints))
        findings.append(Finding(path + ("touchpoints",), message))
        return
    for number, tp in enumerate(touchpoints):
        _touchpoint(findings, tp, path + ("touchpoints", number), catalogues)


def check(data: Mapping[str, Any], catalogues: Catalogues | None = None) -> list[Finding]:
    """Every problem of a parsed map; catalogue misses are warnings, and only with catalogues."""
    findings: list[Finding] = []
    if "schema" not in data:
        findings.append(Finding((), _(MISSING).format(key="schema") + " (schema = 1)"))
    else:
        schema = data["schema"]
        if isinstance(schema, bool) or not isinstance(schema, int):
            findings.append(Finding(("schema",), _("'schema' doit être un entier, pas {kind}").format(kind=_kind(schema))))
        elif schema != SCHEMA:
            message = _("version de schéma inconnue : {schema} (ce parcours lit le schéma {known})")
            findings.append(Finding(("schema",), message.format(schema=schema, known=SCHEMA)))
    _text(findings, data, (), "title", required=True)
    if "locale" in data and data["locale"] not in LOCALES:
        message = _("'locale' doit être \"fr\" ou \"en\", pas {value}")
        findings.append(Finding(("locale",), message.format(value=repr(data["locale"]))))
    if "persona" in data:
        persona = data["persona"]
        if not isinstance(persona, Mapping):
            findings.append(Finding(("persona",), _(NOT_TABLE).format(key="persona", kind=_kind(persona))))
        else:
            for key in ("name", "description"):
                _text(findings, persona, ("persona",), key)
    stages = data.get("stages", [])
    if not isinstance(stages, list):
        message = _(NOT_ARRAY).format(key="stages", syntax="[[stages]]", kind=_kind(stages))
        findings.append(Finding(("stages",), message))
        return findings
    seen: dict[str, KeyPath] = {}
    for number, stage in enumerate(stages):
        _stage(findings, stage, ("stages", number), seen, catalogues)
    return findings


def check_stage(stage: Any) -> list[Finding]:
    """A stage's own keys, alone (a save proves a stage's piece apart from its touchpoints')."""
    findings: list[Finding] = []
    _stage(findings, stage, ("stages", 0), {}, None)
    return findings


def check_touchpoint(touchpoint: Any) -> list[Finding]:
    """One touchpoint, alone."""
    findings: list[Finding] = []
    _touchpoint(findings, touchpoint, ("stages", 0, "touchpoints", 0), None)
    return findings


def parse(path: Path, text: str) -> dict[str, Any]:
    """The TOML data of a map's text, or a MapError at the syntax error."""
    body = text.removeprefix(BOM)
    if not body.strip():
        raise MapError.at(path, _("fichier vide, pas une carte : il lui faut au moins 'schema = 1' et un 'title'"), 1, 1)
    return load_toml(path, body)


def issues(path: Path, text: str, findings: list[Finding]) -> list[Issue]:
    """Findings turned into `FILE:LINE:COL` issues, in file order."""
    if not findings:
        return []
    table = positions(text.removeprefix(BOM))
    found = [Issue(path, f.message, locate(text, f.path, table), f.warning) for f in findings]
    return sorted(found, key=lambda i: (i.position.line, i.position.column))


def validate_file(path: Path, catalogues: Catalogues | None = None, strict: bool = False) -> list[Issue]:
    """Every issue of one map file; under `strict`, catalogue misses count as errors."""
    try:
        text = read_text(path)
        data = parse(path, text)
    except MapError as error:
        return [error.issue]
    found = issues(path, text, check(data, catalogues))
    if strict:
        found = [Issue(i.path, i.message, i.position) for i in found]
    return found
