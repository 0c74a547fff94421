"""Where a practitioner is in the form (cre.progress) and how the drafts list names a draft (cre.draft_list): the
same answers give the same statuses and words in CPython and in the browser's Pyodide (this file runs in both)."""

from datetime import datetime, timezone

from cre import draft_list, progress
from cre.definitions import get_form
from cre.records import duplicate, new_record
from cre.validate import validate
from tests_support import complete_record

FORM = get_form("dd-cre-2022")


def rows_for(answers):
    record = new_record(FORM.id)
    record["answers"] = answers
    report = validate(record, FORM)
    return {row["id"]: row for row in progress.section_progress(FORM, answers, report["problems"])}


def test_the_screens_go_start_sections_result_check():
    assert progress.screens(FORM) == ["start", "tasks", "section-s1", "section-s2", "section-s3", "section-s4",
                                      "result", "check"]
    assert progress.next_screen(FORM, "section-s1") == "section-s2"
    assert progress.next_screen(FORM, "section-s4") == "result"
    assert progress.next_screen(FORM, "result") == "check"
    assert progress.section_of(FORM, "cce02") == "section-s3"
    assert progress.section_of(FORM, None) is None


def test_nothing_answered_is_not_started_with_counts_that_help():
    rows = rows_for({})
    assert {row["status_text"] for row in rows.values()} == {"Not started"}
    assert rows["s3"]["hint"] == "0 of 50 indicators rated"
    assert rows["s2"]["hint"] == "0 of 21 factors ticked"
    assert rows["s1"]["hint"] == ""  # nothing counted, and nothing needed yet


def test_ten_of_fifty_indicators_rated_is_in_progress_not_completed():
    answers = {f"cce{n:02d}": "not_identified" for n in range(1, 11)}
    row = rows_for(answers)["s3"]
    assert (row["status"], row["hint"]) == ("in-progress", "10 of 50 indicators rated")


def test_every_indicator_rated_even_as_not_identified_is_completed():
    answers = {item.id: "not_identified" for item in FORM.of_type("indicator")}
    answers["cce02"] = "medium"
    assert rows_for(answers)["s3"]["status_text"] == "Completed"


def test_what_a_complete_assessment_needs_is_counted_and_a_wrong_answer_is_a_problem():
    row = rows_for({"child_name": "Zofia Wójcik"})["s1"]
    assert row["status"] == "in-progress" and row["hint"].endswith("answers needed")
    assert rows_for({"child_name": "Zofia Wójcik", "age": "fourteen"})["s1"]["status_text"] == "There is a problem"
    record = complete_record()
    report = validate(record, FORM)
    rows = progress.section_progress(FORM, record["answers"], report["problems"])
    assert rows[0]["status"] == "completed" and rows[1]["hint"] == "1 of 21 factors ticked"
    assert progress.completed_count(rows) >= 2


def test_a_screen_lists_its_own_problems_and_check_your_answers_lists_every_one():
    record = new_record(FORM.id)
    record["answers"] = {"age": "fourteen", "cce02": "low", "exploitation_levels": {"cce": "high"}}
    problems = validate(record, FORM)["problems"]
    on_s1 = progress.shown_problems(FORM, problems, "section-s1", checked=False)
    assert [found["item"] for found in on_s1] == ["age"]
    assert progress.shown_problems(FORM, problems, "section-s3", checked=False) == []
    assert progress.shown_problems(FORM, problems, "tasks", checked=True) == []
    everything = progress.shown_problems(FORM, problems, "check", checked=True)
    assert {"age", "child_name"} <= {found["item"] for found in everything}
    assert not any(found["item"] == "child_name" for found in progress.shown_problems(FORM, problems, "check",
                                                                                      checked=False))


def utc(_moment):
    return 0


def summer(_moment):
    return 60


def test_a_draft_is_named_by_initials_in_local_time_never_by_the_name():
    record = complete_record()
    record["created"], record["updated"] = "2026-07-01T08:05:00Z", "2026-07-01T13:45:00Z"
    title, details = draft_list.describe(draft_list.summary(record, "complete"), summer)
    text = title + " ".join(details)
    assert title == "ZW · CRE Assessment (May 2022)"
    assert "Wójcik" not in text and "Zofia" not in text
    assert "Started 1 Jul 2026, 09:05" in details and "Last changed 1 Jul 2026, 14:45" in details
    assert "Level: High (your judgement)" in details and "Status: ready to send" in details


