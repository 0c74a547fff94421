"""The form page's adapter: the only module that touches the DOM (through PyScript's `window`/`document`).

It collects the page's entries, hands them to the rules (cre.form_values, cre.assessment), and shows what comes
back: inline errors and the GOV.UK error summary, section statuses, the suggested level, the routing card and the
"harmed now" interruption. Text from the record is only ever set as textContent, never parsed as HTML.
Downloads (JSON, PDF) are built here from the same record; the PDF stack loads only when a PDF is asked for.
"""

import json
import re
from datetime import date

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from .assessment import assess
from .definitions import get_form
from .form_values import answers_from_entries
from .levels import level_label
from .records import answered, new_record, utc_now
from .validate import INVALID

CHECK_DELAY_MS = 150
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
        self._timer = None
        self._proxies = []

    # --- events --------------------------------------------------------------------------------------------
    def listen(self, target, event, handler):
        proxy = create_proxy(handler)
        self._proxies.append(proxy)
        target.addEventListener(event, proxy)

    def schedule(self, _event=None):
        if self._timer is not None:
            window.clearTimeout(self._timer)
        self._timer = window.setTimeout(self._proxy_refresh, CHECK_DELAY_MS)

    def start(self):
        self._proxy_refresh = create_proxy(lambda *_: self.refresh())
        self._proxies.append(self._proxy_refresh)
        self.listen(self.element, "input", self.schedule)
        self.listen(self.element, "change", self.schedule)
        self.listen(document.getElementById("cre-check"), "click", self.check_answers)
        self.listen(document.getElementById("cre-download-json"), "click", self.download_json)
        self.listen(document.getElementById("cre-download-pdf"), "click", self.download_pdf)
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
        if answers != self.record["answers"]:
            self.record["answers"] = answers
            self.record["updated"] = utc_now()
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
        summary = document.getElementById("cre-error-summary")
        if not summary.hidden:
            summary.focus()
        else:
            self.say("No problems found. You can download the record and the PDF.")

    def add_row(self, event):
        item_id = event.currentTarget.dataset.addRow
        rows = document.getElementById(f"rows-{item_id}")
        template = document.getElementById(f"row-template-{item_id}")
        number = rows.querySelectorAll(".cre-row").length
        html = template.innerHTML.replace("__ROW__", str(number)).replace("__NUMBER__", str(number + 1))
        holder = document.createElement("div")
        holder.innerHTML = html  # the template is the build's own markup: no record text is in it
        for child in list(holder.children):
            rows.append(child)
        first = rows.querySelector(f'[data-row="{number}"] input, [data-row="{number}"] textarea')
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
        from .pdf import render_pdf  # fpdf2 and fontTools load only now

        data = render_pdf(self.record, suggestion=self.result["validation"]["suggestion"],
                          routing=self.result["routing"])
        save(to_js(data), file_name(self.record, "pdf"), "application/pdf")
        self.say("The PDF was downloaded. It is marked OFFICIAL-SENSITIVE: store it as your agency requires.")

    def say(self, text):
        document.getElementById("cre-status").textContent = text


def element(tag, *children, class_=None, **attributes):
    """A DOM element with text (never HTML) and child elements."""
    node = document.createElement(tag)
    if class_:
        node.className = class_
    for name, value in attributes.items():
        node.setAttribute(name.replace("_", "-"), value)
    for child in children:
        node.append(child if not isinstance(child, str) else document.createTextNode(child))
    return node


def step_element(step):
    """One routing step: when, who, what, and each contact as a tel: or mailto: link."""
    contacts = []
    for contact in step["contacts"]:
        name = contact.get("name", "")
        if contact.get("tel"):
            contacts.append(element("li", f"{name}: ", element("a", contact["phone"], href=contact["tel"])))
        elif contact.get("mailto"):
            contacts.append(element("li", f"{name}: ", element("a", contact["email"], href=contact["mailto"])))
    parts = [element("strong", f"{step['deadline_label']}: {step['who']}", class_=f"cre-deadline-{step['deadline']}"),
             element("p", step["action"])]
    if contacts:
        parts.append(element("ul", *contacts, class_="cre-contacts"))
    return element("li", *parts, class_="cre-step")


def file_name(record, extension):
    """CRE-<initials>-<date>.<ext>: initials only, never the child's name."""
    name = str(record["answers"].get("child_name") or "")
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", name))[:4].upper() or "XX"
    return f"CRE-{initials}-{date.today().isoformat()}.{extension}"


def save(content, name, mime):
    """Offer content to the practitioner as a downloaded file (nothing is sent anywhere)."""
    blob = window.Blob.new(to_js([content]), to_js({"type": mime}, dict_converter=window.Object.fromEntries))
    url = window.URL.createObjectURL(blob)
    link = document.createElement("a")
    link.href, link.download = url, name
    document.body.append(link)
    link.click()
    link.remove()
    window.setTimeout(create_proxy(lambda *_: window.URL.revokeObjectURL(url)), 10_000)


def start():
    """Wire up the form page: called once by the PyScript entry when Python is ready."""
    form_element = document.getElementById("cre-form")
    page = Page(form_element)
    page.start()
    document.documentElement.dataset.python = "ready"
    return page
