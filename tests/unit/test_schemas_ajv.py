"""The published schemas read the same in ajv 8 (ECMA-262 patterns, strict mode: what other systems use) as in
cre (Python's re through jsonschema): both compile, both accept a good record, both refuse the edge records."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cre.validate import validate
from tests_support import complete_record

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "ajv" / "check.mjs"
SCHEMAS = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "schemas").glob("*.schema.json"))


def ajv(request, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed to check the schemas with ajv"
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    done = subprocess.run([node, str(SCRIPT), str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _edge(base, change):
    record = complete_record(base)
    change(record)
    return record


def _set(key, value):
    return lambda record: record.__setitem__(key, value)


def _answer(key, value):
    return lambda record: record["answers"].__setitem__(key, value)


EDGES = {  # refused by both ajv and cre
    "record id ending in a newline": _set("record_id", "00000000-0000-4000-8000-000000000000\n"),
    "created at 25:61:61 on 30 February": _set("created", "2026-02-30T25:61:61Z"),
    "updated at hour 24": _set("updated", "2026-11-23T24:00:00Z"),
    "an offset of 25 hours": _set("updated", "2026-11-23T10:00:00+25:00"),
    "an offset of 14 hours and a minute": _set("updated", "2026-11-23T10:00:00+14:01"),
    "an offset of 15 hours behind": _set("created", "2026-11-23T10:00:00-15:00"),
    "an offset of 60 minutes": _set("updated", "2026-11-23T10:00:00+01:60"),
    "the year 9999 at +99:99": _set("updated", "9999-12-31T23:59:59+99:99"),
    "a date answer ending in a newline": _answer("date_completed", "2026-11-23\n"),
}


def test_every_published_schema_compiles_in_strict_mode(tmp_path):
    assert ajv({"compile": SCHEMAS}, tmp_path)["compile"] == {path: None for path in SCHEMAS}


@pytest.mark.parametrize("base", ["complete-000", "complete-004"])
def test_ajv_and_cre_agree_on_the_edges(base, tmp_path):
    schema = f"schemas/record-{complete_record(base)['form']['id']}.schema.json"
    good = complete_record(base)
    records = [good, *(_edge(base, change) for change in EDGES.values())]
    said = ajv({"validate": [{"schema": schema, "record": record} for record in records]}, tmp_path)["validate"]
    assert said == [True] + [False] * len(EDGES), dict(zip(["good", *EDGES], said))
    assert validate(good)["status"] == "complete"
    for name, record in zip(EDGES, records[1:]):
        assert validate(record)["status"] == "invalid", name


@pytest.mark.parametrize("key", ["created", "updated"])
def test_a_day_that_does_not_exist_is_refused_by_cre(key, tmp_path):
    """A pattern cannot know that 30 February does not exist (ajv accepts it); cre's rule refuses it."""
    record = _edge("complete-000", _set(key, "2026-02-30T10:00:00Z"))
    report = validate(record)
    assert report["status"] == "invalid"
    assert [(p["code"], p["message"]) for p in report["problems"]] == [
        ("record_time_invalid", f"The record is not valid at $.{key}: it must be a real date and time")]


@pytest.mark.parametrize("base", ["complete-000", "complete-004"])
def test_ajv_and_cre_accept_every_offset_a_clock_keeps(base, tmp_path):
    """From -14:00 to +14:00 (Kiribati), in whole minutes: Nepal is +05:45."""
    schema = f"schemas/record-{complete_record(base)['form']['id']}.schema.json"
    offsets = ["+14:00", "-14:00", "+05:45", "-09:30", "+00:00", "-00:00", "+13:59"]
    records = [_edge(base, _set("updated", f"2026-11-23T10:00:00{offset}")) for offset in offsets]
    said = ajv({"validate": [{"schema": schema, "record": record} for record in records]}, tmp_path)["validate"]
    assert said == [True] * len(offsets), dict(zip(offsets, said))
    for offset, record in zip(offsets, records):
        assert validate(record)["status"] == "complete", offset
