"""What the form page says about a review (cre.review_text): the mark beside a carried answer (the PDF key's words),
which screens hold carried answers and where the rule's problem leads, the levels the reviewed assessment recorded,
and what changed (cre.review's words, as the PDF and `cre diff --text` give them).

Runs in CPython and again inside Pyodide (tests/pyodide/run.mjs)."""

from cre import review_text
from cre.definitions import get_form
from cre.records import new_record, reviewed
from cre.pdf_review import carried_key
from cre.review import as_text, carried, changes, confirm, snapshot, start_review
from cre.validate import validate
from tests_support import complete_record

STARTED = "2026-11-30T09:00:00Z"


def review_of_complete(**answers):
    review = start_review(complete_record("complete-000"), now=STARTED)
    review["answers"].update(answers)
    return confirm(review, answers)


def test_the_mark_has_the_pdf_keys_words():
    review = review_of_complete()
    assert review_text.carried_note(review) == "Carried over from the assessment of 23 November 2026, not yet confirmed"
    assert carried_key(review) == f"‡ {review_text.carried_note(review)}."  # the PDF's key says the same


def test_a_record_that_is_no_review_has_no_marks_levels_or_changes():
    record = complete_record("complete-000")
    assert carried(record) == []
    assert review_text.carried_screens(get_form("dd-cre-2022"), record) == []
    assert review_text.previous_levels(record) == ""
    assert review_text.what_changed(record) is None
    assert review_text.reviewed_on(record) == ""


def test_carried_answers_by_screen_and_where_the_rules_problem_leads():
    form = get_form("dd-cre-2022")
    review = review_of_complete(cce02="medium")
    assert review_text.carried_on(form, review, "section-s1") == ["child_name", "age", "dob", "address", "send",
                                                                  "local_authority"]
    assert review_text.carried_on(form, review, "section-s3") == ["cce09", "cse05"]
    assert review_text.carried_screens(form, review) == ["section-s1", "section-s2", "section-s3"]
    problem = next(found for found in validate(review, form)["problems"] if found["code"] == "review_carried")
    assert review_text.problem_screen(form, review, problem) == "section-s1"
    confirm(review, review_text.carried_on(form, review, "section-s1"))
    assert review_text.problem_screen(form, review, problem) == "section-s2"
    assert review_text.problem_screen(form, review, {"path": "$.answers.age", "item": "age"}) is None
    assert review_text.on_screen(1, review) == ("1 answer on this screen is carried over from the assessment of 23 "
                                                "November 2026. Change any that are no longer right, then confirm the "
                                                "rest.")


def test_the_levels_at_the_reviewed_assessment():
    review = review_of_complete()
    assert review_text.previous_levels(review) == ("At the assessment of 23 November 2026: Child criminal "
                                                   "exploitation (CCE): High; Child sexual exploitation (CSE): Low; "
                                                   "overall High")
    unjudged = new_record("dd-cre-2022")
    unjudged["answers"] = {"cce02": "medium", "date_completed": "2026-03-14"}
    assert review_text.previous_levels(start_review(unjudged, now=STARTED)) == (
        "At the assessment of 14 March 2026 (the levels its indicators suggested: it recorded no judgement): Child "
        "criminal exploitation (CCE): Medium; overall Medium")
    assert review_text.started(review) == ("You started a review of the assessment of 23 November 2026. The answers "
                                           "carried over from it are marked: confirm or change each.")


def test_what_changed_is_the_same_as_cre_diff_text():
    review = review_of_complete(cce02="medium", cse11="low")
    found = review_text.what_changed(review)
    text = as_text(changes(reviewed(review), snapshot(review)))
    lines = [found["title"], "", *found["summary"]]
    for heading, rows in found["groups"]:
        lines += ["", heading, *(f"  {row}" for row in rows)]
    assert "\n".join(lines) == text
    assert [row.split(":")[0] for row in dict(found["groups"])["Indicators"]] == [
        "CCE 2, lowered (High → Medium)", "CSE 11, newly rated (Low)"]


def test_a_damaged_review_field_shows_no_changes():
    review = review_of_complete()
    review["review"]["before"] = {"cce02": {"level": ["not", "a", "level"]}}
    review["review"]["of"]["levels"] = "High"
    assert review_text.what_changed(review) is None
    assert review_text.previous_levels(review) == ""


def test_review_by_is_suggested_only_from_intervals_a_partnership_sets_and_says_whose_they_are(monkeypatch):
    record = complete_record("complete-000")  # judged High, completed 23 November 2026
    assert review_text.review_by_hint(record) == ""  # the procedure gives no interval: none is assumed
    form = get_form("dd-cre-2022")
    local = {**form.definition["review"], "intervals": {"high": 28, "medium": 56},
             "intervals_source": "Derby and Derbyshire practice guidance 2027"}
    monkeypatch.setitem(form.definition, "review", local)
    assert review_text.review_by_hint(record) == (
        "Derby and Derbyshire practice guidance 2027, not the procedure: review a High risk within 28 days of "
        "completion, so by 21 December 2026")
    record["answers"].pop("exploitation_levels")
    assert review_text.review_by_hint(record) == ""  # no judgement yet: nothing to suggest
