"""Every problem the rules can report: a code, its severity, whether the page shows it at once, and its words.

Severities: `error` (the record says something wrong: it is invalid until mended), `incomplete` (a draft may lack
it; a complete assessment may not), `warning` (worth a second look; never blocks). `live`: the page shows the
problem as soon as it arises, even in a draft; the others wait until the practitioner checks their answers.

The words follow the GOV.UK Design System's error messages: "Enter …", "Select …", "… must be a number", "… must
include a month", "… must be a real date", no full stop. `{name}` is how the form names an answer after "Enter" or
"Select" ("the child's name", "whether the child has SEND") and `{subject}` how a sentence starts with it ("Date
of birth"): both are form content (`error_name`, `error_subject` in forms/*.yaml). A code with several wordings
keys them by variant; `problem(code, variant=...)` picks one. `{floor_age}` is the floor rule's age, from the form
data (cre.definitions.floor_age).
"""

from typing import NamedTuple

from .definitions import floor_age

ERROR, INCOMPLETE, WARNING = "error", "incomplete", "warning"


class Message(NamedTuple):
    severity: str
    live: bool
    text: object  # a template, or {variant: template}


MESSAGES = {
    # A value the record schema refuses, in the words of its answer type (never jsonschema's own text).
    "schema": Message(ERROR, True, {
        "enter": "Enter {name}",
        "text": "Enter {name} as text",
        "too_long": "{subject} must be {max} characters or fewer",
        "number": "Enter {name} as a number",
        "number_example": "Enter {name} as a number, like {example}",
        "whole_number": "{subject} must be a whole number",
        "minimum": "{subject} must be {min} or over",
        "maximum": "{subject} must be {max} or under",
        "date": "{subject} must be a real date",
        "select": "Select {name}",
        "rows": "{subject} must have {max} rows or fewer",
        "record": "The record is not valid at {where}: it {detail}",
    }),
    # A record's own time (created, updated) on a day that does not exist: the schema checks only the ranges.
    "record_time_invalid": Message(ERROR, True, "The record is not valid at {where}: it must be a real date and time"),
    "unknown_answer": Message(ERROR, True, "The record has an answer named {name}, which is not a question of this "
                                           "form"),
    "required": Message(INCOMPLETE, False, {"enter": "Enter {name}", "select": "Select {name}"}),
    # Not live: a date half typed (the day filled, the month next) is not yet wrong; shown when answers are checked.
    "date_incomplete": Message(ERROR, False, {
        "missing": "{subject} must include a {missing}",
        "year": "{subject} must include a year with 4 numbers",
    }),
    "date_invalid": Message(ERROR, True, {
        None: "{subject} must be a real date",
        "again": "Enter {name} again",  # a real date kept as typed boxes (a file from elsewhere): retyping saves it
    }),
    "date_future": Message(ERROR, True, "{subject} must be today or in the past"),
    "dob_future": Message(ERROR, True, "{subject} must be today or in the past"),
    "age_dob_mismatch": Message(ERROR, True, {
        None: "{subject} must match the date of birth: born on {dob}, the child was {computed} on {on}",
        "today": "{subject} must match the date of birth: born on {dob}, the child is {computed} today",
    }),
    "age_over_18": Message(WARNING, True, "Check the age and the SEND answer: the child is {age}, and the CRE "
                                          "assessment covers young people over 18 only if they have SEND (up to 25)"),
    "referral_before_assessment": Message(ERROR, True, {
        None: "{subject} must be the same as or after {completed}, when the assessment was completed",
        "harmed_now": "{subject} must be the same as or after {earliest}: the child is being harmed now, so the "
                      "referral may come just before the assessment (completed on {completed})",
    }),
    "harmed_now_needs_s47": Message(INCOMPLETE, False, "Select {name}"),
    "harmed_now_needs_action": Message(INCOMPLETE, False, "Enter at least one immediate action to safeguard the "
                                                          "child, as the child is being harmed now"),
    "action_row_empty": Message(INCOMPLETE, False, "Enter what {row} is, or clear the row"),
    # The floor rule in each form's words: the earlier form's (None), and form 000's on a first assessment.
    "floor_rule_low": Message(ERROR, True, {
        None: "Select Medium or High for {target}: {why}, and where indicators suggest risk, no child under "
              "{floor_age} years or with SEND can be assessed as Low Risk",
        "first_assessment": "Select Medium or High for {target}: {why}, and where indicators suggest risk, no child "
                            "under {floor_age} years or with SEND can immediately be assessed as Low Risk (no "
                            "previous assessment is recorded, so this is a first assessment)",
    }),
    "rationale_needed": Message(INCOMPLETE, True, "Enter {name} ({where})"),
    # Form 000 on a review (a previous assessment recorded): Low is allowed, with a written reason.
    "floor_review_rationale": Message(INCOMPLETE, True, "Enter {name}: {why}, and where indicators suggest risk, no "
                                                        "child under {floor_age} years or with SEND can immediately "
                                                        "be assessed as Low Risk, so a Low judgement on a review "
                                                        "needs a written reason ({where})"),
    "below_suggestion": Message(WARNING, True, "Explain in the analysis why your judgement is lower than the level "
                                               "the indicators suggest ({where})"),
    "at_risk_but_no": Message(WARNING, True, "Check {name}: you answered No, but {rated} rated Low, Medium or High"),
    "other_type_unnamed": Message(INCOMPLETE, False, "Enter {name}"),
    "conversion_review": Message(INCOMPLETE, False, "Review the answers carried over from the earlier form, then "
                                                    "mark the conversion as reviewed"),
    "review_carried": Message(INCOMPLETE, False, {
        None: "Check the {count} answers carried over from the assessment of {date}: confirm or change each",
        "one": "Check the answer carried over from the assessment of {date}: confirm or change it",
    }),
    "review_by_before_assessment": Message(ERROR, True, "{subject} must be after {completed}, when the assessment "
                                                        "was completed"),
}


def problem(code, *, path, item=None, variant=None, **values):
    """One problem, ready for a report: {code, severity, live, path, item, message}."""
    severity, live, text = MESSAGES[code]
    template = text[variant] if isinstance(text, dict) else text
    return {"code": code, "severity": severity, "live": live, "path": path, "item": item,
            "message": template.format(**{"floor_age": floor_age(), **values})}


def named(item, **values):
    """The values every message about an item may use: its name and subject (from the form), and its example."""
    return {"name": item.error_name, "subject": item.error_subject, "example": item.error_example, **values}
