"""A record's own times (created, updated): an offset no clock keeps is refused when the file is opened, and a time
in the future cannot pin a draft above the ones the practitioner is working on, nor stop the drafts list."""

import json
from datetime import datetime, timezone

import pytest

from cre import draft_list
from cre.convert import prepare_import
from cre.inputs import read_record
from tests_support import complete_record

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
UTC_OFFSET = lambda _moment: 0  # noqa: E731 - the practitioner's clock on UTC


def utc(_moment):
    return 0


def opened(key, stamp):
    """What opening a complete record with this time says: None when it opens."""
    record = complete_record()
    record[key] = stamp
    try:
        prepare_import(*read_record(json.dumps(record).encode()))
    except ValueError as error:
        return str(error)
    return None


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59+99:99", "2026-11-23T10:00:00+14:01",
                                   "2026-11-23T10:00:00-15:00", "2026-11-23T10:00:00+01:60",
                                   "2026-11-23T10:00:00+24:00"])
@pytest.mark.parametrize("key", ["created", "updated"])
def test_an_offset_no_clock_keeps_is_refused_when_the_file_is_opened(key, stamp):
    assert opened(key, stamp) == f"it does not match its form: the value at $.{key} is not in the expected format"


@pytest.mark.parametrize("offset", ["+14:00", "-14:00", "+05:45", "-00:00"])
def test_every_offset_a_clock_keeps_opens(offset):
    assert opened("updated", f"2026-11-23T10:00:00{offset}") is None


def summaries(**updated):
    return {key: {"updated": stamp} for key, stamp in updated.items()}


def test_a_time_in_the_future_does_not_pin_a_draft_to_the_top():
    found = summaries(pinned="9999-12-31T23:59:59+14:00", today="2026-11-30T09:00:00Z",
                      yesterday="2026-11-29T09:00:00Z", wrong="not a time")
    found["damaged"] = None
    assert draft_list.list_order(found, UTC_OFFSET, now=NOW) == ["today", "yesterday", "pinned", "wrong", "damaged"]


def test_a_clock_a_few_minutes_ahead_still_orders_by_time():
    found = summaries(ahead="2026-11-30T12:09:00Z", today="2026-11-30T11:59:00Z",
                      hour_ahead="2026-11-30T13:00:00Z")
    assert draft_list.list_order(found, UTC_OFFSET, now=NOW) == ["ahead", "today", "hour_ahead"]


def test_times_with_offsets_are_ordered_as_moments_not_as_text():
    """10:00 at +05:00 is 05:00 UTC: earlier than 06:00 UTC, though its text sorts later."""
    found = summaries(east="2026-11-30T10:00:00+05:00", london="2026-11-30T06:00:00Z")
    assert draft_list.list_order(found, UTC_OFFSET, now=NOW) == ["london", "east"]


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59+14:00", "9999-12-31T23:59:59-14:00",
                                   "0001-01-01T00:00:00+01:00"])
def test_a_time_that_cannot_be_believed_is_listed_as_unknown_not_an_error(stamp):
    record = complete_record()
    record["created"] = record["updated"] = stamp
    _title, details = draft_list.describe(draft_list.summary(record, "complete"), utc)
    assert "Started at an unknown time" in details and "Last changed at an unknown time" in details
    assert draft_list.list_order({"a": draft_list.summary(record, "complete")}, UTC_OFFSET) == ["a"]


def test_a_time_just_ahead_is_shown_and_one_far_ahead_is_not():
    assert draft_list.local_time("2026-11-30T12:09:00Z", utc, now=NOW) == "30 Nov 2026, 12:09"
    assert draft_list.local_time("2026-11-30T13:00:00Z", utc, now=NOW) == "at an unknown time"


def test_of_two_drafts_changed_in_the_same_second_the_open_one_is_listed_first():
    same = "2026-11-30T11:59:00Z"
    found = {key: {"updated": same, "created": same} for key in ("earlier", "open")}
    assert draft_list.list_order(found, UTC_OFFSET, now=NOW, open_id="open") == ["open", "earlier"]
    assert draft_list.list_order(found, UTC_OFFSET, now=NOW, open_id="earlier") == ["earlier", "open"]
