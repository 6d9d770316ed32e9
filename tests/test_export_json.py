"""The JSON format's contract: its schema ships and describes what the export writes; bad JSON is one line."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings

from hostile_maps import CATALOGUES, MAPS
from tests_support import ROOT
from tui.core.document import MapDocument
from tui.output.formats import Source, renderer
from tui.output.formats.json_data import schema_text

#: These tests check error lines word for word, in English (see `english_messages`).
pytestmark = pytest.mark.usefixtures("english_messages")

EXAMPLES = sorted((ROOT / "maps").glob("*.toml"))
SCHEMA = json.loads(schema_text())


def parcours(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


def errors(value, schema, where="$") -> list[str]:
    """What in `value` the schema refuses: the part of JSON Schema the file uses, enough to catch a drift."""
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].split("/")[-1]]
    found: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        kind = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value))
        if kind is None:
            kind = "integer" if isinstance(value, int) else "number"
        if kind not in kinds and not (kind == "integer" and "number" in kinds):
            return [f"{where}: {kind} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            found.append(f"{where}: {value} out of range")
    if isinstance(value, dict):
        found += [f"{where}: missing {key}" for key in schema.get("required", ()) if key not in value]
        if len(value) > schema.get("maxProperties", len(value)):
            found.append(f"{where}: too many keys")
        for key, item in value.items():
            if key in schema.get("properties", {}):
                found += errors(item, schema["properties"][key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: unexpected key {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(item, schema["additionalProperties"], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            found += errors(item, schema["items"], f"{where}[{number}]")
    if "oneOf" in schema:
        passing = [option for option in schema["oneOf"] if not errors(value, option, where)]
        if len(passing) != 1:
            found.append(f"{where}: {len(passing)} of oneOf match")
    if "not" in schema and not errors(value, schema["not"], where):
        found.append(f"{where}: matches what 'not' excludes")
    return found


def test_the_checker_can_refuse():
    good = json.loads(renderer("json")(Source(MapDocument.load(EXAMPLES[0]).map, CATALOGUES)))
    assert errors(good, SCHEMA) == []
    bad = dict(good, title=3, surprise=True)
    bad["stages"] = [dict(good["stages"][0], touchpoints=[dict(good["stages"][0]["touchpoints"][0], emotion=7)])]
    assert len(errors(bad, SCHEMA)) == 3
    assert errors({"$toml": "x", "a": 1}, SCHEMA["$defs"]["tomlValue"]) == []
    assert errors({"$toml": "x"}, SCHEMA["$defs"]["tomlValue"]) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_schema_describes_each_example_export(path):
    document = MapDocument.load(path)
    data = json.loads(renderer("json")(Source(document.map, CATALOGUES, text=document.text())))
    assert errors(data, SCHEMA) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jmap=MAPS)
def test_the_schema_describes_the_export_of_any_map(jmap):
    assert errors(json.loads(renderer("json")(Source(jmap, CATALOGUES))), SCHEMA) == []


def test_export_schema_prints_the_shipped_schema_without_a_map(tmp_path):
    done = parcours("export", "--schema", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout) == SCHEMA
    assert SCHEMA["$schema"].startswith("https://json-schema.org/") and SCHEMA["properties"]["format_version"] == {
        "const": 1, "description": SCHEMA["properties"]["format_version"]["description"]}
    assert (ROOT / "tui" / "output" / "formats" / "map.schema.json").read_text(encoding="utf-8") == done.stdout
    assert 'output/formats/*.schema.json' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # shipped in the package
    missing = parcours("export", "--to", "json", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr == "parcours export: MAP and --to FORMAT are required (or --schema alone)\n"


def test_import_takes_plain_ids_and_ignores_what_is_derived(tmp_path):
    (tmp_path / "m.json").write_text(json.dumps({
        "title": "À la main", "stages": [
            {"id": "a", "name": "A", "emotion": 99, "touchpoints": [{"channel": "radio", "support": {"id": "affiches", "label": "?"}, "emotion": -1}]},
            {"id": "b", "name": "B"},
        ]}), encoding="utf-8")
    done = parcours("import", "m.json", "-o", "m.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    jmap = MapDocument.load(tmp_path / "m.toml").map
    assert jmap.title == "À la main" and [s.id for s in jmap.stages] == ["a", "b"]
    tp = jmap.stages[0].touchpoints[0]
    assert (tp.channel, tp.support, tp.emotion) == ("radio", "affiches", -1)


def test_a_key_the_map_file_leaves_out_is_left_out_of_the_json_and_of_the_map_built_back(tmp_path):
    """Round trip of the keys themselves: an empty field the file never wrote stays unwritten, one
    it wrote (`pain = ""`) stays written."""
    (tmp_path / "m.toml").write_text(
        'schema = 1\ntitle = "t"\n\n[[stages]]\nid = "a"\nname = "A"\n\n'
        '[[stages.touchpoints]]\nwho = "Alice"\npain = ""\n', encoding="utf-8")
    assert parcours("export", "m.toml", "--to", "json", "-o", "m.json", cwd=tmp_path).returncode == 0
    stage = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))["stages"][0]
    assert "situation" not in stage and list(stage["touchpoints"][0]) == ["who", "pain"]
    done = parcours("import", "m.json", "-o", "back.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert tomllib.loads((tmp_path / "back.toml").read_text(encoding="utf-8"))["stages"] == [
        {"id": "a", "name": "A", "touchpoints": [{"who": "Alice", "pain": ""}]}]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"title": "x", "stages": [}', "bad.json:1:27: not valid JSON: Expecting value"),
        ("[1, 2]", "bad.json: must be an object, not an array"),
        ('{"stages": []}', "bad.json: missing 'title'"),
        ('{"title": "x", "stages": [{"id": "a"}]}', "bad.json: stages[0]: missing 'name'"),
        ('{"title": "x", "stages": [{"id": "a", "name": 3}]}', "bad.json: stages[0].name: must be text, not a number"),
        ('{"title": "x", "stages": [{"id": "a", "name": "A", "touchpoints": [{"emotion": 5}]}]}',
         "bad.json: stages[0].touchpoints[0].emotion: must be a whole number from -2 to 2, or null"),
        ('{"title": "x", "stages": [{"id": "a", "name": "A", "touchpoints": [{"channel": {"id": 1}}]}]}',
         "bad.json: stages[0].touchpoints[0].channel.id: must be text, not a number"),
        ('{"title": "x", "format_version": 2}', "bad.json: format_version: 2 is not a version this parcours reads"),
        ('{"title": "x", "format": "other"}', "bad.json: format: this is not a parcours map"),
        ('{"title": "x", "extra": {"a": null}}', "bad.json: extra.a: null has no TOML value"),
        ('{"title": "x", "extra": {"a": {"$toml": "1979-13-45"}}}', "bad.json: extra.a: '$toml' does not hold a TOML value"),
        ('{"title": "x", "extra": {"a": {"$toml": "1\\nb = 2"}}}', "bad.json: extra.a: '$toml' must hold one TOML value on one line"),
        ('{"title": "x\\ud800"}', "bad.json: title: text holds half of a character"),
        ("[" * 100_000 + "]" * 100_000, "bad.json: nested too deeply to be a map"),
        ('{"title": "x", "stages": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}', "bad.json: stages[1].id: duplicate stage id 'a'"),
    ],
    ids=lambda value: value[:40],  # the id travels in the environment: the deep one would not fit
)
def test_bad_json_is_one_line_and_writes_nothing(tmp_path, content, expected):
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    done = parcours("import", "bad.json", "-o", "bad.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(expected), done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "bad.toml").exists()
