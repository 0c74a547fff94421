"""The conversion note on check your answers: a record converted from the earlier form (cre.convert) lists the
earlier answers the current form has no matching question for, in the earlier form's words (as the PDF does), and
the practitioner marks the conversion as reviewed once they have read them: the rule conversion_reviewed keeps the
record from being complete until then.
"""

from pyscript import document

from .. import page_contract as contract, progress
from ..convert import NOTE_INTRO, NOTE_TITLE
from ..records import utc_now
from .dom import element

PANEL = contract.CONVERSION
MARK = "Mark the conversion as reviewed"
MARKED = "You marked the conversion as reviewed."


class ConversionNote:
    def __init__(self, page, drafts):
        self.page, self.drafts = page, drafts

    def start(self):
        """The panel, hidden, at the top of check your answers, with its button."""
        self.button = element("button", MARK, type="button", class_="govuk-button govuk-button--secondary")
        self.page.listen(self.button, "click", self.mark_reviewed)
        panel = element("section", element("h2", NOTE_TITLE, class_="govuk-heading-m", id=contract.title_id(PANEL)),
                        element("div", class_=contract.OUTPUT_CLASS), self.button, id=PANEL, class_="cre-panel",
                        aria_labelledby=contract.title_id(PANEL))
        panel.hidden = True
        document.getElementById(contract.title_id(progress.CHECK)).after(panel)

    def render(self):
        """Called after each check of the answers: the note of the record on the page, or nothing."""
        panel = document.getElementById(PANEL)
        conversion = self.page.record.get("conversion")
        if not isinstance(conversion, dict):
            panel.hidden = True
            panel.querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren()
            return
        rows = [element("li", element("strong", str(entry.get("label") or entry.get("item", "")).rstrip(" :")), ": ",
                        str(entry.get("answer", "")))
                for entry in conversion.get("unmapped") or [] if isinstance(entry, dict)]
        parts = [element("p", NOTE_INTRO, class_="govuk-body")]
        parts.append(element("ul", *rows, class_="govuk-list govuk-list--bullet") if rows
                     else element("p", "None.", class_="govuk-body"))
        if conversion.get("reviewed") is True:
            parts.append(element("p", MARKED, class_="govuk-body"))
        panel.querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren(*parts)
        self.button.hidden = conversion.get("reviewed") is True or self.drafts.read_only
        panel.hidden = False

    def mark_reviewed(self, _event=None):
        conversion = self.page.record.get("conversion")
        if not isinstance(conversion, dict) or self.drafts.read_only:
            return
        conversion["reviewed"] = True
        self.page.record["updated"] = utc_now()
        self.page.edited()
        self.page.check_and_show()
        self.page.say(MARKED)
        document.getElementById(contract.title_id(PANEL)).focus()
