"""What the page says when storage refuses a Duplicate, a Delete or keeping an opened file (cre.storage_faults): what
did not happen, why in plain words, what is still there, what to do; never a fault's code where there are words for
it. Pure: also runs in Pyodide."""

import pytest

from cre.storage_faults import REASONS, NotStored, not_stored


@pytest.mark.parametrize("kind", [*REASONS, "UnknownError"])
def test_each_message_says_what_happened_why_what_is_kept_and_what_to_do(kind):
    text = not_stored("The draft was not duplicated", kind, "Your drafts are unchanged.")
    assert text.split(": ", 1)[0] == "The draft was not duplicated"
    assert "Your drafts are unchanged." in text
    assert text.endswith("try again.") or text.endswith("Try again in a moment.")
    assert (kind in text) == (kind not in REASONS)  # a code only where there are no plain words for it
    assert "  " not in text and ".." not in text


def test_advice_can_be_replaced_or_left_out():
    assert not_stored("The record is open on this page but was not saved in your drafts", "QuotaExceededError",
                      "Download the record (JSON) to keep any changes you make.", advice="") == (
        "The record is open on this page but was not saved in your drafts: this device has run out of space for "
        "drafts. Download the record (JSON) to keep any changes you make.")


def test_the_fault_travels_with_the_exception():
    assert NotStored("Closed").kind == "Closed"
