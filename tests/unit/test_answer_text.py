"""What check your answers and the PDF say: only what was said (cre.answer_text). Pure: also runs in Pyodide."""

import copy

import pytest

from cre.answer_text import describe, long_date, section_answers
from cre.definitions import get_form
from tests_support import BASES

CURRENT, EARLIER = get_form("dd-cre-2022"), get_form("cre-ra-legacy")


def section(form, section_id):
    return next(section for section in form.sections if section["id"] == section_id)


@pytest.mark.parametrize("value, text", [
    ({"historic": False, "current": True}, "Current"),
    ({"historic": True, "current": False}, "Historic"),
    ({"historic": True, "current": True}, "Historic and current"),
    ({"current": True}, "Current"),
])
def test_a_factor_says_only_the_columns_ticked(value, text):
    assert describe(CURRENT.item("f05"), value) == text


def test_a_factor_on_the_earlier_form_with_commentary():
    factor = EARLIER.item("f02")
    assert describe(factor, {"historic": False, "current": True, "commentary": "Parents separated."}) == \
        "Current. Commentary: Parents separated."
    only_commentary = {"historic": False, "current": False, "commentary": "Moved twice"}
    assert describe(factor, only_commentary) == "Commentary: Moved twice"


def test_dates_read_as_gov_uk_writes_them_or_as_typed():
    dob = CURRENT.item("dob")
    assert describe(dob, "2012-05-04") == "4 May 2012" == long_date("2012-05-04")
    assert describe(dob, {"day": "31", "month": "2", "year": "2026"}) == "Day 31, month 2, year 2026 (not a real date)"
    assert describe(dob, {"day": "", "month": "3", "year": "2024"}) == "Month 3, year 2024 (incomplete)"
    assert describe(dob, {"day": "4", "month": "5", "year": "12"}) == "Day 4, month 5, year 12 (incomplete)"
    assert describe(dob, "2026-02-30") == "2026-02-30"


def test_indicators_and_choices():
    assert describe(CURRENT.item("cce02"), "high") == "High"
    assert describe(EARLIER.item("ind05"), {"cce": True, "cse": True, "level": "medium"}) == "Medium (CCE and CSE)"
    assert describe(EARLIER.item("ind05"), {"cce": True, "cse": False, "level": None}) == "Not identified (CCE)"
    assert describe(CURRENT.item("send"), "unknown") == "Not known"
    assert describe(CURRENT.item("exploitation_levels"), {"cce": "high", "cse": "low"}) == \
        "Child criminal exploitation (CCE): High; Child sexual exploitation (CSE): Low"


def test_a_section_lists_what_was_answered_in_form_order():
    answers = BASES["complete-000"]["answers"]
    rows, not_rated = section_answers(CURRENT, section(CURRENT, "s1"), answers)
    assert [item.id for item, _ in rows] == ["child_name", "age", "dob", "address", "send", "local_authority",
                                             "case_open", "at_risk", "harmed_now", "why_at_risk"]
    assert dict((item.id, text) for item, text in rows)["dob"] == "4 May 2012" and not_rated == 0
    rows, _ = section_answers(CURRENT, section(CURRENT, "s2"), answers)
    assert [(item.id, text) for item, text in rows] == [("f02", "Historic and current")]


def test_unrated_indicators_are_counted_not_listed():
    answers = copy.deepcopy(BASES["complete-000"]["answers"])
    answers.update({"cce01": "not_identified", "cse27": "not_identified"})
    rows, not_rated = section_answers(CURRENT, section(CURRENT, "s3"), answers)
    assert [(item.id, text) for item, text in rows] == [("cce02", "High"), ("cce09", "Medium"), ("cse05", "Low")]
    assert not_rated == 23 + 27 - 3
    cce = section(CURRENT, "s3")["subsections"][0]
    assert section_answers(CURRENT, cce, answers)[1] == 21  # a subsection on its own: one line per group


def test_the_earlier_form_counts_typed_indicators_without_a_level():
    answers = {"ind02": {"cce": True, "cse": False, "level": "high"},
               "ind03": {"cce": True, "cse": False, "level": None},
               "ind04": {"cce": False, "cse": False, "level": None}}
    rows, not_rated = section_answers(EARLIER, section(EARLIER, "s1"), answers)
    assert [(item.id, text) for item, text in rows] == [("ind02", "High (CCE)"), ("ind03", "Not identified (CCE)")]
    assert not_rated == 29 - 1


def test_a_question_not_asked_is_left_out_whatever_it_holds():
    answers = {"local_authority": "derby", "local_authority_other": "Leicester", "previously_assessed": "no",
               "previous_date": "2020-01-01"}
    rows, _ = section_answers(CURRENT, section(CURRENT, "s1"), answers)
    assert [item.id for item, _ in rows] == ["local_authority", "previously_assessed"]


@pytest.mark.parametrize("form", [CURRENT, EARLIER], ids=lambda form: form.id)
@pytest.mark.parametrize("odd", [{"level": ["high"], "cce": "yes"}, [None, {"x": 1}], 3.5, True, "x",
                                 {"day": 5, "month": None}])
def test_answers_of_any_shape_give_text(form, odd):
    answers = {item_id: odd for item_id in form.items}
    for part in form.sections:
        rows, not_rated = section_answers(form, part, answers)
        assert all(isinstance(text, str) for _, text in rows) and not_rated >= 0
