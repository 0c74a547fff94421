"""Assessment records: a versioned JSON envelope (form id and version, record id, times, app version) around
the answers. Reading untrusted input safely lives in cre.inputs; checking it lives in cre.validate."""

import json
import uuid
from datetime import datetime, timezone

from . import __version__
from .definitions import get_form
from .record_schema import RECORD_FORMAT, RECORD_FORMAT_VERSION


def utc_now():
    """Now, in UTC, to the second, as the records write it."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_record(form_id, version=None, *, now=None, record_id=None, answers=None, **fields):
    """A new draft of the form (the newest version unless one is named): blank, or holding these answers and any
    other field of the record besides the envelope (a converted record's `conversion`)."""
    form = get_form(form_id, version)
    stamp = now or utc_now()
    return {
        "format": RECORD_FORMAT,
        "format_version": RECORD_FORMAT_VERSION,
        "form": {"id": form.id, "version": form.version},
        "record_id": record_id or str(uuid.uuid4()),
        "created": stamp,
        "updated": stamp,
        "app_version": __version__,
        **fields,
        "answers": {} if answers is None else answers,
    }


def duplicate(record, now=None):
    """A copy of a record as a new draft: a new record id, created now, the same answers."""
    stamp = now or utc_now()
    copy = json.loads(json.dumps(record))
    copy.update({"record_id": str(uuid.uuid4()), "created": stamp, "updated": stamp, "app_version": __version__})
    return copy


def form_of(record):
    """The form a record says it belongs to. Raises UnknownForm (or KeyError/TypeError for a broken envelope)."""
    return get_form(record["form"]["id"], record["form"]["version"])


def answered(value):
    """Whether an answer says something: not missing, not blank text, not an empty list/object/row."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list):
        return any(answered(v) for v in value)
    if isinstance(value, dict):
        return any(v is True or (not isinstance(v, bool) and answered(v)) for v in value.values())
    return True


def reviewed(record):
    """The assessment a review (cre.review) reviews, as cre.review.snapshot gives one, from the record's own `review`
    field; None when the record is not a review."""
    review = record.get("review")
    of = review.get("of") if isinstance(review, dict) else None
    if not (isinstance(of, dict) and {"record_id", "date", "levels"} <= set(of)):
        return None  # not a review, or a draft whose field is damaged (the schema reports it)
    before = review.get("before")
    return {**of, "form": record["form"], "answers": before if isinstance(before, dict) else {}}
