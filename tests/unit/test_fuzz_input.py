"""Fuzzing the way into the toolkit: whatever a file holds, opening it either gives a record or refuses it with a
message (UnusableInput from read_record, ValueError from prepare_import), and a record read_record accepted can
always be validated and assessed. Nothing else may escape: in the browser an unexpected exception would leave the
practitioner with a dead page and no reason why.

Inputs tried per test (Hypothesis max_examples, all of them run unless Hypothesis runs out of new inputs first):
arbitrary bytes 500, arbitrary JSON values 300, records of both forms with their JSON mutated 300, their bytes
mutated 300 (about 1.5 s in all). CPython only: the Pyodide run has no Hypothesis (test_hostile_input.py runs
there instead).
"""

import copy
import json

from hypothesis import HealthCheck, event, given, settings, strategies as st

from cre.assessment import assess
from cre.convert import prepare_import
from cre.definitions import get_form
from cre.inputs import FORBIDDEN_KEYS, UnusableInput, read_record
from cre.validate import validate
from tests_support import complete_record

STATUSES = {"invalid", "draft-valid", "complete"}
NOW = "2026-11-23T10:00"


def fuzz_settings(examples):
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])


KEYS = st.sampled_from(["form", "id", "version", "answers", "record_id", "conversion", "unmapped", "child_name",
                        "age", "cce02", "exploitation_levels", "immediate_actions", *sorted(FORBIDDEN_KEYS)]
                       ) | st.text(max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=20) | st.sampled_from(["dd-cre-2022", "cre-ra-legacy", "2", "1", "high", "yes",
                                                     "<img src=x onerror=alert(1)>", "2026-02-30"]))
JSON_VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(KEYS, children, max_size=5), max_leaves=25)
BASES = ["complete-000", "complete-004"]
FORMS = {form_id: get_form(form_id) for form_id in ("dd-cre-2022", "cre-ra-legacy")}


def refused_plainly(error):
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message, repr(message)


def open_like_the_page(data):
    """What the form page does with a chosen file (drafts.import_file), then what it does with every record it
    shows (assess). What happened is an event in Hypothesis's statistics (pytest --hypothesis-show-statistics)."""
    event(_open(data))


def _open(data):
    try:
        record, form = read_record(data)
    except UnusableInput as error:
        refused_plainly(error)
        return "unusable"
    untouched = copy.deepcopy(record)
    assert validate(record, form, today=None)["status"] in STATUSES
    result = assess(record, form, now=NOW)
    assert result["validation"]["status"] in STATUSES and result["routing"]["steps"]
    assert record == untouched, "validating changed the record"
    try:
        opened = prepare_import(record, form)
    except UnusableInput:
        raise AssertionError("prepare_import raised UnusableInput; it refuses with a plain ValueError") from None
    except ValueError as error:
        refused_plainly(error)
        assert str(error).startswith("it does not match its form: ")
        return "does not match its form"
    assert assess(opened, now=NOW)["validation"]["status"] in STATUSES
    return "opened"


@fuzz_settings(500)
@given(data=st.binary(max_size=400) | st.builds(lambda b: b'{"form": ' + b, st.binary(max_size=200)))
def test_arbitrary_bytes_are_opened_or_refused_with_a_message(data):
    open_like_the_page(data)


@fuzz_settings(300)
@given(value=JSON_VALUES, form=st.sampled_from([{"id": "dd-cre-2022", "version": "2"},
                                                {"id": "cre-ra-legacy", "version": "1"}]),
       wrap=st.booleans())
def test_arbitrary_json_is_opened_or_refused_with_a_message(value, form, wrap):
    """Half the time the value is the record's answers, beside a known form, so it reaches validation."""
    document = {"form": form, "answers": value} if wrap else value
    open_like_the_page(json.dumps(document, ensure_ascii=False).encode("utf-8"))


def paths(node, prefix=()):
    """Every place in a record: ("answers", "age"), ("answers", "immediate_actions", 0, "action"), ..."""
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from paths(child, (*prefix, index))


def free_text(record, place):
    """Whether place is an answer typed as free text (a text or textarea item, or a table's cell)."""
    if len(place) < 2 or place[0] != "answers" or not isinstance(record.get("answers"), dict):
        return False
    form_id = record["form"].get("id") if isinstance(record.get("form"), dict) else None
    form = FORMS.get(form_id) if isinstance(form_id, str) else None
    item = form.item(place[1]) if form and isinstance(place[1], str) else None
    return item is not None and (item.type in ("text", "textarea") or (item.type == "table" and len(place) == 4))


HOSTILE_TEXT = st.text(max_size=30) | st.sampled_from(["<img src=x onerror=alert(1)>", "</script><script>alert(2)",
                                                       "\u202eevil", "\u200b\u200d", "__proto__", "{nb}", "%s%n"])


def mutate(record, draw):
    """One to three edits at places in the record: other text where there was text (most often), a new value, a
    removed key, an added key, a renamed key."""
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["text", "text", "replace", "remove", "add", "rename"]))
        places = [p for p in paths(record) if p and (edit != "text" or free_text(record, p))]
        if not places:
            continue
        place = draw(st.sampled_from(places))
        parent = record
        for step in place[:-1]:
            parent = parent[step]
        if edit == "text":
            parent[place[-1]] = draw(HOSTILE_TEXT)
        elif edit == "replace":
            parent[place[-1]] = draw(JSON_VALUES)
        elif edit == "remove":
            del parent[place[-1]]
        elif isinstance(parent, dict):
            key = draw(KEYS)
            parent[key] = parent.pop(place[-1]) if edit == "rename" else draw(JSON_VALUES)
        else:
            parent.insert(place[-1], draw(JSON_VALUES))
    return record


@fuzz_settings(300)
@given(data=st.data(), base=st.sampled_from(BASES))
def test_valid_records_with_their_json_mutated_are_opened_or_refused(data, base):
    record = mutate(complete_record(base), data.draw)
    open_like_the_page(json.dumps(record, ensure_ascii=False).encode("utf-8"))


@fuzz_settings(300)
@given(data=st.data(), base=st.sampled_from(BASES))
def test_valid_records_with_their_bytes_mutated_are_opened_or_refused(data, base):
    """Cut short, a byte changed, bytes put in: what a damaged download or a bad copy looks like."""
    raw = bytearray(json.dumps(complete_record(base), ensure_ascii=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        edit = data.draw(st.sampled_from(["cut", "change", "insert"]))
        if edit == "cut":
            del raw[at:]
        elif edit == "change" and at < len(raw):
            raw[at] = data.draw(st.integers(0, 255))
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b'"__proto__":{},', b"[[[[", b"\\ud800", b"1e999", b"\xed\xa0\x80", b"NaN"]))
    open_like_the_page(bytes(raw))


def test_the_fault_suite_table_counts_these_inputs():
    """The site's Data safety page (from tests/e2e/fault-suite.yaml) says how many inputs this file tries."""
    import re
    from pathlib import Path

    import yaml

    here = Path(__file__)
    tried = sum(int(n) for n in re.findall(r"^@fuzz_settings\((\d+)\)", here.read_text(encoding="utf-8"), re.M))
    rows = yaml.safe_load((here.parents[1] / "e2e" / "fault-suite.yaml").read_text(encoding="utf-8"))["rows"]
    row = next(row for row in rows if row["id"] == "fuzzed-import")
    assert row["figures"] == {"inputs tried": tried, "records lost": 0}
