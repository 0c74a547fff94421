"""Reviews on the form page (cre.review; the page's words are cre.review_text's): Start a review from a draft's row
(stored as a new encrypted draft, as Duplicate stores a copy), the mark beside each answer carried over and not yet
confirmed (changing the answer confirms it, and so does the screen's Confirm button), what changed since the
reviewed assessment on the result screen and check your answers, and the levels it recorded beside the
practitioner's judgement.
"""

import json

from pyscript import document

from .. import page_contract as contract, progress, review_text
from ..records import form_of, utc_now
from ..review import CannotReview, confirm, start_review
from ..storage_faults import NotStored, not_stored
from ..validate import validate
from .dom import by_id, element

CONFIRM = "Confirm the answers carried over on this screen"
PANELS = {progress.RESULT: contract.CHANGES_RESULT, progress.CHECK: contract.CHANGES_CHECK}


def described(wrapper, node_id, add):
    """Name (or stop naming) a note in the aria-describedby of the question it belongs to: the item's fieldset, or
    its one field."""
    target = wrapper.querySelector("fieldset") or wrapper.querySelector("input, textarea, select")
    if not target:
        return
    ids = [name for name in str(target.getAttribute("aria-describedby") or "").split() if name != node_id]
    target.setAttribute("aria-describedby", " ".join([node_id, *ids] if add else ids))


def note_beside(item_id, suffix, text, class_, inner_class=None):
    """A note right after an item's question (its legend or label), kept in step with `text` ("": none)."""
    wrapper = by_id(contract.item_id(item_id))
    node_id = f"{item_id}-{suffix}"
    node = by_id(node_id)
    if not text:
        if node:
            node.remove()
            described(wrapper, node_id, False)
        return
    if not node:
        question = wrapper.querySelector("legend, label") if wrapper else None
        if not question:
            return
        node = element("p", element("strong" if inner_class else "span", "", class_=inner_class), id=node_id,
                       class_=class_)
        node.setAttribute(contract.DATA_ITEM, item_id)
        question.after(node)
        described(wrapper, node_id, True)
    node.firstChild.textContent = text


