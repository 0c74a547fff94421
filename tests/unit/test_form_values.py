"""The form page's fields and the record's answers agree both ways (no hypothesis: this file also runs in Pyodide)."""

from cre.definitions import get_form
from cre.form_values import answers_from_entries, entries_from_answers
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
