"""The PDF of an assessment record: what it says, on which pages, and that awkward input cannot break it."""

import io
import logging
import re

import pytest
from pypdf import PdfReader

from cre.assessment import assess
from cre.definitions import get_form
from cre.pdf import render_pdf
from cre.pdf_glyphs import NAME_NOTE, notice, undrawable
from tests_support import complete_record

CHILD_NAME = "Ελένη Παπαδοπούλου"
OTHER_NAMES = ["Zofia Wójcik", "Ольга Іваненко", "Çağrı Öztürk", "Łucja Żółć"]
RATED = {  # indicator id: (level, a distinctive fragment of its text)
    "cce03": ("high", "Being controlled or coerced on or offline"),
    "cce09": ("medium", "Carrying weapons to increase perceived status"),
    "cse13": ("low", "Unexplained injuries, coerced into unsafe sexual acts"),
    "cse21": ("high", "Forced marriage or marriage of convenience"),
}
A4 = (595.28, 841.89)

SUGGESTION = {
    "at_risk": True, "overall": "high", "by_type": {"cce": "high", "cse": "high"}, "floor_applies": False,
    "explanation": [{"code": "high_indicator", "text": "At least one indicator is rated High.",
                     "items": ["cce03", "cse21"]}],
    "judged": {"overall": "medium", "by_type": {"cce": "medium", "cse": "high"}},
}
ROUTING = {
    "now": "2026-11-22T10:00:00+00:00", "out_of_hours": False, "level": "high",
    "steps": [
        {"id": "call_999", "who": "Police", "action": "If the child is in immediate danger, call 999 now.",
         "how": "phone", "deadline": "immediately", "deadline_label": "Immediately",
         "contacts": [{"id": "police_emergency", "name": "Emergency", "organisation": "Police", "phone": "999",
                       "tel": "999", "email": None, "mailto": None, "url": None}],
         "links": [], "source": {"id": "police", "heading": None,
                                 "text": "Police: non-urgent 101 or in an emergency 999"}, "added": None},
        {"id": "immediate_referral_derby", "who": "Derby Children's Social Care and the Police",
         "action": "Make an immediate telephone or online referral to both Social Care and the Police.",
         "how": "phone", "deadline": "immediately", "deadline_label": "Immediately",
         "contacts": [{"id": "derby_irt", "name": "Initial Response Team",
                       "organisation": "Derby Children's Social Care", "phone": "01332 641172",
                       "tel": "+441332641172", "email": None, "mailto": None, "url": None}],
         "links": [{"id": "derby_online_referral", "text": "Derby Children's Social Care Online Referral System",
                    "url": None, "note": None}],
         "source": {"id": "immediate", "heading": None, "text": "All immediate risks will require an immediate "
                    "telephone or online referral to both Social Care and the Police."}, "added": None},
        {"id": "review", "who": "You", "action": "Review the assessment with your manager.", "how": None,
         "deadline": "at_review", "deadline_label": "At review", "contacts": [], "links": [], "source": None,
         "added": "The toolkit adds this step."},
    ],
}


def make_record(form_id, version, answers, **extra):
    return {"format": "cre-record", "format_version": 1, "form": {"id": form_id, "version": version},
            "record_id": "0b6c3c2e-8f55-4a7e-9d43-2f8a1c0e5b71", "created": "2026-11-20T09:00:00+00:00",
            "updated": "2026-11-22T09:30:00+00:00", "app_version": "0.1.0", "answers": answers, **extra}


def form_000_record():
    """A nearly complete form-000 record: some indicators rated, factors ticked, one action."""
    answers = {
        "child_name": CHILD_NAME, "age": 14, "dob": "2012-03-04", "send": "no", "local_authority": "derby",
        "case_open": "no", "harmed_now": "yes", "s47_arranged": "yes",
        "why_at_risk": "Seen with older youths; " + ", ".join(OTHER_NAMES) + " are friends.",
        "f03": {"historic": True, "current": False}, "f12": {"historic": True, "current": True},
        "exploitation_levels": {"cce": "medium", "cse": "high"},
        "immediate_actions": [{"action": "Strategy discussion with police", "responsible": "DSL",
                               "timescale": "Today"}],
        "agencies_involved": ["police", "education"], "date_completed": "2026-11-22",
        "practitioner_name": "Sam Taylor", "practitioner_agency": "Example School, 01332 000000",
    }
    for item in get_form("dd-cre-2022", "2").of_type("indicator"):
        answers[item.id] = "not_identified"
    answers.update({item_id: level for item_id, (level, _text) in RATED.items()})
    return make_record("dd-cre-2022", "2", answers)


