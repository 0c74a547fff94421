"""Answers that contradict each other or the calendar: dates, age against date of birth, referral order."""

import re
from datetime import timedelta

from ..answer_text import long_date
from ..form_values import read_date
from ..levels import age_of, parse_date
from ..messages import named, problem
from ..record_schema import DATETIME_PATTERN
from ..records import answered

ADULT_AGE = 18
REFERRAL_GRACE_DAYS = 1


def _dates(ctx, *, tag=None):
    for item in ctx.form.of_type("date"):
        value = ctx.answers.get(item.id)
        if value and (tag is None or tag in item.tags):
            yield item, value, parse_date(value)


def real_dates(ctx):
    """Every date is a real calendar date: the schema checks only its shape, and a draft may keep the day, month
    and year boxes as typed (cre.form_values.read_date says what is wrong with them)."""
    for item in ctx.form.of_type("date"):
        value, path = ctx.answers.get(item.id), ctx.path(item.id)
        if isinstance(value, dict) and answered(value):
            reading = read_date(value)
            if reading.missing:
                yield problem("date_incomplete", path=path, item=item.id, variant="missing",
                              **named(item, missing=" and ".join(reading.missing)))
            elif reading.fault == "year":
                yield problem("date_incomplete", path=path, item=item.id, variant="year", **named(item))
            else:
                yield problem("date_invalid", path=path, item=item.id,
                              variant="again" if reading.iso else None, **named(item))
        elif isinstance(value, str) and value and parse_date(value) is None:
            yield problem("date_invalid", path=path, item=item.id, **named(item))


def real_times(ctx):
    """The record's own times (created, updated, converted) fall on real days: the schema's pattern checks the
    ranges of month, day, hour, minute and second, not that 30 February does not exist."""
    conversion = ctx.record.get("conversion")
    times = [("$.created", ctx.record.get("created")), ("$.updated", ctx.record.get("updated"))]
    if isinstance(conversion, dict):
        times.append(("$.conversion.converted", conversion.get("converted")))
    for path, value in times:
        if isinstance(value, str) and re.search(DATETIME_PATTERN, value) and parse_date(value[:10]) is None:
            yield problem("record_time_invalid", path=path, where=path)


def no_future_dates(ctx):
    """Dates of birth, completion and referral are not in the future."""
    for item, _, parsed in _dates(ctx):
        if parsed is None or parsed <= ctx.today:
            continue
        if item.id == "dob":
            yield problem("dob_future", path=ctx.path(item.id), item=item.id, **named(item))
        elif {"completion_date", "referral_date"} & set(item.tags):
            yield problem("date_future", path=ctx.path(item.id), item=item.id, **named(item))


def _assessment_date(ctx):
    dates = [parsed for item, _, parsed in _dates(ctx, tag="completion_date") if item.id == "date_completed"]
    return dates[0] if dates and dates[0] else None


def age_matches_dob(ctx):
    """The age given is the age the date of birth gives on the assessment date (or today)."""
    age, born = ctx.answers.get("age"), parse_date(ctx.answers.get("dob"))
    if not isinstance(age, int) or born is None or born > ctx.today:
        return
    on = min(_assessment_date(ctx) or ctx.today, ctx.today)
    computed = age_of(ctx.form, {"dob": ctx.answers["dob"]}, on)
    if computed is not None and computed != age:
        yield problem("age_dob_mismatch", path=ctx.path("age"), item="age",
                      variant="today" if on == ctx.today else None,
                      **named(ctx.form.item("age"), dob=long_date(born), computed=computed, on=long_date(on)))


def age_over_18(ctx):
    """Over 18 is allowed only with SEND (CRE covers young people up to 25 with SEND)."""
    age = age_of(ctx.form, ctx.answers, ctx.today)
    has_send = any(ctx.answers.get(item.id) == "yes" for item in ctx.form.tagged("send"))
    if age is not None and age > ADULT_AGE and not has_send:
        yield problem("age_over_18", path=ctx.path("age"), item="age", age=age)


def referral_after_assessment(ctx):
    """Referral dates are not before the assessment was completed. A child harmed now is referred at once and
    assessed within 24 hours (seed: Level of Risk and Referral), so then a referral may be a day earlier."""
    completed = _assessment_date(ctx)
    if completed is None:
        return
    grace = REFERRAL_GRACE_DAYS if ctx.answers.get("harmed_now") == "yes" else 0
    earliest = completed - timedelta(days=grace)
    for item, _, parsed in _dates(ctx, tag="referral_date"):
        if parsed is not None and parsed < earliest:
            yield problem("referral_before_assessment", path=ctx.path(item.id), item=item.id,
                          variant="harmed_now" if grace else None,
                          **named(item, completed=long_date(completed), earliest=long_date(earliest)))


def review_after_assessment(ctx):
    """The review-by date comes after the assessment was completed."""
    completed = _assessment_date(ctx)
    if completed is None:
        return
    for item, _, parsed in _dates(ctx, tag="review_by"):
        if parsed is not None and parsed <= completed:
            yield problem("review_by_before_assessment", path=ctx.path(item.id), item=item.id,
                          **named(item, completed=long_date(completed)))
