"""The page's one question dialog (a native <dialog>, opened modal by cre.browser.dialog): it asks before deleting
a draft, wiping the device or dropping unsaved answers. Unlike the browser's confirm(), it leaves the page's timers
running, so the auto-lock still locks while it is open."""

from .markup import lines, tag


def confirm():
    return tag("dialog", lines(
        "",
        tag("h2", "", id="cre-confirm-title", class_="govuk-heading-m"),
        tag("p", "", id="cre-confirm-text", class_="govuk-body"),
        tag("div", lines(
            tag("button", "", type="button", id="cre-confirm-yes", class_="govuk-button govuk-button--warning"),
            tag("button", "Cancel", type="button", id="cre-confirm-no", class_="govuk-button govuk-button--secondary",
                autofocus=True),
        ), class_="govuk-button-group"),
        ""), id="cre-confirm", class_="cre-dialog", aria_labelledby="cre-confirm-title",
        aria_describedby="cre-confirm-text")
