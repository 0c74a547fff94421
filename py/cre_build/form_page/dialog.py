"""The page's one question dialog (a native <dialog>, opened modal by cre.browser.dialog): it asks before deleting
a draft, wiping the device or dropping unsaved answers. Unlike the browser's confirm(), it leaves the page's timers
running, so the auto-lock still locks while it is open."""

from cre import page_contract as contract

from .markup import lines, tag


def confirm():
    return tag("dialog", lines(
        "",
        tag("h2", "", id=contract.CONFIRM_TITLE, class_="govuk-heading-m"),
        tag("p", "", id=contract.CONFIRM_TEXT, class_="govuk-body"),
        tag("div", lines(
            tag("button", "", type="button", id=contract.CONFIRM_YES, class_="govuk-button govuk-button--warning"),
            tag("button", "Cancel", type="button", id=contract.CONFIRM_NO,
                class_="govuk-button govuk-button--secondary", autofocus=True),
        ), class_="govuk-button-group"),
        ""), id=contract.CONFIRM, class_="cre-dialog", aria_labelledby=contract.CONFIRM_TITLE,
        aria_describedby=contract.CONFIRM_TEXT)
