"""UK local time and Derby's office hours, without a time-zone database (Pyodide ships none).

British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
Office hours come from forms/contacts.yaml, where they are marked as the toolkit's assumption (the form gives hours
only for the Careline); `hours_assumption` is the one sentence that says so wherever the hours are used. English bank
holidays come from the table the build generates.
"""

import calendar
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


def _is_working_day(day):
    return day.weekday() in office_hours()["weekdays"] and not is_bank_holiday(day)


def next_working_day(local):
    """The date the office is next open after a UK local time: today if it opens later today, otherwise the next
    weekday in office hours that is not an English bank holiday."""
    hours = office_hours()
    if _is_working_day(local.date()) and local.time().replace(tzinfo=None) < time.fromisoformat(hours["start"]):
        return local.date()
    day = local.date() + timedelta(days=1)
    while not _is_working_day(day):
        day += timedelta(days=1)
    return day


def day_text(day):
    """ "Monday 30 November 2026"."""
    return f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"


def hours_assumption():
    """The office hours the toolkit assumes, said as an assumption, e.g. "Office hours are the toolkit's assumption,
    not the form's: 09:00 to 17:00, Monday to Friday, outside English bank holidays." """
    hours = office_hours()
    days = [calendar.day_name[day] for day in hours["weekdays"]]
    return (f"Office hours are the toolkit's assumption, not the form's: {hours['start']} to {hours['end']}, "
            f"{days[0]} to {days[-1]}, outside English bank holidays.")
