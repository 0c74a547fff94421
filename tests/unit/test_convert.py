"""Converting an earlier-form (004) record to a current-form (000) draft loses nothing; a record of an earlier
definition of form 000 opens at the newest as it is."""

import pytest

from cre.answer_text import describe
from cre.convert import CannotConvert, conversion_for, convert, prepare_import
from cre.definitions import get_form
from cre.records import new_record
from cre.validate import validate

EARLIER, CURRENT = get_form("cre-ra-legacy"), get_form("dd-cre-2022")


def every_item_answered():
    """An earlier-form record with every question answered."""
    record = new_record("cre-ra-legacy")
    answers = {}
    for n, item in enumerate(i for i in EARLIER.items.values() if i.answerable):
        answers[item.id] = {
            "text": f"text {n}", "textarea": f"long text {n}", "integer": 15, "date": "2026-11-20",
            "choice": item.options[0]["value"] if item.options else None,
            "typed_indicator": {"cce": n % 2 == 0, "cse": n % 3 == 0, "level": ("low", "medium", "high")[n % 3]},
            "factor": {"historic": True, "current": n % 2 == 0, "commentary": f"commentary {n}"},
            "table": [{"action": "Call IRT", "responsible": "DSL", "timescale": "Today"}],
        }[item.type]
    answers["dob"] = "2011-06-01"
    record["answers"] = answers
    return record


def test_every_answer_is_mapped_or_carried_into_the_note():
    record = every_item_answered()
    draft = convert(record)
    carried = {entry["item"] for entry in draft["conversion"]["unmapped"]}
    mapped = conversion_for(EARLIER)["items"]
    for item_id in record["answers"]:
        assert item_id in carried or item_id in mapped, item_id
    mapping = {"disabilities": "send", "risks_to_practitioners": "risks_to_professionals"}
    for item_id in ("child_name", "address", "dob", "practitioner_name", "immediate_actions", "disabilities", "risks_to_practitioners"):
        assert draft["answers"][mapping.get(item_id, item_id)] == record["answers"][item_id]
    for item_id in ("immediate_concerns", "contextual_analysis", "summary", "primary_risk_type", "pbr_environments"):
        assert item_id in carried, item_id
    commentary = [e for e in draft["conversion"]["unmapped"] if e["item"] == "f01"]
    assert commentary and "commentary" in commentary[0]["answer"]


def test_the_note_keeps_the_earlier_wording_and_answers():
    record = new_record("cre-ra-legacy")
    record["answers"] = {"ind22": {"cce": True, "cse": False, "level": "high"}, "threshold": "s47"}
    notes = {e["item"]: e for e in convert(record)["conversion"]["unmapped"]}
    assert notes["ind22"] == {"item": "ind22", "label": "Abduction and forced imprisonment", "answer": "High (CCE)"}
    assert notes["threshold"]["answer"] == "Child protection concerns (Section 47)"


def test_indicator_ticks_map_to_each_list_and_the_higher_level_wins():
    record = new_record("cre-ra-legacy")
    record["answers"] = {"ind08": {"cse": True, "level": "low"}, "ind09": {"cce": True, "cse": True, "level": "high"},
                         "ind07": {"cce": True, "cse": True, "level": "medium"}}
    draft = convert(record)
    assert draft["answers"]["cse11"] == "high" and draft["answers"]["cce10"] == "high"
    assert draft["answers"]["cse10"] == "medium"
    assert [e["item"] for e in draft["conversion"]["unmapped"]] == ["ind07"]  # its CCE tick has no counterpart


def test_the_draft_is_schema_valid_and_needs_review():
    draft = convert(every_item_answered())
    report = validate(draft, CURRENT)
    assert not [p for p in report["problems"] if p["code"] in ("schema", "unknown_answer")]
    assert "conversion_review" in {p["code"] for p in report["problems"]}
    assert report["status"] == "draft-valid"  # not complete: Section 4 and the conversion are still to do
    reviewed = {**draft, "conversion": {**draft["conversion"], "reviewed": True}}
    assert "conversion_review" not in {p["code"] for p in validate(reviewed, CURRENT)["problems"]}


def converted(answers):
    record = new_record("cre-ra-legacy")
    record["answers"] = answers
    draft = convert(record)
    return draft["answers"], {e["item"]: e["answer"] for e in draft["conversion"]["unmapped"]}


def test_a_risk_to_themselves_is_not_place_based_other():
    answers, notes = converted({"pbr_other": "Self-harms when missing"})
    assert "pbr_other" not in answers and notes["pbr_other"] == "Self-harms when missing"


