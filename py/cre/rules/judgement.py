"""The practitioner's judgement of the level of risk against what the indicators suggest."""

from ..levels import (RATIONALE_ITEM, below_suggestion, floor_reasons, judgements, level_label, review_lows,
                      review_may_be_low, type_label)
from ..messages import named, problem


def floor_rule(ctx):
    """Where indicators suggest risk, no child under 13 or with SEND is judged Low: refused on a first assessment
    (and always on the earlier form); on a review under form 000 the rationale rule asks for a written reason."""
    if not ctx.suggestion["at_risk"] or ctx.suggestion.get("floor_review"):
        return
    reasons = floor_reasons(ctx.form, ctx.answers, ctx.today)
    if not reasons:
        return
    why = " and ".join(text for _, text in reasons)
    variant = "first_assessment" if review_may_be_low(ctx.form) else None
    for item, kind, level in judgements(ctx.form, ctx.answers):
        if level == "low":
            path = ctx.path(item.id) if kind is None else ctx.path(item.id, kind)
            target = item.error_name if kind is None else item.option_label(kind)
            yield problem("floor_rule_low", path=path, item=item.id, variant=variant, target=target, why=why)


def rationale_below_suggestion(ctx):
    """A judgement below the suggested level, overall or for a type, needs a written rationale before the record
    is complete; so does a Low judgement on a review under the floor rule (form 000)."""
    lower = below_suggestion(ctx.suggestion)
    reviewed = review_lows(ctx.form, ctx.answers, ctx.suggestion)
    if not lower and not reviewed:
        return
    parts = [f"{'overall' if what == 'overall' else type_label(what)}: {level_label(judged)}, suggested "
             f"{level_label(suggested)}" for what, judged, suggested in lower]
    listed = {what for what, _, _ in lower}
    parts += [f"{type_label(kind) if kind else 'overall'}: Low" for _, kind in reviewed
              if (kind or "overall") not in listed]
    where = "; ".join(parts)
    rationale = ctx.form.item(RATIONALE_ITEM)
    if rationale is None:
        yield problem("below_suggestion", path="$.answers", where=where)
    elif not (ctx.answers.get(rationale.id) or "").strip():
        if reviewed:
            why = " and ".join(text for _, text in floor_reasons(ctx.form, ctx.answers, ctx.today))
            yield problem("floor_review_rationale", path=ctx.path(rationale.id), item=rationale.id,
                          **named(rationale, where=where, why=why))
        else:
            yield problem("rationale_needed", path=ctx.path(rationale.id), item=rationale.id,
                          **named(rationale, where=where))


def at_risk_answer(ctx):
    """"Do you consider this child to be at risk?" answered No while indicators are rated."""
    item = ctx.form.item("at_risk")
    if item and ctx.answers.get("at_risk") == "no" and ctx.suggestion["rated"]:
        count = ctx.suggestion["rated"]
        rated = "1 indicator is" if count == 1 else f"{count} indicators are"
        yield problem("at_risk_but_no", path=ctx.path("at_risk"), item="at_risk", **named(item, rated=rated))
