"""The drafts list on the start screen, as words: each draft named by the child's initials (never the name), the
form, its level and status, when it was started and last changed in the practitioner's local time, and, for a copy,
which draft it copies. Pure Python: the page passes the local offset from UTC (the browser knows the time zone).
"""

import re
from datetime import datetime, timedelta, timezone

from .definitions import get_form
from .levels import level_label, suggest

STATUS_WORDS = {"complete": "ready to send", "draft-valid": "draft", "invalid": "has a problem"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def initials(record):
    """The child's initials (at most four letters), or XX: enough to tell drafts apart, never the name."""
    name = str((record.get("answers") or {}).get("child_name") or "")
    return "".join(word[0] for word in re.findall(r"[^\W\d_]+", name))[:4].upper() or "XX"


def summary(record, status, copy_of=None):
    """What the list keeps of a draft once it is opened: no answer but the initials and the levels."""
    form = get_form(record["form"]["id"], record["form"]["version"])
    found = suggest(form, record.get("answers") or {})
    return {"form": record["form"], "created": record.get("created") or record["updated"],
            "updated": record["updated"], "initials": initials(record), "status": status,
            "suggested": found["overall"], "judged": found["judged"]["overall"], "copy_of": copy_of}


def copy_note(original):
    """What a copy remembers of the draft it copies (kept with the copy, encrypted like it)."""
    return {"initials": original["initials"], "created": original["created"]}


def local_time(stamp, offset_minutes):
    """An ISO time in UTC as the practitioner's clock shows it: "30 Nov 2026, 14:05". offset_minutes(datetime) gives
    local minus UTC for that moment (it differs in summer)."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(timezone.utc)
    except (AttributeError, ValueError):
        return "an unknown time"
    local = moment + timedelta(minutes=offset_minutes(moment))
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def describe(found, offset_minutes):
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
    if found.get("copy_of"):
        original = found["copy_of"]
        details.append(f"A copy of the draft {original['initials']} started "
                       f"{local_time(original['created'], offset_minutes)}")
    return title, details


def newest_first(summaries):
    """Draft ids, the last changed first; drafts that cannot be opened last."""
    return sorted(summaries, key=lambda key: (summaries[key] is not None,
                                              (summaries[key] or {}).get("updated", "")), reverse=True)
