"""What a complete assessment needs beyond what a draft needs: the answers a referral relies on."""

from ..messages import problem
from ..records import answered


def required(ctx):
    """Every item marked `complete: true` that is asked (its show_if holds) has an answer."""
    for item in ctx.form.items.values():
        if item.raw.get("complete") and ctx.form.is_shown(item, ctx.answers) and not answered(ctx.answers.get(item.id)):
            yield problem("required", path=ctx.path(item.id), item=item.id, label=item.label)


def action_rows(ctx):
    """Each row of an immediate-actions table says what the action is."""
    for item in ctx.form.tagged("immediate_actions"):
        for number, row in enumerate(ctx.answers.get(item.id) or [], start=1):
            if not answered(row.get("action")):
                yield problem("action_row_empty", path=ctx.path(item.id, number - 1, "action"), item=item.id, row=number)


def harmed_now(ctx):
    """A child harmed now needs the s47 / immediate-safety answer and at least one immediate action."""
    if ctx.answers.get("harmed_now") != "yes":
        return
    if ctx.form.item("s47_arranged") and not answered(ctx.answers.get("s47_arranged")):
        yield problem("harmed_now_needs_s47", path=ctx.path("s47_arranged"), item="s47_arranged")
    for item in ctx.form.tagged("immediate_actions"):
        rows = [row for row in ctx.answers.get(item.id) or [] if answered(row.get("action"))]
        if not rows:
            yield problem("harmed_now_needs_action", path=ctx.path(item.id), item=item.id)


def other_type_named(ctx):
    """"Other" exploitation, where judged, is named."""
    other = ctx.form.item("exploitation_other")
    levels = ctx.answers.get("exploitation_levels") or {}
    if other and "other" in levels and not answered(ctx.answers.get(other.id)):
        yield problem("other_type_unnamed", path=ctx.path(other.id), item=other.id, label=other.label)


def conversion_reviewed(ctx):
    """A draft converted from the earlier form is complete only once the practitioner has reviewed it."""
    conversion = ctx.record.get("conversion")
    if isinstance(conversion, dict) and conversion.get("reviewed") is not True:
        yield problem("conversion_review", path="$.conversion.reviewed")
