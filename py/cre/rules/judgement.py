"""The practitioner's judgement of the level of risk against what the indicators suggest."""

from ..levels import RATIONALE_ITEM, below_suggestion, floor_reasons, judgements, level_label, type_label
from ..messages import named, problem


def floor_rule(ctx):
    """Where indicators suggest risk, no child under 13 or with SEND is judged Low."""
    if not ctx.suggestion["at_risk"]:
        return
    reasons = floor_reasons(ctx.form, ctx.answers, ctx.today)
    if not reasons:
        return
    why = " and ".join(text for _, text in reasons)
    for item, kind, level in judgements(ctx.form, ctx.answers):
        if level == "low":
            path = ctx.path(item.id) if kind is None else ctx.path(item.id, kind)
            target = item.error_name if kind is None else item.option_label(kind)
            yield problem("floor_rule_low", path=path, item=item.id, target=target, why=why)


def rationale_below_suggestion(ctx):
    """A judgement below the suggested level, overall or for a type, needs a written rationale before the record
    is complete."""
    lower = below_suggestion(ctx.suggestion)
    if not lower:
        return
    where = "; ".join(f"{'overall' if what == 'overall' else type_label(what)}: {level_label(judged)}, suggested "
                      f"{level_label(suggested)}" for what, judged, suggested in lower)
    rationale = ctx.form.item(RATIONALE_ITEM)
    if rationale is None:
        yield problem("below_suggestion", path="$.answers", where=where)
    elif not (ctx.answers.get(rationale.id) or "").strip():
        yield problem("rationale_needed", path=ctx.path(rationale.id), item=rationale.id,
                      **named(rationale, where=where))


def at_risk_answer(ctx):
    """"Do you consider this child to be at risk?" answered No while indicators are rated."""
    item = ctx.form.item("at_risk")
    if item and ctx.answers.get("at_risk") == "no" and ctx.suggestion["rated"]:
        count = ctx.suggestion["rated"]
        rated = "1 indicator is" if count == 1 else f"{count} indicators are"
        yield problem("at_risk_but_no", path=ctx.path("at_risk"), item="at_risk", **named(item, rated=rated))
