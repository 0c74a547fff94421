"""Property tests: validation and routing never raise on arbitrary JSON, and records survive a JSON round trip."""

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from cre.assessment import assess
from cre.convert import upgrade
from cre.definitions import all_forms, get_form, vocabulary
from cre.inputs import UnusableInput, read_record
from cre.records import new_record
from cre.validate import validate

STATUSES = {"invalid", "draft-valid", "complete"}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
FORMS = all_forms()
ITEM_IDS = sorted({item_id for form in FORMS for item_id in form.items})
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(form=st.sampled_from(FORMS),
       answers=st.dictionaries(st.sampled_from(ITEM_IDS) | st.text(max_size=10), json_values, max_size=12),
       envelope=st.dictionaries(st.sampled_from(["conversion", "created", "record_id", "extra"]), json_values, max_size=3))
def test_assess_never_raises_on_arbitrary_answers(form, answers, envelope):
    record = {**new_record(form.id, form.version), **envelope, "answers": answers}
    result = assess(record, now="2026-11-23T10:00")
    assert result["validation"]["status"] in STATUSES
    assert isinstance(result["routing"]["steps"], list) and result["routing"]["steps"]


@SETTINGS
@given(value=json_values)
def test_reading_arbitrary_json_either_refuses_clearly_or_gives_a_record(value):
    try:
        record, form = read_record(json.dumps(value).encode())
    except UnusableInput as error:
        assert str(error)
        return
    assert validate({**record, "answers": record.get("answers")}, form)["status"] in STATUSES


def valid_answer(item, draw):
    """A schema-valid answer for one item, drawn with Hypothesis."""
    text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
    values = [o["value"] for o in item.options]
    levels = [o["value"] for o in vocabulary("levels")]
    kind = item.type
    if kind in ("text", "textarea"):
        return draw(text)
    if kind == "integer":
        return draw(st.integers(item.raw.get("min", 0), item.raw.get("max", 25)))
    if kind == "date":
        return draw(st.dates()).isoformat()
    if kind == "choice":
        return draw(st.sampled_from(values))
    if kind == "checkboxes":
        return draw(st.lists(st.sampled_from(values), unique=True))
    if kind == "indicator":
        return draw(st.sampled_from([o["value"] for o in vocabulary("ratings")]))
    if kind == "typed_indicator":
        return {"cce": draw(st.booleans()), "cse": draw(st.booleans()), "level": draw(st.sampled_from([*levels, None]))}
    if kind == "factor":
        answer = {"historic": draw(st.booleans()), "current": draw(st.booleans())}
        return {**answer, "commentary": draw(text)} if item.raw.get("commentary") else answer
    if kind == "type_levels":
        return draw(st.dictionaries(st.sampled_from(values), st.sampled_from(levels)))
    if kind == "table":
        return draw(st.lists(st.fixed_dictionaries({c["id"]: text for c in item.raw["columns"]}), max_size=3))
    raise AssertionError(kind)


@SETTINGS
@given(data=st.data(), form_id=st.sampled_from(["dd-cre-2022", "cre-ra-legacy"]))
def test_new_then_answers_then_json_round_trip_is_lossless(data, form_id):
    form = get_form(form_id)
    record = new_record(form_id)
    chosen = data.draw(st.lists(st.sampled_from([i for i in form.items.values() if i.answerable]), unique_by=lambda i: i.id, max_size=25))
    record["answers"] = {item.id: valid_answer(item, data.draw) for item in chosen}
    text = json.dumps(record, ensure_ascii=False)
    again, _ = read_record(text.encode("utf-8"))
    assert again == record
    report = validate(again, form)
    assert report == validate(record, form)
    assert not [p for p in report["problems"] if p["code"] in ("schema", "unknown_answer")]


@SETTINGS
@given(data=st.data())
def test_every_record_of_an_earlier_definition_is_a_record_of_the_newest(data):
    """Revised definitions only ever asked less: any valid answers made with one validate the same at the newest."""
    earlier = data.draw(st.sampled_from([form for form in all_forms(revised=True)
                                         if form.definition["status"] == "revised"]))
    newest = get_form(earlier.id)
    record = new_record(earlier.id, earlier.version)
    chosen = data.draw(st.lists(st.sampled_from([i for i in earlier.items.values() if i.answerable]),
                                unique_by=lambda i: i.id, max_size=25))
    record["answers"] = {item.id: valid_answer(item, data.draw) for item in chosen}
    moved = upgrade(record)
    assert moved["form"]["version"] == newest.version and moved["answers"] == record["answers"]
    before, after = validate(record, earlier), validate(moved, newest)
    assert not [p for p in after["problems"] if p["code"] in ("schema", "unknown_answer")]
    assert after["status"] == before["status"]
