"""What a complete assessment needs beyond what a draft needs: the answers a referral relies on."""

from ..answer_text import long_date
from ..messages import named, problem
from ..records import answered, reviewed

TYPED = ("text", "textarea", "integer", "date", "table")  # "Enter …"; the others are chosen: "Select …"


def required(ctx):
    """Every item marked `complete: true` that is asked (its show_if holds) has an answer."""
    for item in ctx.form.items.values():
        if item.raw.get("complete") and ctx.form.is_shown(item, ctx.answers) and not answered(ctx.answers.get(item.id)):
            yield problem("required", path=ctx.path(item.id), item=item.id,
                          variant="enter" if item.type in TYPED else "select", **named(item))


def action_rows(ctx):
    """Each row of an immediate-actions table says what the action is."""
    for item in ctx.form.tagged("immediate_actions"):
        for number, row in enumerate(ctx.answers.get(item.id) or [], start=1):
            if not answered(row.get("action")):
                which = f"{item.raw.get('row_label', 'Row').lower()} {number}"
                yield problem("action_row_empty", path=ctx.path(item.id, number - 1, "action"), item=item.id, row=which)


def harmed_now(ctx):
    """A child harmed now needs the s47 / immediate-safety answer and at least one immediate action."""
    if ctx.answers.get("harmed_now") != "yes":
        return
    s47 = ctx.form.item("s47_arranged")
    if s47 and not answered(ctx.answers.get(s47.id)):
        yield problem("harmed_now_needs_s47", path=ctx.path(s47.id), item=s47.id, **named(s47))
    for item in ctx.form.tagged("immediate_actions"):
        rows = [row for row in ctx.answers.get(item.id) or [] if answered(row.get("action"))]
        if not rows:
            yield problem("harmed_now_needs_action", path=ctx.path(item.id), item=item.id)


def other_type_named(ctx):
    """"Other" exploitation, where judged, is named."""
    other = ctx.form.item("exploitation_other")
    levels = ctx.answers.get("exploitation_levels") or {}
    if other and "other" in levels and not answered(ctx.answers.get(other.id)):
        yield problem("other_type_unnamed", path=ctx.path(other.id), item=other.id, **named(other))


def conversion_reviewed(ctx):
    """A draft converted from the earlier form is complete only once the practitioner has reviewed it."""
    conversion = ctx.record.get("conversion")
    if isinstance(conversion, dict) and conversion.get("reviewed") is not True:
        yield problem("conversion_review", path="$.conversion.reviewed")


def review_confirmed(ctx):
    """A review (cre.review) is complete only once every answer it carried over is confirmed or changed."""
    of = reviewed(ctx.record)
    carried = ctx.record["review"].get("carried") if of else None
    if carried:
        yield problem("review_carried", path="$.review.carried", variant="one" if len(carried) == 1 else None,
                      count=len(carried), date=long_date(of["date"]) or of["date"])
