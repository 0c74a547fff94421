"""The partnership's rules, one small generator each, wired up by name.

Each rule takes a Context and yields problems (cre.messages.problem). Rules only read: they never raise on a
draft, however partial, because validation hands them answers that already passed the record schema.
"""

from dataclasses import dataclass
from datetime import date

from . import completeness, consistency, judgement


@dataclass(frozen=True)
class Context:
    form: object          # cre.definitions.Form
    answers: dict         # answers that passed the schema
    record: dict          # the whole record (envelope included)
    today: date
    suggestion: dict      # cre.levels.suggest(...)

    def path(self, item_id, *rest):
        tail = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest)
        return f"$.answers.{item_id}{tail}"


RULES = {
    "required": completeness.required,
    "action_rows": completeness.action_rows,
    "harmed_now": completeness.harmed_now,
    "other_type_named": completeness.other_type_named,
    "conversion_reviewed": completeness.conversion_reviewed,
    "review_confirmed": completeness.review_confirmed,
    "real_dates": consistency.real_dates,
    "real_times": consistency.real_times,
    "no_future_dates": consistency.no_future_dates,
    "age_matches_dob": consistency.age_matches_dob,
    "age_over_18": consistency.age_over_18,
    "referral_after_assessment": consistency.referral_after_assessment,
    "review_after_assessment": consistency.review_after_assessment,
    "floor_rule": judgement.floor_rule,
    "rationale_below_suggestion": judgement.rationale_below_suggestion,
    "at_risk_answer": judgement.at_risk_answer,
}


def run_rules(context):
    """Every problem every rule finds, in rule order."""
    found = []
    for rule in RULES.values():
        found.extend(rule(context))
    return found
