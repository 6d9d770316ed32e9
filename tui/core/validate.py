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
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "a table"
    return f"a {type(value).__name__}"


def _text(findings: list[Finding], data: Mapping, path: KeyPath, key: str, required: bool = False) -> None:
    if key not in data:
        if required:
            findings.append(Finding(path, f"missing required key '{key}'"))
        return
    value = data[key]
    if not isinstance(value, str):
        findings.append(Finding(path + (key,), f"'{key}' must be a string, not {_kind(value)}"))
    elif required and not value.strip():
        findings.append(Finding(path + (key,), f"'{key}' must not be empty"))


def _touchpoint(findings: list[Finding], tp: Any, path: KeyPath, catalogues: Catalogues | None) -> None:
    if not isinstance(tp, Mapping):
        findings.append(Finding(path, f"a touchpoint must be a table, not {_kind(tp)}"))
        return
    for key in TEXT_FIELDS:
        _text(findings, tp, path, key)
    if "emotion" in tp:
        emotion = tp["emotion"]
        if isinstance(emotion, bool) or not isinstance(emotion, int):
            findings.append(Finding(path + ("emotion",), f"'emotion' must be an integer from {EMOTION_MIN} to {EMOTION_MAX}, not {_kind(emotion)}"))
        elif not EMOTION_MIN <= emotion <= EMOTION_MAX:
            findings.append(Finding(path + ("emotion",), f"'emotion' is {emotion}, outside {EMOTION_MIN}..{EMOTION_MAX}"))
    if catalogues is None:
        return
    for key, name in (("channel", "channels"), ("support", "supports or touchpoints"), ("type", "types")):
        value = tp.get(key)
        if isinstance(value, str) and value and not catalogues.knows(key, value):
            findings.append(Finding(path + (key,), f"'{key}' value '{value}' is not in the catalogue of {name}", warning=True))


def _stage(findings: list[Finding], stage: Any, path: KeyPath, seen: dict[str, KeyPath], catalogues: Catalogues | None) -> None:
    if not isinstance(stage, Mapping):
        findings.append(Finding(path, f"a stage must be a table, not {_kind(stage)}"))
        return
    _text(findings, stage, path, "id", required=True)
    _text(findings, stage, path, "name", required=True)
    _text(findings, stage, path, "situation")
    stage_id = stage.get("id")
    if isinstance(stage_id, str) and stage_id:
        if stage_id in seen:
            first = seen[stage_id]
            findings.append(Finding(path + ("id",), f"duplicate stage id '{stage_id}' (first used by stage #{first[1] + 1})"))
        else:
            seen[stage_id] = path
        if not SLUG.match(stage_id):
            findings.append(Finding(path + ("id",), f"stage id '{stage_id}' is not a slug (lower-case letters, digits, hyphens)", warning=True))
    touchpoints = stage.get("touchpoints", [])
    if not isinstance(touchpoints, list):
        findings.append(Finding(path + ("touchpoints",), f"'touchpoints' must be an array of tables ([[stages.touchpoints]]), not {_kind(touchpoints)}"))
        return
    for number, tp in enumerate(touchpoints):
        _touchpoint(findings, tp, path + ("touchpoints", number), catalogues)


def check(data: Mapping[str, Any], catalogues: Catalogues | None = None) -> list[Finding]:
    """Every problem of a parsed map; catalogue misses are warnings, and only with catalogues."""
    findings: list[Finding] = []
    if "schema" not in data:
        findings.append(Finding((), "missing required key 'schema' (schema = 1)"))
    else:
        schema = data["schema"]
        if isinstance(schema, bool) or not isinstance(schema, int):
            findings.append(Finding(("schema",), f"'schema' must be an integer, not {_kind(schema)}"))
        elif schema != SCHEMA:
            findings.append(Finding(("schema",), f"unknown schema version {schema} (this parcours reads schema {SCHEMA})"))
    _text(findings, data, (), "title", required=True)
    if "locale" in data and data["locale"] not in LOCALES:
        findings.append(Finding(("locale",), f"'locale' must be \"fr\" or \"en\", not {data['locale']!r}"))
    if "persona" in data:
        persona = data["persona"]
        if not isinstance(persona, Mapping):
            findings.append(Finding(("persona",), f"'persona' must be a table, not {_kind(persona)}"))
        else:
            for key in ("name", "description"):
                _text(findings, persona, ("persona",), key)
    stages = data.get("stages", [])
    if not isinstance(stages, list):
        findings.append(Finding(("stages",), f"'stages' must be an array of tables ([[stages]]), not {_kind(stages)}"))
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
        raise MapError.at(path, "empty file, not a map: it needs at least 'schema = 1' and a 'title'", 1, 1)
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
