"""The record envelope (format, form, record id, times, app version) is built in one place, cre.records.new_record:
a blank draft, a review and a converted record all come out of it. Pure: also runs in Pyodide."""

from cre import __version__
from cre.convert import convert
from cre.records import new_record
from cre.record_schema import RECORD_FORMAT, RECORD_FORMAT_VERSION

NOW = "2026-11-30T10:00:00Z"
ENVELOPE = ["format", "format_version", "form", "record_id", "created", "updated", "app_version"]


def test_a_new_record_is_the_envelope_around_no_answers():
    record = new_record("dd-cre-2022", now=NOW, record_id="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    assert record == {"format": RECORD_FORMAT, "format_version": RECORD_FORMAT_VERSION,
                      "form": {"id": "dd-cre-2022", "version": record["form"]["version"]},
                      "record_id": "00000000-0000-4000-8000-000000000000", "created": NOW, "updated": NOW,
                      "app_version": __version__, "answers": {}}
    assert list(record) == [*ENVELOPE, "answers"]


def test_other_fields_sit_between_the_envelope_and_the_answers():
    record = new_record("dd-cre-2022", now=NOW, answers={"age": 14}, conversion={"reviewed": False})
    assert list(record) == [*ENVELOPE, "conversion", "answers"]
    assert record["answers"] == {"age": 14} and new_record("dd-cre-2022")["record_id"] != record["record_id"]


def test_a_converted_record_has_the_same_envelope_as_a_new_one():
    earlier = new_record("cre-ra-legacy", now="2020-01-01T09:00:00Z")
    earlier["answers"] = {"child_name": "A child"}
    converted = convert(earlier, now=NOW)
    fresh = new_record("dd-cre-2022", now=NOW)
    assert list(converted) == [*ENVELOPE, "conversion", "answers"]
    assert {key: converted[key] for key in ENVELOPE if key != "record_id"} == {
        key: fresh[key] for key in ENVELOPE if key != "record_id"}
    assert converted["record_id"] != earlier["record_id"]
    assert converted["conversion"]["from"] == {"form": "cre-ra-legacy", "version": "1",
                                               "record_id": earlier["record_id"]}
    assert converted["conversion"]["converted"] == NOW
