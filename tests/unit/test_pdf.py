"""The PDF a safeguarding lead reads: A4, marked on every page, every section, Unicode names, routing steps."""

import io

import pytest
from pypdf import PdfReader

from cre.assessment import assess
from cre.pdf import render_pdf
from tests_support import complete_record

NAMES = ["Zofia Wójcik", "Ελένη Παπαδοπούλου", "Ольга Іваненко", "Çağrı Öztürk", "Łucja Żółć"]
HOSTILE = "<img src=x onerror=alert(1)></script>\u202eevil\u200bname"


def render(record, now="2026-11-23T10:00"):
    result = assess(record, now=now)
    data = render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"],
                      generated="2026-11-23T10:05+00:00")
    return data, result


def pages_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def rendered():
    record = complete_record()
    record["answers"].update({"child_name": NAMES[0], "address": ", ".join(NAMES[1:]), "harmed_now": "yes",
                              "s47_arranged": "yes", "cse03": "high", "pbr_locations": "Bus station underpass"})
    data, result = render(record)
    reader, texts = pages_text(data)
    return record, data, result, reader, texts


def test_a4_marked_and_numbered_on_every_page(rendered):
    _, _, _, reader, texts = rendered
    assert len(texts) >= 5
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), 1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        assert text.count("OFFICIAL-SENSITIVE") >= 2, number
        assert f"Page {number} of {len(texts)}" in text
        assert "version 2" in text and "Generated 2026-11-23T10:05+00:00" in text


def test_the_childs_name_in_any_script_comes_out_right(rendered):
    whole = " ".join(rendered[4])
    for name in NAMES:
        assert name in whole, name


def test_every_rated_indicator_and_its_level_are_printed(rendered):
    whole = " ".join(rendered[4])
    for fragment in ("Regularly missing from home, care, or education", "Carrying weapons to increase perceived status",
                     "Being exploited online, which progresses to face to face abuse"):
        assert fragment in whole, fragment
    assert "Indicators of CCE" in whole and "Indicators of CSE" in whole


def test_the_routing_steps_with_their_numbers_are_on_page_one(rendered):
    _, _, result, _, texts = rendered
    first = " ".join(texts[:2])
    assert "What to do now" in texts[0]
    for step in result["routing"]["steps"]:
        assert step["who"] in first, step["id"]
    assert "999" in texts[0] and "01332 641172" in texts[0]


def test_every_section_is_printed_in_form_order(rendered):
    whole = " ".join(rendered[4])
    start = whole.index("1. What are you worried about, why is this child at risk of exploitation?")
    positions = [whole.index(title, start) for title in (
        "2. Cultural, Identity or Additional Vulnerability Factors", "3. Risk Assessment Indicators",
        "4. Risk Assessment Analysis and Summary")]
    assert start < positions[0] and positions == sorted(positions)
    assert "Referral to the Initial Response Team" in whole  # the immediate actions table


def test_the_metadata_names_no_child(rendered):
    record, _, _, reader, _ = rendered
    metadata = {key: str(value) for key, value in (reader.metadata or {}).items()}
    assert metadata.get("/Title") == "CRE Risk Assessment"
    assert not any(name in value for value in metadata.values() for name in NAMES)


def test_an_earlier_form_record_renders_with_its_ticks():
    data, _ = render(complete_record("complete-004"))
    whole = " ".join(pages_text(data)[1])
    assert "CRE Risk Assessment" in whole and "Ελένη Παπαδοπούλου" in whole
    assert "Experimenting with drugs and/or alcohol (dependent on age)" in whole


def test_hostile_and_huge_text_is_printed_literally_and_does_not_break_the_pdf():
    record = complete_record()
    record["answers"].update({"child_name": HOSTILE, "context": "A" * 100_000,
                              "immediate_actions": [{"action": "B " * 20_000, "responsible": HOSTILE, "timescale": "Now"}]})
    data, _ = render(record)
    reader, texts = pages_text(data)
    whole = "".join(texts)
    assert "<img src=x onerror=alert(1)></script>" in whole
    assert whole.count("A") >= 100_000
    assert len(reader.pages) > 20


def test_a_converted_record_prints_what_was_carried_over():
    record = complete_record()
    record["conversion"] = {"from": {"form": "cre-ra-legacy", "version": "1",
                                     "record_id": "00000000-0000-4000-8000-000000000001"},
                            "converted": "2026-11-23T09:00:00Z", "reviewed": False,
                            "unmapped": [{"item": "immediate_concerns", "label": "Immediate concerns:",
                                          "answer": "Seen at a known address on Friday"}]}
    whole = " ".join(pages_text(render(record)[0])[1])
    assert "Carried over from the earlier form (please review)" in whole
    assert "Seen at a known address on Friday" in whole
