"""The encrypted record file as cre.sealing writes and reads it: what travels in the clear, and each refusal of a
damaged or hostile envelope (before any passphrase is tried)."""

import copy
import json

import pytest

from cre import sealing
from cre.inputs import UnusableInput
from cre.records import new_record

SALT, CHECK, SEALED = b"s" * 16, (b"c" * 12, b"check-cipher"), (b"i" * 12, b"record-cipher")


@pytest.fixture
def envelope():
    record = new_record("dd-cre-2022")
    record["answers"] = {"child_name": "Maja Nowak"}
    return json.loads(json.dumps(sealing.file_envelope(record, SALT, sealing.ITERATIONS, CHECK, SEALED))), record


def test_the_file_carries_no_answer_in_the_clear_and_reads_back(envelope):
    value, record = envelope
    assert "Maja" not in json.dumps(value)
    assert sealing.is_sealed_file(value)
    sealed = sealing.read_file(value)
    assert (sealed.salt, sealed.iterations, sealed.iv, sealed.data) == (SALT, sealing.ITERATIONS, *SEALED)
    assert (sealed.check_iv, sealed.check_data) == CHECK
    assert sealed.aad == sealing.record_aad(record["record_id"], "dd-cre-2022", record["form"]["version"])


def test_the_additional_data_names_record_and_form_version():
    assert sealing.record_aad("r1", "dd-cre-2022", "2") != sealing.record_aad("r2", "dd-cre-2022", "2")
    assert sealing.record_aad("r1", "dd-cre-2022", "2") != sealing.record_aad("r1", "dd-cre-2022", "1")


@pytest.mark.parametrize(("change", "message"), [
    (lambda v: v.update(format_version=2), "another version of this toolkit"),
    (lambda v: v.pop("format_version"), "no format version"),
    (lambda v: v["kdf"].update(iterations=100), "key rounds"),
    (lambda v: v["kdf"].update(iterations=10**9), "key rounds"),
    (lambda v: v["kdf"].update(iterations=True), "key rounds"),
    (lambda v: v["kdf"].update(hash="SHA-1"), "cipher this toolkit does not use"),
    (lambda v: v["cipher"].update(name="AES-CBC"), "cipher this toolkit does not use"),
    (lambda v: v.update(data="not base64!"), "data is not base64"),
    (lambda v: v.update(data=None), "data is missing"),
    (lambda v: v["cipher"].update(iv="AAAA"), "wrong length"),
    (lambda v: v["kdf"].update(salt="AAAA"), "wrong length"),
    (lambda v: v.pop("check"), "check is missing"),
    (lambda v: v.update(record_id=""), "which record and form"),
    (lambda v: v["form"].update(version=7), "which record and form"),
])
def test_a_damaged_envelope_is_refused_with_a_reason(envelope, change, message):
    value = copy.deepcopy(envelope[0])
    change(value)
    with pytest.raises(UnusableInput, match=message):
        sealing.read_file(value)