def test_a_copy_says_which_draft_it_copies():
    record = complete_record()
    record["created"] = "2026-11-29T09:00:00Z"
    original = draft_list.summary(record, "draft-valid")
    copy = duplicate(record, now="2026-11-30T10:00:00Z")
    title, details = draft_list.describe(draft_list.summary(copy, "draft-valid", draft_list.copy_note(original)), utc)
    assert details[-1] == "A copy of the draft ZW started 29 Nov 2026, 09:00"
    untitled = draft_list.describe(draft_list.summary(new_record(FORM.id), "draft-valid"), utc)
    assert untitled[0].startswith("XX ·") and "No level yet" in untitled[1]


def test_the_newest_draft_comes_first_and_a_damaged_one_last():
    summaries = {"a": {"updated": "2026-11-01T00:00:00Z"}, "b": None, "c": {"updated": "2026-11-30T00:00:00Z"}}
    assert draft_list.list_order(summaries, lambda _moment: 0) == ["c", "a", "b"]
    assert draft_list.local_time("not a time", utc) == "at an unknown time"
    assert draft_list.local_time("2026-10-31T23:30:00Z", summer) == "1 Nov 2026, 00:30"


def test_a_date_missing_its_month_waits_for_continue_then_shows_on_its_screen():
    record = new_record(FORM.id)
    record["answers"] = {"dob": {"day": "4", "month": "", "year": "2012"}}
    problems = validate(record, FORM)["problems"]
    partial = [found for found in problems if found["item"] == "dob"]
    assert [found["code"] for found in partial] == ["date_incomplete"] and not partial[0]["live"]
    assert progress.shown_problems(FORM, problems, "section-s1", checked=False) == []
    shown = progress.shown_problems(FORM, problems, "section-s1", checked=False, submitted="section-s1")
    assert [found["message"] for found in shown] == ["Date of birth must include a month"]
    assert progress.shown_problems(FORM, problems, "section-s4", checked=False, submitted="section-s4") == []


def test_the_reason_box_shows_for_a_judgement_below_the_suggestion_or_a_reviews_low_under_the_floor_rule():
    """Asked while a judgement is below the suggestion, or Low on a review under the floor rule (a type no
    indicator suggests), and while a reason is written; not for a first assessment's Low, which is refused."""
    item = FORM.item("level_rationale")
    base = {"send": "yes", "cce02": "low", "exploitation_levels": {"cce": "medium", "other": "low"}}

    def asked(**answers):
        answers = {**base, **answers}
        return progress.is_asked(FORM, item, answers, validate_suggestion(answers))

    assert not asked()  # first assessment: the Low is refused (floor_rule_low), no reason can make it right
    assert asked(previously_assessed="yes")
    assert not asked(previously_assessed="yes", send="no")  # the floor rule does not apply
    assert asked(exploitation_levels={"cce": "low"})  # below the suggestion (Medium under the floor rule)
    assert asked(level_rationale="Written before the judgement changed.")


def validate_suggestion(answers):
    record = new_record(FORM.id)
    record["answers"] = answers
    return validate(record, FORM)["suggestion"]


def test_reviews_overdue_then_due_soon_come_first_in_local_dates_and_say_so():
    now = datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc)  # already 1 December in Paris (UTC+1)
    paris = lambda _moment: 60  # noqa: E731

    def listed(review_by, updated):
        record = new_record(FORM.id, now=updated)
        record["answers"] = {"child_name": "Ada Lovelace", "review_by": review_by} if review_by else {}
        return draft_list.summary(record, "draft-valid")

    summaries = {"recent": listed(None, "2026-11-30T20:00:00Z"), "later": listed("2027-03-01", "2026-11-29T08:00:00Z"),
                 "soon": listed("2026-12-10", "2026-11-01T08:00:00Z"), "overdue": listed("2026-11-30", "2026-10-01T08:00:00Z")}
    assert draft_list.list_order(summaries, paris, now) == ["overdue", "soon", "recent", "later"]
    _, details = draft_list.describe(summaries["overdue"], paris, now)
    assert "Review by 30 November 2026 (overdue)" in details
    assert "Review by 10 December 2026 (due soon)" in draft_list.describe(summaries["soon"], paris, now)[1]
    assert "Review by 1 March 2027" in draft_list.describe(summaries["later"], paris, now)[1]
    # On the practitioner's clock in London it is still 30 November: not yet overdue.
    assert "Review by 30 November 2026 (due soon)" in draft_list.describe(summaries["overdue"], lambda _m: 0, now)[1]
