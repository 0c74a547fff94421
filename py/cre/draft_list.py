"""The drafts list on the start screen, as words: each draft named by the child's initials (never the name), the
form, its level and status, when it was started and last changed in the practitioner's local time, for a copy which
draft it copies, for a review the assessment it reviews, and when it is to be reviewed by. Reviews overdue, then
those due within cre.review.SOON_DAYS, come first. Pure Python: the page passes the local offset from UTC (the
browser knows the time zone).

A time is believed only when it is a real moment no later than a few minutes from now: a record from a computer
whose clock was wrong, or a file made to say 9999, is listed as changed at an unknown time, after the drafts whose
times can be believed, rather than sitting above every draft the practitioner works on.
"""

import re
from datetime import date, datetime, timedelta, timezone

from .answer_text import long_date
from .definitions import get_form
from .levels import level_label, suggest
from .records import reviewed
from .review import due, review_by

STATUS_WORDS = {"complete": "ready to send", "draft-valid": "draft", "invalid": "has a problem"}
CLOCK_SKEW = timedelta(minutes=10)  # how far another computer's clock may run ahead of this one's
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def initials(record):
    """The child's initials (at most four letters), or XX: enough to tell drafts apart, never the name."""
    name = str((record.get("answers") or {}).get("child_name") or "")
    return "".join(word[0] for word in re.findall(r"[^\W\d_]+", name))[:4].upper() or "XX"


def summary(record, status, copy_of=None):
    """What the list keeps of a draft once it is opened: no answer but the initials and the levels."""
    form = get_form(record["form"]["id"], record["form"]["version"])
    found = suggest(form, record.get("answers") or {})
    of = reviewed(record)
    due_by = review_by(record)
    return {"form": record["form"], "created": record.get("created") or record["updated"],
            "updated": record["updated"], "initials": initials(record), "status": status,
            "suggested": found["overall"], "judged": found["judged"]["overall"], "copy_of": copy_of,
            "review_by": due_by.isoformat() if due_by else None, "reviews": of["date"] if of else None}


def copy_note(original):
    """What a copy remembers of the draft it copies (kept with the copy, encrypted like it)."""
    return {"initials": original["initials"], "created": original["created"]}


def believable(stamp, now=None):
    """An ISO time as a UTC datetime, or None when it is not a time or lies beyond CLOCK_SKEW in the future."""
    try:
        found = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(timezone.utc)
    except (AttributeError, ValueError, OverflowError):  # OverflowError: 9999-12-31T23:59:59-14:00 is not in UTC
        return None
    return None if found > (now or datetime.now(timezone.utc)) + CLOCK_SKEW else found


def local_time(stamp, offset_minutes, now=None):
    """An ISO time as the practitioner's clock shows it: "30 Nov 2026, 14:05". offset_minutes(datetime) gives
    local minus UTC for that moment (it differs in summer)."""
    found = believable(stamp, now)
    if found is None:
        return "at an unknown time"
    try:
        local = found + timedelta(minutes=offset_minutes(found))
    except OverflowError:
        return "at an unknown time"
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def describe(found, offset_minutes, now=None):
    """A draft's title ("ŁŻ · CRE Assessment (May 2022)") and its details, one short phrase each."""
    form = get_form(found["form"]["id"], found["form"]["version"])
    title = f"{found['initials']} · {form.definition.get('short_title') or form.title}"
    if found.get("judged"):
        level = f"Level: {level_label(found['judged'])} (your judgement)"
    elif found.get("suggested"):
        level = f"Suggested level: {level_label(found['suggested'])}"
    else:
        level = "No level yet"
    details = [level, f"Status: {STATUS_WORDS.get(found['status'], found['status'].replace('-', ' '))}",
               f"Started {local_time(found['created'], offset_minutes)}",
               f"Last changed {local_time(found['updated'], offset_minutes)}"]
    if found.get("reviews"):
        details.append(f"A review of the assessment of {long_date(found['reviews']) or 'an unknown date'}")
    if found.get("review_by"):
        when = {"overdue": " (overdue)", "soon": " (due soon)"}.get(due_state(found, offset_minutes, now), "")
        details.append(f"Review by {long_date(found['review_by'])}{when}")
    if found.get("copy_of"):
        original = found["copy_of"]
        details.append(f"A copy of the draft {original['initials']} started "
                       f"{local_time(original['created'], offset_minutes)}")
    return title, details


def local_today(offset_minutes, now=None):
    now = now or datetime.now(timezone.utc)
    return (now + timedelta(minutes=offset_minutes(now))).date()


def due_state(found, offset_minutes, now=None):
    """"overdue", "soon" or None for a listed draft's review-by date, on the practitioner's local day."""
    day = found.get("review_by") if found else None
    return due(date.fromisoformat(day), local_today(offset_minutes, now)) if day else None


def list_order(summaries, offset_minutes, now=None, open_id=None):
    """Draft ids in the order the list shows them: reviews overdue (the longest overdue first), then reviews due
    within cre.review.SOON_DAYS (the soonest first), then the last changed first (compared as moments, whatever their
    offsets; times are kept to the second, so of two changed in the same second the open one, `open_id`, first);
    then those changed at a time that cannot be believed; drafts that cannot be opened last."""
    now = now or datetime.now(timezone.utc)
    oldest = datetime.min.replace(tzinfo=timezone.utc)

    def changed(key):
        found = summaries[key]
        moment = believable(found.get("updated"), now) if found is not None else None
        return found is not None, moment is not None, moment or oldest, key == open_id

    due_first = sorted((key for key in summaries if due_state(summaries[key], offset_minutes, now)),
                       key=lambda key: summaries[key]["review_by"])
    rest = sorted((key for key in summaries if key not in due_first), key=changed, reverse=True)
    return due_first + rest
