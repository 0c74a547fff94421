"""The form page's fields and the record's answers agree both ways (no hypothesis: this file also runs in Pyodide)."""

from cre.definitions import get_form
from cre.form_values import answers_from_entries, entries_from_answers, read_date
from tests_support import BASES


def test_a_complete_record_survives_the_page_both_ways():
    for base in ("complete-000", "complete-004"):
        form = get_form(BASES[base]["form"])
        answers = BASES[base]["answers"]
        assert answers_from_entries(form, entries_from_answers(form, answers)) == answers


def test_entries_read_like_form_data():
    form = get_form("dd-cre-2022")
    entries = [("child_name", "  Zofia  "), ("age", "12"), ("dob", ""), ("send", "yes"), ("cce02", "high"),
               ("f03.historic", "true"), ("exploitation_levels.cce", "medium"), ("exploitation_levels.cse", ""),
               ("immediate_actions.0.action", "Call IRT"), ("immediate_actions.0.responsible", ""),
               ("immediate_actions.1.action", " "), ("immediate_actions.2.timescale", "Today"),
               ("agencies_involved", "police"), ("agencies_involved", "camhs"), ("not_a_field", "x")]
    assert answers_from_entries(form, entries) == {
        "child_name": "  Zofia  ", "age": 12, "send": "yes", "cce02": "high",
        "f03": {"historic": True, "current": False}, "exploitation_levels": {"cce": "medium"},
        "immediate_actions": [{"action": "Call IRT"}, {"timescale": "Today"}],
        "agencies_involved": ["police", "camhs"]}


def test_an_age_that_is_not_a_number_is_kept_for_the_schema_to_explain():
    form = get_form("dd-cre-2022")
    assert answers_from_entries(form, [("age", "twelve")]) == {"age": "twelve"}


def test_earlier_form_ticks_and_levels():
    form = get_form("cre-ra-legacy")
    entries = [("ind02.cce", "true"), ("ind02.level", "high"), ("ind03.level", ""), ("f01.commentary", "Moved twice")]
    assert answers_from_entries(form, entries) == {
        "ind02": {"cce": True, "cse": False, "level": "high"},
        "f01": {"historic": False, "current": False, "commentary": "Moved twice"}}


def boxes(item_id, day, month, year):
    return [(f"{item_id}.day", day), (f"{item_id}.month", month), (f"{item_id}.year", year)]


def test_a_real_date_from_three_boxes_is_an_iso_date():
    form = get_form("dd-cre-2022")
    for typed in [("4", "5", "2012"), ("04", "05", "2012"), (" 4 ", "May", "2012"), ("4th", "may", "2012")]:
        assert answers_from_entries(form, boxes("dob", *typed)) == {"dob": "2012-05-04"}, typed
    assert answers_from_entries(form, boxes("dob", "30", "sept", "2012")) == {"dob": "2012-09-30"}
    assert answers_from_entries(form, boxes("dob", "29", "2", "2024")) == {"dob": "2024-02-29"}


def test_three_blank_boxes_are_no_answer():
    form = get_form("dd-cre-2022")
    assert answers_from_entries(form, boxes("dob", "", " ", "")) == {}


def test_a_partial_or_impossible_date_is_kept_exactly_as_typed():
    form = get_form("dd-cre-2022")
    for typed in [("31", "2", "2026"), ("5", "13", "2020"), ("5", "", "2012"), ("", "", "2012"), ("fifth", "5", "2012"),
                  ("5", "5", "12"), (" 7", "ju", "2012")]:
        answers = answers_from_entries(form, boxes("dob", *typed))
        assert answers == {"dob": dict(zip(("day", "month", "year"), typed))}, typed


def test_a_date_survives_a_save_and_resume_both_ways():
    """What the boxes held comes back into them: a partial or impossible date exactly, a real date as its day,
    month and year without leading zeros."""
    form = get_form("dd-cre-2022")
    typed = {"day": "31", "month": "2", "year": "2026"}
    assert entries_from_answers(form, {"dob": typed}) == boxes("dob", "31", "2", "2026")
    partial = {"day": "", "month": " 3", "year": "2024"}
    assert entries_from_answers(form, {"previous_date": partial}) == boxes("previous_date", "", " 3", "2024")
    for answers in [{"dob": typed}, {"previous_date": partial}, {"dob": "2012-05-04"}]:
        assert answers_from_entries(form, entries_from_answers(form, answers)) == answers
    assert entries_from_answers(form, {"dob": "2012-05-04"}) == boxes("dob", "4", "5", "2012")


def test_read_date_says_what_is_wrong():
    assert read_date({"day": "4", "month": "5", "year": "2012"}).iso == "2012-05-04"
    assert read_date({"day": "5", "month": "", "year": "2012"}).missing == ("month",)
    assert read_date({"day": "", "month": "", "year": "2012"}).missing == ("day", "month")
    assert read_date({"day": "5", "month": "5", "year": "12"}).fault == "year"
    assert read_date({"day": "31", "month": "2", "year": "2026"}).fault == "not_real"
    assert read_date({"day": "5", "month": "13", "year": "2020"}).fault == "not_real"
    assert read_date({"day": "5", "month": "May", "year": "twenty"}).fault == "not_real"
    assert read_date({"day": "0", "month": "1", "year": "0000"}).fault == "not_real"
