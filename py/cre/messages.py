"""Every problem the rules can report: a code, its severity and its message, in one place.

Severities: `error` (the record says something wrong: it is invalid until mended), `incomplete` (a draft may lack
it; a complete assessment may not), `warning` (worth a second look; never blocks). Messages are written for the
practitioner: what is wrong, and what to do.
"""

ERROR, INCOMPLETE, WARNING = "error", "incomplete", "warning"

MESSAGES = {
    "schema": (ERROR, "{label}: {detail}"),
    "unknown_answer": (ERROR, "The record has an answer for {name!r}, which is not a question of this form."),
    "required": (INCOMPLETE, "Answer “{label}”: a complete assessment needs it."),
    "date_invalid": (ERROR, "“{label}” is not a real date ({value}). Enter it as day, month and year."),
    "date_future": (ERROR, "“{label}” is in the future ({value}). Enter the date it happened."),
    "dob_future": (ERROR, "The date of birth is in the future ({value})."),
    "age_dob_mismatch": (ERROR, "The age is {age}, but the date of birth ({dob}) makes the child {computed} on {on}. "
                                "Correct one of them."),
    "age_over_18": (WARNING, "The child is {age}. The CRE assessment covers young people over 18 only if they have "
                             "SEND (up to 25). Check the age, or the SEND answer."),
    "referral_before_assessment": (ERROR, "“{label}” ({value}) is before the assessment was completed ({completed}). "
                                          "A referral date cannot be earlier than the assessment."),
    "harmed_now_needs_s47": (INCOMPLETE, "The child is being harmed now: say whether a s47 strategy meeting has been "
                                         "arranged and/or immediate safety measures put in place."),
    "harmed_now_needs_action": (INCOMPLETE, "The child is being harmed now: record at least one immediate action "
                                            "to safeguard the child (action, who is responsible, timescale)."),
    "action_row_empty": (INCOMPLETE, "Immediate action {row} has no action written. Describe it, or remove the row."),
    "floor_rule_low": (ERROR, "“{label}” is Low, but {why}. Where indicators suggest risk, no child under 13 years or "
                              "with SEND can be assessed as Low Risk: choose Medium or High."),
    "rationale_needed": (INCOMPLETE, "Your judgement is lower than the level the indicators suggest ({where}). "
                                     "Explain why in “{label}”."),
    "below_suggestion": (WARNING, "Your judgement is lower than the level the indicators suggest ({where}). "
                                  "Explain why in the analysis."),
    "at_risk_but_no": (WARNING, "You answered that the child is not at risk, but {count} indicator(s) are rated. "
                                "Check the answer to “{label}”."),
    "other_type_unnamed": (INCOMPLETE, "“Other” exploitation is identified: say what it is in “{label}”."),
    "conversion_review": (INCOMPLETE, "This draft was converted from the earlier form. Review the answers carried "
                                      "over, then mark the conversion as reviewed."),
}


def problem(code, *, path, item=None, **values):
    """One problem, ready for a report: {code, severity, path, item, message}."""
    severity, template = MESSAGES[code]
    return {"code": code, "severity": severity, "path": path, "item": item, "message": template.format(**values)}
