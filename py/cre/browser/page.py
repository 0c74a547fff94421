"""The form page: collects the page's entries, hands them to the rules (cre.form_values, cre.assessment), and
has views.py show what comes back on the screens (screens.py moves between them): inline errors and the error
summary, section statuses, the bar with the suggested level, the result screen and check your answers. Downloads
(JSON, PDF) are built here from the same record; the PDF stack loads only when asked for.

The page knows none of the parts that keep or annotate its record: it tells them through its hooks (on_input,
on_read, on_render), which cre.browser.start fills.
"""

import json

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from .. import page_contract as contract, progress, review_text
from ..assessment import assess
from ..definitions import get_form
from ..form_values import answers_from_entries, entries_from_answers
from ..records import new_record, utc_now
from ..validate import INVALID
from . import pdf_bundle, views
from .dom import file_name, js_object, save
from .screens import Screens

CHECK_DELAY_MS = 150


class Page:
    """One form page: its form, the record being written, and the last assessment of it."""

    def __init__(self, form_element):
        self.element = form_element
        self.form = get_form(form_element.getAttribute(contract.DATA_FORM_ID),
                             form_element.getAttribute(contract.DATA_FORM_VERSION))
        self.record = new_record(self.form.id, self.form.version)
        self.result = None
        self.checked = False  # once check your answers has been shown, missing answers show as problems too
        self.summary_for = None  # the screen whose Continue was stopped: its error summary stays in view
        self.said_fresh = False  # a message was said since the last change of screen
        # Who is told what happens to the record (filled by cre.browser.start; the page calls, and knows, none)
        self.on_input = []  # at once on every input event, before the answers are read: the draft store
        self.on_read = []  # with whether they changed, each time the answers are read: the draft store, the guard
        self.on_render = []  # after each check of the answers is shown: reviews, the conversion note
        self.screens = Screens(self)
        self._timer = None
        self._proxies = []
        self.first_rows = {item.id: self.row_count(item.id) for item in self.form.of_type("table")}

    # --- events --------------------------------------------------------------------------------------------
    def listen(self, target, event, handler):
        proxy = create_proxy(handler)
        self._proxies.append(proxy)
        target.addEventListener(event, proxy)

    def typed(self, event=None):
        for tell in self.on_input:
            tell()
        self.schedule(event)

    def edited(self):
        """The record was changed other than by typing (an answer confirmed, a conversion marked as reviewed): told
        as an input, then as answers read that changed."""
        for tell in self.on_input:
            tell()
        for tell in self.on_read:
            tell(True)

    def schedule(self, _event=None):
        if self._timer is not None:
            window.clearTimeout(self._timer)
        self._timer = window.setTimeout(self._proxy_refresh, CHECK_DELAY_MS)

    def start(self):
        self._proxy_refresh = create_proxy(lambda *_: self.refresh())
        self._proxies.append(self._proxy_refresh)
        self.listen(self.element, "input", self.typed)
        self.listen(self.element, "change", self.schedule)
        self.listen(document.getElementById(contract.DOWNLOAD_JSON), "click", self.download_json)
        self.listen(document.getElementById(contract.DOWNLOAD_PDF), "click", self.download_pdf)
        self.listen(document.getElementById(contract.PRINT), "click", lambda _event: window.print())
        for button in document.querySelectorAll(f"[{contract.DATA_ADD_ROW}]"):
            self.listen(button, "click", self.add_row)
            button.disabled = False
        for button in document.querySelectorAll(f"[{contract.DATA_NEEDS_PYTHON}]"):
            button.disabled = False
        self.refresh()
        self.screens.start()

    # --- reading the page ------------------------------------------------------------------------------------
    def entries(self):
        data = window.FormData.new(self.element)
        return [(str(pair[0]), str(pair[1])) for pair in data.entries()]

    def refresh(self):
        if self._timer is not None:  # this read covers the change a pending check was waiting for
            window.clearTimeout(self._timer)
            self._timer = None
        answers = answers_from_entries(self.form, self.entries())
        changed = answers != self.record["answers"]
        if changed:
            self.record["answers"] = answers
            self.record["updated"] = utc_now()
        self.check_and_show()
        for tell in self.on_read:
            tell(changed)

    def show(self, record):
        """Put a record on the page (a resumed or imported draft): its answers into the fields, then check it."""
        self.record, self.checked, self.summary_for = record, False, None
        self.element.reset()
        for item in self.form.of_type("table"):
            wanted = max(len(record["answers"].get(item.id) or []), self.first_rows[item.id])
            rows = document.getElementById(contract.rows_id(item.id)).querySelectorAll(f".{contract.ROW_CLASS}")
            for row in list(rows)[wanted:]:
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
        document.getElementById(contract.REVIEW).querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren()
        self.say("")

    def check_and_show(self):
        self.result = assess(self.record, self.form)
        self.render()

    # --- showing the result ----------------------------------------------------------------------------------
    def render(self):
        answers, report = self.record["answers"], self.result["validation"]
        for wrapper in document.querySelectorAll(f"[{contract.DATA_SHOW_IF_ITEM}], [{contract.DATA_ASKED_WHEN}]"):
            item = self.form.item(wrapper.getAttribute(contract.DATA_ITEM))  # None when the page names no item
            wrapper.hidden = item is not None and not progress.is_asked(self.form, item, answers, report["suggestion"])
        harmed_now = answers.get("harmed_now") == "yes"
        views.inline(progress.visible_problems(self.form, report["problems"], self.checked, self.summary_for))
        self.render_summary()
        views.tasks(progress.section_progress(self.form, answers, report["problems"]))
        views.glance(report["suggestion"], harmed_now)
        views.suggestion_panel(report["suggestion"])
        views.judgement_panel(self.form, answers)
        views.routing_panel(self.result["routing"])
        views.immediate(self.result["routing"], harmed_now)
        if self.screens.current == progress.CHECK:
            views.review(self.form, answers)
        for tell in self.on_render:
            tell()

    def screen_problems(self, screen):
        return progress.shown_problems(self.form, self.result["validation"]["problems"], screen, self.checked,
                                       self.summary_for)

    def render_summary(self):
        screen = self.screens.current
        keep = screen == progress.CHECK or self.summary_for == screen
        views.error_summary(self.screen_problems(screen), screen, keep,
                            lambda found: review_text.problem_screen(self.form, self.record, found))

    def blocking_problems(self, screen):
        """Wrong answers on this screen (errors, shown or not yet): Continue stays until they are mended."""
        problems = self.result["validation"]["problems"]
        return [found for found in progress.shown_problems(self.form, problems, screen, False, screen)
                if found["severity"] == "error"]

    def show_error_summary(self, focus=False):
        self.summary_for = self.screens.current
        self.render()
        summary = document.getElementById(contract.ERROR_SUMMARY)
        if focus and not summary.hidden:
            summary.focus()

    def screen_opened(self, screen):
        """A screen is shown: check your answers counts as asking to check (what is missing shows as a problem). A
        message said just before the change stays for this screen; an older one goes."""
        self.summary_for = None
        if self.said_fresh:
            self.said_fresh = False
        else:
            self.say("")
        if screen == progress.CHECK:
            self.checked = True
        if self.result is not None:
            self.refresh()  # what was typed a moment ago counts (the live check waits for a pause)

    # --- tables and downloads --------------------------------------------------------------------------------
    def row_count(self, item_id):
        return document.getElementById(contract.rows_id(item_id)).querySelectorAll(f".{contract.ROW_CLASS}").length

    def append_row(self, item_id):
        """Another row for a table item, from the page's own <template> (the build's markup, no record text)."""
        rows = document.getElementById(contract.rows_id(item_id))
        number = self.row_count(item_id)
        html = document.getElementById(contract.row_template_id(item_id)).innerHTML
        holder = document.createElement("div")
        holder.innerHTML = html.replace(contract.ROW, str(number)).replace(contract.NUMBER, str(number + 1))
        for child in list(holder.children):
            rows.append(child)
        row = f'[{contract.DATA_ROW}="{number}"]'
        return rows.querySelector(f"{row} input, {row} textarea")

    def add_row(self, event):
        first = self.append_row(event.currentTarget.getAttribute(contract.DATA_ADD_ROW))
        if first:
            first.focus()

    def download_json(self, _event=None):
        self.refresh()
        if self.result["validation"]["status"] == INVALID and any(
                p["code"] in ("schema", "unknown_answer") for p in self.result["validation"]["problems"]):
            self.say("The record has answers in the wrong form; correct the questions marked, then download again.",
                     beside_downloads=True)
            return
        text = json.dumps(self.record, ensure_ascii=False, indent=2)
        save(text, file_name(self.record, "json"), "application/json")
        self.say("The record was downloaded. It holds personal data: store it as your agency requires.",
                 beside_downloads=True)

    async def download_pdf(self, _event=None):
        self.refresh()
        self.say("Making the PDF…", beside_downloads=True)
        if not await pdf_bundle.ready():
            self.say(pdf_bundle.FAILED, beside_downloads=True)
            return
        from ..pdf import render_pdf  # fpdf2 and fontTools load only now
        from ..pdf_glyphs import notice

        data = render_pdf(self.record, suggestion=self.result["validation"]["suggestion"],
                          routing=self.result["routing"])
        save(to_js(data), file_name(self.record, "pdf"), "application/pdf")
        missing = notice(self.record)
        self.say("The PDF was downloaded. It is marked OFFICIAL-SENSITIVE: store it as your agency requires."
                 + (f" {missing}" if missing else ""), beside_downloads=True)

    def say(self, text, beside_downloads=False):
        """Tell the practitioner what was just done, above the screens; or, for what the downloads did, beside their
        buttons at the foot of check your answers, where the line above is out of sight (on a phone, screens away).
        One of the two speaks at a time: the other is emptied."""
        here, other = ((contract.DOWNLOADS_STATUS, contract.STATUS) if beside_downloads
                       else (contract.STATUS, contract.DOWNLOADS_STATUS))
        document.getElementById(other).textContent = ""
        line = document.getElementById(here)
        line.textContent = text
        if beside_downloads and text:
            line.scrollIntoView(js_object({"block": "nearest"}))  # the least scrolling that shows it
        self.said_fresh = bool(text)
