"""UK local time and Derby's office hours, without a time-zone database (Pyodide ships none).

British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
Office hours come from forms/contacts.yaml; English bank holidays from the table the build generates.
"""

from datetime import datetime, time, timedelta, timezone

from .definitions import bank_holidays, office_hours

UTC = timezone.utc
GMT, BST = timezone(timedelta(0), "GMT"), timezone(timedelta(hours=1), "BST")


def _last_sunday(year, month):
    day = datetime(year, month + 1, 1) - timedelta(days=1) if month < 12 else datetime(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def uk_zone(moment_utc):
    """GMT or BST for an aware UTC datetime."""
    year = moment_utc.year
    starts = _last_sunday(year, 3).replace(hour=1, tzinfo=UTC)
    ends = _last_sunday(year, 10).replace(hour=1, tzinfo=UTC)
    return BST if starts <= moment_utc < ends else GMT


def uk_local(moment):
    """An aware datetime in UK local time. A naive datetime is taken to be UK local time already."""
    if moment.tzinfo is None:
        guess = moment.replace(tzinfo=GMT)
        return moment.replace(tzinfo=uk_zone(guess.astimezone(UTC)))
    utc = moment.astimezone(UTC)
    return utc.astimezone(uk_zone(utc))


def parse_moment(text):
    """An ISO 8601 date-time ("2026-11-22T18:30", "2026-11-22T18:30:00Z", "...+01:00") in UK local time."""
    return uk_local(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))


def now_uk():
    return uk_local(datetime.now(UTC))


def is_bank_holiday(day):
    return day.isoformat() in bank_holidays()["dates"]


def out_of_hours(local):
    """Whether a UK local time is outside office hours: evenings, nights, weekends and English bank holidays."""
    hours = office_hours()
    if local.weekday() not in hours["weekdays"] or is_bank_holiday(local.date()):
        return True
    start, end = time.fromisoformat(hours["start"]), time.fromisoformat(hours["end"])
    return not (start <= local.time().replace(tzinfo=None) < end)