@pytest.mark.parametrize("answer", ["no", "unknown"])
def test_no_disabilities_does_not_assert_no_send(answer):
    answers, notes = converted({"disabilities": answer})
    assert "send" not in answers and notes["disabilities"] == {"no": "No", "unknown": "Not known"}[answer]


def test_disabilities_yes_is_send_yes():
    answers, notes = converted({"disabilities": "yes"})
    assert answers["send"] == "yes" and "disabilities" not in notes


@pytest.mark.parametrize("item_id, cce", [("ind01", "cce01"), ("ind03", "cce03"), ("ind05", "cce06")])
def test_a_cse_tick_with_no_indicator_of_the_same_meaning_goes_to_the_note(item_id, cce):
    answers, notes = converted({item_id: {"cce": True, "cse": True, "level": "medium"}})
    assert answers == {cce: "medium"} and notes[item_id] == "Medium (CCE and CSE)"


def test_the_earlier_assessment_becomes_the_previous_assessment():
    answers, notes = converted({"date_completed": "2021-03-04", "practitioner_date": "2021-03-05",
                                "risk_level": "high", "previously_assessed": "no"})
    assert {k: answers.get(k) for k in ("previously_assessed", "previous_date", "previous_level", "date_completed",
                                         "practitioner_date")} == {
        "previously_assessed": "yes", "previous_date": "2021-03-04", "previous_level": "high",
        "date_completed": None, "practitioner_date": None}
    assert set(notes) == {"practitioner_date", "previously_assessed"}


def test_without_its_date_or_level_the_earlier_answer_on_previous_assessments_carries_over():
    answers, notes = converted({"previously_assessed": "no"})
    assert answers == {"previously_assessed": "no"} and not notes


def test_the_allocated_worker_name_and_contact_join():
    answers, notes = converted({"allocated_worker": "Sam Smith", "allocated_worker_contact": "01332 000000"})
    assert answers == {"allocated_worker": "Sam Smith\n01332 000000"} and not notes


def test_a_parent_or_carer_disability_is_not_the_child_sen_factor():
    answers, notes = converted({"f08": {"historic": False, "current": True}})
    assert "f08" not in answers and notes["f08"] == "Current"


def test_a_current_form_record_cannot_be_converted():
    with pytest.raises(CannotConvert):
        convert(new_record("dd-cre-2022"))


def test_describe_reads_like_the_form():
    factor = EARLIER.item("f03")
    assert describe(factor, {"historic": True, "current": False}) == "Historic"


def earlier_definition_record():
    """A record made with the first definition of form 000 (version 2), every question that version asks answered."""
    first = get_form("dd-cre-2022", "2")
    record = new_record("dd-cre-2022", "2")
    answers = {}
    for n, item in enumerate(i for i in first.items.values() if i.answerable):
        answers[item.id] = {
            "text": f"text {n}", "textarea": f"long text {n}", "integer": 15, "date": "2026-03-14",
            "choice": item.options[-1]["value"] if item.options else None,
            "checkboxes": [o["value"] for o in item.options], "indicator": "medium",
            "factor": {"historic": True, "current": n % 2 == 0},
            "type_levels": {o["value"]: "medium" for o in item.options},
            "table": [{c["id"]: f"cell {n}" for c in item.raw.get("columns", [])}],
        }[item.type]
    answers["dob"] = "2011-01-01"  # 15 on the date of completion, as the age says: a record with no problem
    record["answers"] = answers
    return record


def test_a_record_of_the_first_definition_opens_at_the_newest_with_every_answer_as_it_was():
    record = earlier_definition_record()
    first = get_form("dd-cre-2022", "2")
    assert first.definition["status"] == "revised" and get_form("dd-cre-2022").version == CURRENT.version
    assert not [p for p in validate(record, first)["problems"] if p["code"] == "schema"]
    moved = prepare_import(record, first)
    assert moved["form"] == {"id": "dd-cre-2022", "version": CURRENT.version}
    assert moved["answers"] == record["answers"] and moved["record_id"] == record["record_id"]
    assert {k: v for k, v in moved.items() if k != "form"} == {k: v for k, v in record.items() if k != "form"}
    before, after = validate(record, first), validate(moved, CURRENT)
    assert before["status"] == after["status"] == "complete"
    assert [(p["code"], p["path"]) for p in after["problems"]] == [(p["code"], p["path"]) for p in before["problems"]]


def test_the_cli_convert_moves_a_first_definition_record_on_and_a_current_one_stays_refused():
    record = earlier_definition_record()
    assert convert(record)["form"]["version"] == CURRENT.version
    with pytest.raises(CannotConvert):
        convert(new_record("dd-cre-2022"))