def form_004_record():
    answers = {"child_name": "Zofia Wójcik", "age": 15, "local_authority": "derbyshire", "disabilities": "no",
               "ind03": {"cce": True, "cse": False, "level": "high"}, "ind19": {"cce": True, "cse": True,
                                                                               "level": "medium"},
               "f02": {"historic": True, "current": True, "commentary": "Parents separated last year."},
               "risk_level": "high"}
    return make_record("cre-ra-legacy", "1", answers)


def pages_text(pdf_bytes):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def squashed(text):
    """Text with all whitespace removed, so words wrapped across lines still match."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def full_pdf():
    return render_pdf(form_000_record(), suggestion=SUGGESTION, routing=ROUTING, generated="2026-11-22T10:00Z")


@pytest.fixture(scope="module")
def full_text(full_pdf):
    return pages_text(full_pdf)


def test_names_and_rated_indicators_are_printed(full_text):
    text = squashed("\n".join(full_text))
    for name in [CHILD_NAME, *OTHER_NAMES]:
        assert squashed(name) in text
    for _level, fragment in RATED.values():
        assert squashed(fragment) in text


def test_summary_and_routing_are_on_page_one(full_text):
    first = squashed(full_text[0])
    assert squashed(CHILD_NAME) in first
    assert "Suggestedlevel" in first and "Atleastoneindicatorisrated" in first
    assert "Immediately" in first and "Atreview" in first
    for step in ROUTING["steps"]:
        assert squashed(step["action"]) in first
    assert "01332641172" in first and "999" in first


def test_every_page_is_marked_and_numbered(full_text):
    total = len(full_text)
    assert total >= 3
    for number, text in enumerate(full_text, 1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, f"page {number}"
        assert f"Page {number} of {total}" in text
        assert "Generated 2026-11-22T10:00Z" in text
        assert "0b6c3c2e-8f55-4a7e-9d43-2f8a1c0e5b71" in text


def test_sections_come_in_form_order(full_text):
    text = squashed("\n".join(full_text[1:]))
    titles = [f"{section['number']}. {section['title']}" for section in get_form("dd-cre-2022", "2").sections]
    positions = [text.find(squashed(title)) for title in titles]
    assert -1 not in positions and positions == sorted(positions)


def test_pages_are_a4(full_pdf):
    for page in PdfReader(io.BytesIO(full_pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.5)


def test_metadata_has_no_personal_data(full_pdf):
    metadata = PdfReader(io.BytesIO(full_pdf)).metadata
    assert metadata.title == "CRE Risk Assessment"
    for value in metadata.values():
        assert "Ελένη" not in str(value) and "Sam Taylor" not in str(value)


def test_answers_tables_and_only_what_was_said(full_text):
    text = squashed("\n".join(full_text))
    assert "Strategydiscussionwithpolice" in text
    assert "Child criminal exploitation (CCE): Medium".replace(" ", "") in text
    assert squashed("Death, loss or illness of a significant person") in text
    assert "Notanswered" not in text and "Notidentified" not in text  # no question listed only to say so
    assert squashed("Young carer") not in text and squashed("Medical Diagnosis") not in text


def test_unrated_indicators_are_one_line_per_group(full_text):
    text = squashed("\n".join(full_text))
    assert squashed("Not rated Low, Medium or High: 21 of 23 indicators") in text  # CCE: cce03, cce09 rated
    assert squashed("Not rated Low, Medium or High: 25 of 27 indicators") in text  # CSE: cse13, cse21 rated
    assert squashed("Regularly missing from home, care, or education") not in text  # cce02: Not identified


def section_text(pages, first, then):
    """The text between two section headings."""
    text = "\n".join(pages)
    return text[text.index(first):text.index(then)]


def test_a_factor_says_only_the_columns_ticked():
    record = form_000_record()
    record["answers"]["f05"] = {"historic": False, "current": True}
    pages = pages_text(render_pdf(record))
    factors = section_text(pages, "2.  Cultural", "3.  Risk Assessment")
    assert re.findall(r"\bNo\b(?!\.)", factors) == [] and "–" not in factors  # "No." heads the numbers
    assert factors.count("Yes") == 4  # f03 historic, f05 current, f12 historic and current
    assert "Homelessness / sofa surfing" in factors and "Young carer" not in factors
    assert "Historic" in factors and "Current" in factors  # the seed's headings stay


def test_earlier_form_unrated_indicators_and_commentary_only_factors():
    record = form_004_record()
    record["answers"]["f05"] = {"historic": False, "current": False, "commentary": "Sofa surfing since May."}
    text = squashed("\n".join(pages_text(render_pdf(record))))
    assert squashed("Not rated Low, Medium or High: 27 of 29 indicators") in text
    assert "Sofasurfingsince" in text and "Notanswered" not in text


def test_a_section_with_nothing_answered_keeps_its_heading_and_says_so():
    record = make_record("dd-cre-2022", "2", {"child_name": "Łucja Żółć"})
    pages = pages_text(render_pdf(record))
    text = squashed("\n".join(pages))
    for section in get_form("dd-cre-2022", "2").sections:
        assert squashed(section["title"]) in text
    assert squashed("Not rated Low, Medium or High: 23 of 23 indicators") in text
    assert squashed(section_text(pages, "2.  Cultural", "3.  Risk Assessment")).count("Nothinganswered.") == 1


def test_a_date_kept_as_typed_is_printed_as_typed():
    record = make_record("dd-cre-2022", "2", {"dob": {"day": "31", "month": "2", "year": "2026"},
                                               "previously_assessed": "yes",
                                               "previous_date": {"day": "", "month": "3", "year": "2024"}})
    text = squashed("\n".join(pages_text(render_pdf(record))))
    assert squashed("Day 31, month 2, year 2026 (not a real date)") in text
    assert squashed("Month 3, year 2024 (incomplete)") in text


def test_blocks_are_left_out_without_suggestion_or_routing():
    text = squashed("\n".join(pages_text(render_pdf(form_000_record()))))
    assert "Whattodonow" not in text and "Suggestedlevel" not in text
    assert squashed(CHILD_NAME) in text


def test_form_004_record_renders():
    text = squashed("\n".join(pages_text(render_pdf(form_004_record()))))
    assert "ZofiaWójcik" in text
    assert "Beingabusedonoroffline" in text
    assert "Parentsseparatedlastyear." in text
    assert "Commentary" in text


def test_converted_record_lists_what_was_carried_over():
    conversion = {"from": {"form": "cre-ra-legacy", "version": "1",
                           "record_id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427"},
                  "converted": "2026-11-21T10:00:00+00:00", "reviewed": False,
                  "unmapped": [{"item": "pbr_environments", "label": "Environments:", "answer": "Parks after dark"}]}
    record = make_record("dd-cre-2022", "2", {"child_name": "Łucja Żółć"}, conversion=conversion)
    text = squashed("\n".join(pages_text(render_pdf(record))))
    assert squashed("Carried over from the earlier form (please review)") in text
    assert "Environments:" in text and "Parksafterdark" in text


def test_huge_and_hostile_answers_render_literally(caplog):
    hostile = "<img src=x onerror=alert(1)>"
    answers = {
        "child_name": "\u202eevil\u202c \u200bname\u200d",
        "context": "word " * 20_000,
        "why_at_risk": "x" * 100_000,
        "other_information": hostile + " {nb} \t tab \x07 bell 中文 \ud800",
        "immediate_actions": [{"action": "long " * 20_000, "responsible": hostile, "timescale": "\n" * 500}],
    }
    pdf = render_pdf(make_record("dd-cre-2022", "2", answers))
    text = "\n".join(pages_text(pdf))
    assert hostile in text
    assert "evil" in text and "name" in text
    assert "{nb}" in text.replace("\u200b", "")
    assert "[U+" not in text and "[…]" in text
    assert squashed(notice(make_record("dd-cre-2022", "2", answers))) in squashed(text)
    assert text.count("x") >= 100_000
    assert not [r for r in caplog.records if r.name.startswith("fpdf") and r.levelno >= logging.WARNING]


def test_huge_name_and_carried_over_label_do_not_break_the_tables():
    conversion = {"from": {"form": "cre-ra-legacy", "version": "1",
                           "record_id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427"},
                  "converted": "2026-11-21T10:00:00+00:00", "reviewed": True,
                  "unmapped": [{"item": "x", "label": "label " * 20_000, "answer": "answer " * 20_000}]}
    record = make_record("dd-cre-2022", "2", {"child_name": "Ann " * 25_000}, conversion=conversion)
    pages = pages_text(render_pdf(record))
    assert "infullintheformbelow" in squashed(pages[0])
    assert sum(text.count("Ann") for text in pages) >= 25_000


@pytest.mark.parametrize("form_id, version", [("dd-cre-2022", "2"), ("cre-ra-legacy", "1")])
@pytest.mark.parametrize("odd", [{"level": ["high"], "cce": "yes"}, [None, {"x": 1}], 3.5])
def test_answers_of_the_wrong_shape_do_not_crash(form_id, version, odd):
    answers = {item_id: odd for item_id in get_form(form_id, version).items}
    assert render_pdf(make_record(form_id, version, answers)).startswith(b"%PDF")


def test_renders_what_the_real_assessment_returns():
    record = complete_record()
    record["answers"].update({"child_name": CHILD_NAME, "harmed_now": "yes", "s47_arranged": "yes",
                              "cse03": "high", "exploitation_levels": {"cce": "high", "cse": "low"}})
    result = assess(record, now="2026-11-23T10:00")
    pages = pages_text(render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"]))
    first, opening = squashed(pages[0]), squashed(" ".join(pages[:2]))
    assert squashed(CHILD_NAME) in first and "Whattodonow" in first
    assert "lowerthanthesuggestedlevel(Childsexualexploitation(CSE))" in first
    for step in result["routing"]["steps"]:
        assert squashed(step["action"]) in opening, step["id"]


NOT_SHOWN = ("Some characters in this record cannot be shown in this PDF (for example in the child's name). "
             "The record file (JSON) holds them exactly as typed.")


def test_undrawable_reads_the_fonts_own_character_maps():
    assert undrawable("Zoë Wójcik-Ελένη Ольга Çağrı Łucja") == ""
    assert undrawable("李小龍 Kim 김민준 李") == "李小龍김민준"
    assert undrawable("tab\t new\nline \u200b\u202e\x07") == ""  # silent: dropped without a word


def test_a_name_the_fonts_cannot_draw_is_said_to_be_in_the_json_only():
    record = make_record("dd-cre-2022", "2", {"child_name": "李小龍"})
    assert notice(record) == NOT_SHOWN
    pages = pages_text(render_pdf(record, suggestion=SUGGESTION, routing=ROUTING))
    text = "\n".join(pages)
    assert "[U+" not in text and "李" not in text
    first = squashed(pages[0])
    assert squashed(NOT_SHOWN) in first and squashed(NAME_NOTE) in first
    assert first.index(squashed(NOT_SHOWN)) < first.index("Summary")  # near the top, once
    assert first.count(squashed(NOT_SHOWN)) == 1 and squashed(NOT_SHOWN) not in squashed("".join(pages[1:]))
    assert "OFFICIAL-SENSITIVE" in pages[0] and "Whattodonow" in first


def test_characters_elsewhere_are_said_without_naming_the_name():
    record = make_record("dd-cre-2022", "2", {"child_name": "Ann", "other_information": "Nickname 小龍"})
    assert notice(record) == NOT_SHOWN.replace(" (for example in the child's name)", "")
    first = squashed(pages_text(render_pdf(record))[0])
    assert squashed(notice(record)) in first and squashed(NAME_NOTE) not in first


def test_a_name_the_fonts_can_draw_is_printed_without_the_sentence():
    record = make_record("dd-cre-2022", "2", {"child_name": "Zoë Wójcik-Ελένη"})
    assert notice(record) == ""
    pdf = render_pdf(record, suggestion=SUGGESTION, routing=ROUTING)
    text = "\n".join(pages_text(pdf))
    assert "Zoë Wójcik-Ελένη" in text or squashed("Zoë Wójcik-Ελένη") in squashed(text)
    assert "cannotbeshown" not in squashed(text) and "[U+" not in text