class Reviews:
    def __init__(self, page, drafts, warning):
        self.page, self.drafts, self.warning = page, drafts, warning

    def start(self):
        """Listen for changes to carried answers (before the page reads them), and add the panels, hidden."""
        self.page.listen(self.page.element, "input", self.edited)
        self.page.listen(self.page.element, "change", self.edited)
        after = {progress.RESULT: by_id(contract.JUDGEMENT), progress.CHECK: by_id(contract.title_id(progress.CHECK))}
        for screen, panel_id in PANELS.items():
            heading = element("h2", "", class_="govuk-heading-m", id=contract.title_id(panel_id))
            panel = element("section", heading, element("div", class_=contract.OUTPUT_CLASS), id=panel_id,
                            class_="cre-panel", aria_labelledby=contract.title_id(panel_id))
            panel.hidden = True
            after[screen].after(panel)

    # --- starting one ----------------------------------------------------------------------------------------------
    async def begin(self, draft_id):
        """Start a review of a draft: a new draft of the current form, stored, then opened at the first section."""
        drafts, page = self.drafts, self.page
        if draft_id == page.record["record_id"]:
            page.refresh()
            original = json.loads(json.dumps(page.record))  # what is on the page, saved or not yet
        else:
            found = await drafts.read(draft_id)
            if found is None:
                return
            original = found[0]["record"]
        try:
            made = start_review(original, now=utc_now())
        except CannotReview as error:
            page.say(f"That draft cannot be reviewed: {error}.")
            return
        except (AttributeError, KeyError, TypeError, ValueError):
            page.say("That draft cannot be reviewed: some of its answers are not in the form they should be. "
                     "Continue it, correct the answers marked, then start the review again.")
            return
        status = validate(made, form_of(made))["status"]
        if drafts.dirty:
            await drafts.save()  # the open draft's last changes, before another draft takes the page
        try:
            rev = await drafts.add(made, status)
        except NotStored as failed:
            self.warning.not_stored(not_stored("The review was not started", failed.kind,
                                               "Your drafts are unchanged."))
            return
        self.warning.stored_again()
        drafts.summarise(made, status)
        # on this page at its first section, or on the page of its form
        if await drafts.open_record(made, rev):
            page.say(review_text.started(made))
            page.screens.go(progress.section_screen(page.form.sections[0]))

    # --- confirming carried answers ----------------------------------------------------------------------------------
    def edited(self, event):
        """A field changed: its item, if carried, is confirmed (its mark goes at once; the save follows the check)."""
        wrapper = event.target.closest(f".{contract.ITEM_CLASS}") if event.target else None
        item_id = str(wrapper.getAttribute(contract.DATA_ITEM)) if wrapper else None
        if item_id and item_id in review_text.carried(self.page.record) and not self.drafts.read_only:
            self.confirm([item_id])
            self.render_marks()

    def confirm(self, item_ids):
        confirm(self.page.record, item_ids)
        self.page.record["updated"] = utc_now()
        self.page.edited()

    def confirm_screen(self, screen):
        """The screen's Confirm button: every answer carried over on it is confirmed."""
        if self.drafts.read_only:
            return
        self.confirm(review_text.carried_on(self.page.form, self.page.record, screen))
        self.page.check_and_show()
        self.page.say("The answers carried over on this screen are confirmed.")
        heading = by_id(contract.title_id(screen))
        if heading:
            heading.focus()

    # --- showing --------------------------------------------------------------------------------------------------
    def render(self):
        """Called after each check of the answers (cre.browser.page.render)."""
        self.render_marks()
        record, form = self.page.record, self.page.form
        previous = review_text.previous_levels(record)
        for item in form.tagged("judged_level"):
            note_beside(item.id, "previous", previous, "govuk-inset-text cre-previous")
        # redrawn by views.judgement_panel just before
        judged = by_id(contract.JUDGEMENT).querySelector(f".{contract.OUTPUT_CLASS}")
        if previous and judged.firstChild:
            judged.firstChild.after(element("p", previous, class_="govuk-body"))  # after the judgement, before its link
        for item in form.tagged("review_by"):
            note_beside(item.id, "suggested", review_text.review_by_hint(record), "govuk-hint")
        for screen, panel_id in PANELS.items():
            self.render_changes(by_id(panel_id), screen)

    def render_marks(self):
        """The mark beside each carried answer, and above each screen holding some its count and Confirm button."""
        record, form = self.page.record, self.page.form
        marked = set(review_text.carried(record))
        for node in list(document.querySelectorAll(f"#{contract.FORM} .cre-carried")):
            if str(node.getAttribute(contract.DATA_ITEM)) not in marked:
                described(node.closest(f".{contract.ITEM_CLASS}"), node.id, False)
                node.remove()
        note = review_text.carried_note(record) if marked else ""
        for item_id in marked:
            if by_id(contract.item_id(item_id)):
                note_beside(item_id, "carried", note, "cre-carried", "cre-tag")
        for section in form.sections:
            screen = progress.section_screen(section)
            count = len(review_text.carried_on(form, record, screen))
            box = by_id(f"{screen}-carried")
            if not count:
                if box:
                    box.hidden = True
                continue
            if not box:
                box = self.screen_box(screen)
            box.hidden = False
            box.firstChild.textContent = review_text.on_screen(count, record)

    def screen_box(self, screen):
        """Above a screen's questions: how many of its answers are carried over, and the button confirming them."""
        button = element("button", CONFIRM, type="button", class_="govuk-button govuk-button--secondary")
        self.page.listen(button, "click", lambda _event: self.confirm_screen(screen))
        box = element("div", element("p", "", class_="govuk-body"), button, id=f"{screen}-carried",
                      class_="govuk-inset-text cre-carried-screen")
        by_id(contract.title_id(screen)).after(box)
        return box

    def render_changes(self, panel, screen):
        """What changed since the reviewed assessment: the summary first, then each group of details. Worked out
        only while its screen is open (opening it checks the answers again)."""
        if self.page.screens.current != screen:
            if not review_text.reviewed_on(self.page.record):
                self.empty(panel)
            return
        found = review_text.what_changed(self.page.record)
        if found is None:
            self.empty(panel)
            return
        parts = [element("p", element("strong", sentence) if index == 0 else sentence,
                         class_="govuk-body") for index, sentence in enumerate(found["summary"])]
        for heading, lines in found["groups"]:
            parts += [element("h3", heading, class_="govuk-heading-s"),
                      element("ul", *[element("li", line) for line in lines], class_="govuk-list govuk-list--bullet")]
        panel.querySelector("h2").textContent = found["title"]
        panel.querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren(*parts)
        panel.hidden = False

    @staticmethod
    def empty(panel):
        """No review on the page (another draft, the page locked or wiped): the panel is hidden and holds nothing."""
        panel.hidden = True
        panel.querySelector("h2").textContent = ""
        panel.querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren()
