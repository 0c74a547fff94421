"""The partnership's rules, one small generator each, run in the order RULES lists them.

Each rule takes a Context and yields problems (cre.messages.problem). Rules only read: they never raise on a
draft, however partial, because validation hands them answers that already passed the record schema.
"""

from dataclasses import dataclass
from datetime import date

from ..json_path import json_path
from . import completeness, consistency, judgement


@dataclass(frozen=True)
class Context:
    form: object          # cre.definitions.Form
    answers: dict         # answers that passed the schema
    record: dict          # the whole record (envelope included)
    today: date
    suggestion: dict      # cre.levels.suggest(...)

    def path(self, item_id, *rest):
        return json_path(["answers", item_id, *rest])


RULES = (
    completeness.required,
    completeness.action_rows,
    completeness.harmed_now,
    completeness.other_type_named,
    completeness.conversion_reviewed,
    completeness.review_confirmed,
    consistency.real_dates,
    consistency.real_times,
    consistency.no_future_dates,
    consistency.age_matches_dob,
    consistency.age_over_18,
    consistency.referral_after_assessment,
    consistency.review_after_assessment,
    judgement.floor_rule,
    judgement.rationale_below_suggestion,
    judgement.at_risk_answer,
)


def run_rules(context):
    """Every problem every rule finds, in rule order."""
    found = []
    for rule in RULES:
        found.extend(rule(context))
    return found
