"""One call for everything a screen shows about a record: validation, suggested level and routing.

The CLI and the browser both call `assess`; `now` (UK local unless it says otherwise) also sets "today" for the
date rules, so a record is judged as of the moment the practitioner is looking at it.
"""

from .records import form_of
from .routing import route_answers
from .ukclock import now_uk, parse_moment, uk_local
from .validate import check


def moment(now=None):
    """UK local time from None (the clock), an ISO 8601 string or a datetime."""
    if now is None:
        return now_uk()
    if isinstance(now, str):
        return parse_moment(now)
    return uk_local(now)


def assess(record, form=None, now=None):
    """{"validation": report, "routing": card} for a record that names a known form."""
    local = moment(now)
    form = form or form_of(record)
    report, answers = check(record, form, local.date())
    return {"validation": report, "routing": route_answers(form, answers, report["suggestion"], local)}
