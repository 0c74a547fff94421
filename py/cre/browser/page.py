"""The form page: collects the page's entries, hands them to the rules (cre.form_values, cre.assessment), and
shows what comes back: inline errors and the GOV.UK error summary, section statuses, the suggested level, the
routing card and the "harmed now" interruption. Text from the record is only ever set as textContent, never parsed
as HTML. Downloads (JSON, PDF) are built here from the same record; the PDF stack loads only when asked for.
"""

import json

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from ..answer_text import describe
from ..assessment import assess
from ..definitions import get_form
from ..form_values import answers_from_entries, entries_from_answers
from ..levels import level_label
from ..records import answered, new_record, utc_now
from ..validate import INVALID
from .dom import element, file_name, save, step_element

CHECK_DELAY_MS = 150
PAGES = {"dd-cre-2022": "form.html", "cre-ra-legacy": "form-earlier.html"}  # the page that shows each form
OPEN_DRAFT = "cre-open-draft"  # sessionStorage: the random id of this tab's open draft, never an answer
STATUS_TEXT = {"not-started": "Not started", "in-progress": "In progress", "complete": "Complete",
               "problems": "Has problems"}


class Page:
    """One form page: its form, the record being written, and the last assessment of it."""

    def __init__(self, form_element):
        self.element = form_element
        self.form = get_form(form_element.dataset.formId, form_element.dataset.formVersion)
        self.record = new_record(self.form.id, self.form.version)
        self.result = None
        self.checked = False  # after "Check answers", missing answers show as errors too
        self.drafts = None  # set by start(): the page's draft store
        self._timer = None
        self._proxies = []
        self.first_rows = {item.id: self.row_count(item.id) for item in self.form.of_type("table")}

    # --- events --------------------------------------------------------------------------------------------
    def listen(self, target, event, handler):
        proxy = create_proxy(handler)
        self._proxies.append(proxy)
        target.addEventListener(event, proxy)

    def typed(self, event=None):
        if self.drafts is not None:
            self.drafts.typing()
        self.schedule(event)

    def schedule(self, _event=None):
        if self._timer is not None:
            window.clearTimeout(self._timer)
        self._timer = window.setTimeout(self._proxy_refresh, CHECK_DELAY_MS)

    def start(self):
        self._proxy_refresh = create_proxy(lambda *_: self.refresh())
        self._proxies.append(self._proxy_refresh)
        self.listen(self.element, "input", self.typed)
        self.listen(self.element, "change", self.schedule)
        self.listen(document.getElementById("cre-check"), "click", self.check_answers)
        self.listen(document.getElementById("cre-download-json"), "click", self.download_json)
        self.listen(document.getElementById("cre-download-pdf"), "click", self.download_pdf)
        self.listen(document.getElementById("cre-print"), "click", lambda _event: window.print())
        for button in document.querySelectorAll("[data-add-row]"):
            self.listen(button, "click", self.add_row)
            button.disabled = False
        for button in document.querySelectorAll("[data-needs-python]"):
            button.disabled = False
        self.refresh()

    # --- reading the page ------------------------------------------------------------------------------------
    def entries(self):
        data = window.FormData.new(self.element)
        return [(str(pair[0]), str(pair[1])) for pair in data.entries()]

    def refresh(self):
        answers = answers_from_entries(self.form, self.entries())
        changed = answers != self.record["answers"]
        if changed:
            self.record["answers"] = answers
            self.record["updated"] = utc_now()
        self.check_and_show()
        if self.drafts is not None:
            self.drafts.changed() if changed else self.drafts.unchanged()

    def show(self, record):
        """Put a record on the page (a resumed or imported draft): its answers into the fields, then check it."""
        self.record, self.checked = record, False
        self.element.reset()
        for item in self.form.of_type("table"):
            wanted = max(len(record["answers"].get(item.id) or []), self.first_rows[item.id])
            for row in list(document.getElementById(f"rows-{item.id}").querySelectorAll(".cre-row"))[wanted:]:
                row.remove()
            for _ in range(wanted - self.row_count(item.id)):
                self.append_row(item.id)
        for name, value in entries_from_answers(self.form, record["answers"]):
            for field in document.getElementsByName(name):
                if field.type in ("radio", "checkbox"):
                    field.checked = field.checked or field.value == value
                else:
                    field.value = value
        self.check_and_show()

    def clear(self):
        """Take every answer off the page (locking, wiping): an empty record, and no result that quotes one."""
        self.show(new_record(self.form.id, self.form.version))
        review = document.getElementById("cre-review")
        review.hidden = True
        review.querySelector(".cre-output").replaceChildren()
        self.say("")

    def check_and_show(self):
        self.result = assess(self.record, self.form)
        self.render()

    # --- showing the result ----------------------------------------------------------------------------------
    def render(self):
        answers, report = self.record["answers"], self.result["validation"]
        for wrapper in document.querySelectorAll("[data-show-if-item]"):
            item = self.form.item(wrapper.dataset.item)
            wrapper.hidden = item is not None and not self.form.is_shown(item, answers)  # item: a Python value
        shown = [p for p in report["problems"] if p["severity"] == "error" or
                 (self.checked and p["severity"] == "incomplete")]
        self.render_inline(shown)
        self.render_summary(shown)
        self.render_tasks(report["problems"])
        self.render_suggestion(report["suggestion"])
        self.render_routing(self.result["routing"])
        status = document.getElementById("cre-status")
        status.textContent = f"Checked at {window.Date.new().toLocaleTimeString('en-GB')}."

    def render_inline(self, problems):
        for slot in document.querySelectorAll(".govuk-error-message"):
            slot.hidden, slot.textContent = True, ""
        for group in document.querySelectorAll(".govuk-form-group--error"):
            group.classList.remove("govuk-form-group--error")
        for problem in problems:
            slot = document.getElementById(f"{problem['item']}-error") if problem["item"] else None
            if not slot:  # a missing element is JS null (falsy), not None
                continue
            slot.hidden = False
            slot.textContent = (slot.textContent + " " if slot.textContent else "") + problem["message"]
            wrapper = document.getElementById(f"item-{problem['item']}")
            if wrapper:
                wrapper.classList.add("govuk-form-group--error")

    def render_summary(self, problems):
        summary = document.getElementById("cre-error-summary")
        listing = summary.querySelector("ul")
        listing.replaceChildren()
        for problem in problems:
            target = f"#item-{problem['item']}" if problem["item"] else "#cre-main"
            listing.append(element("li", element("a", problem["message"], href=target)))
        summary.hidden = not problems

    def render_tasks(self, problems):
        by_item = {}
        for problem in problems:
            by_item.setdefault(problem["item"], []).append(problem)
        answers = self.record["answers"]
        for section in self.form.sections:
            items = [item for item in self.form.section_items(section) if item.answerable]
            found = [p for item in items for p in by_item.get(item.id, [])]
            if any(p["severity"] == "error" for p in found):
                status = "problems"
            elif not any(answered(answers.get(item.id)) for item in items):
                status = "not-started"
            elif any(p["severity"] == "incomplete" for p in found):
                status = "in-progress"
            else:
                status = "complete"
            marker = document.querySelector(f'[data-section="{section["id"]}"] .cre-task-status')
            if marker:
                marker.dataset.status, marker.textContent = status, STATUS_TEXT[status]

    def render_suggestion(self, suggestion):
        output = document.querySelector("#cre-suggestion .cre-output")
        overall = suggestion["overall"]
        headline = f"Suggested level: {level_label(overall)}" if overall else "No level suggested yet"
        reasons = element("ul", *[element("li", line["text"]) for line in suggestion["explanation"]])
        output.replaceChildren(element("p", element("strong", headline)), reasons)

    def render_routing(self, routing):
        output = document.querySelector("#cre-routing .cre-output")
        steps = [step_element(step) for step in routing["steps"]]
        basis = element("p", routing["level_basis"], class_="govuk-body-s")
        output.replaceChildren(basis, element("ol", *steps, class_="cre-steps"))
        self.render_interruption(routing)

    def render_interruption(self, routing):
        """Harmed now: the immediate steps at once, right under the question."""
        box = document.getElementById("cre-harmed-now")
        if self.record["answers"].get("harmed_now") != "yes":
            if box:
                box.remove()
            return
        if not box:
            box = element("div", role="alert", id="cre-harmed-now", class_="cre-interruption")
            anchor = document.getElementById("item-harmed_now")
            if not anchor:
                return
            anchor.after(box)
        now = [step_element(step) for step in routing["steps"] if step["deadline"] == "immediately"]
        box.replaceChildren(element("h3", "The child is being harmed now: act immediately"),
                            element("ol", *now, class_="cre-steps"))

    # --- buttons -------------------------------------------------------------------------------------------
    def check_answers(self, _event=None):
        self.checked = True
        self.refresh()
        self.render_review()
        summary = document.getElementById("cre-error-summary")
        if not summary.hidden:
            summary.focus()
        else:
            self.say("No problems found. You can download the record and the PDF.")

    def render_review(self):
        """Check your answers: every answer, section by section, each with a link back to change it."""
        answers, blocks = self.record["answers"], []
        for section in self.form.sections:
            rows = []
            for item in self.form.section_items(section):
                if not item.answerable or not answered(answers.get(item.id)):
                    continue
                change = element("a", "Change", element("span", f" {item.label}", class_="govuk-visually-hidden"),
                                 href=f"#item-{item.id}")
                rows.append(element("div", element("dt", item.label, class_="govuk-summary-list__key"),
                                    element("dd", describe(item, answers[item.id]),
                                            class_="govuk-summary-list__value"),
                                    element("dd", change, class_="govuk-summary-list__actions"),
                                    class_="govuk-summary-list__row"))
            title = f"Section {section['number']}. {section['title']}" if section.get("number") else section["title"]
            body = element("dl", *rows, class_="govuk-summary-list") if rows else \
                element("p", "Nothing answered yet.", class_="govuk-body")
            blocks += [element("h3", title, class_="govuk-heading-m"), body]
        review = document.getElementById("cre-review")
        review.querySelector(".cre-output").replaceChildren(*blocks)
        review.hidden = False

    def row_count(self, item_id):
        return document.getElementById(f"rows-{item_id}").querySelectorAll(".cre-row").length

    def append_row(self, item_id):
        """Another row for a table item, from the page's own <template> (the build's markup, no record text)."""
        rows = document.getElementById(f"rows-{item_id}")
        number = self.row_count(item_id)
        html = document.getElementById(f"row-template-{item_id}").innerHTML
        holder = document.createElement("div")
        holder.innerHTML = html.replace("__ROW__", str(number)).replace("__NUMBER__", str(number + 1))
        for child in list(holder.children):
            rows.append(child)
        return rows.querySelector(f'[data-row="{number}"] input, [data-row="{number}"] textarea')

    def add_row(self, event):
        first = self.append_row(event.currentTarget.dataset.addRow)
        if first:
            first.focus()

    def download_json(self, _event=None):
        self.refresh()
        if self.result["validation"]["status"] == INVALID and any(
                p["code"] in ("schema", "unknown_answer") for p in self.result["validation"]["problems"]):
            self.say("The record has answers in the wrong form; correct the questions marked, then download again.")
            return
        text = json.dumps(self.record, ensure_ascii=False, indent=2)
        save(text, file_name(self.record, "json"), "application/json")
        self.say("The record was downloaded. It holds personal data: store it as your agency requires.")

    def download_pdf(self, _event=None):
        self.refresh()
        self.say("Making the PDF…")
        from ..pdf import render_pdf  # fpdf2 and fontTools load only now

        data = render_pdf(self.record, suggestion=self.result["validation"]["suggestion"],
                          routing=self.result["routing"])
        save(to_js(data), file_name(self.record, "pdf"), "application/pdf")
        self.say("The PDF was downloaded. It is marked OFFICIAL-SENSITIVE: store it as your agency requires.")

    def say(self, text):
        document.getElementById("cre-status").textContent = text
