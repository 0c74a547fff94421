"""Drafts kept in this browser (IndexedDB), saved as the practitioner types, listed to resume, duplicate or delete,
and record files opened (an earlier-form record is converted). Python drives IndexedDB through the FFI.

Each draft is stored under its random record id with what the list shows (form, last change, status, initials)
and the record as JSON. Only the open draft's id is kept in sessionStorage, so a reload of this tab reopens it;
no answer is ever put in Web Storage, a URL or the page title.
"""

import asyncio
import json

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from ..convert import prepare_import
from ..definitions import get_form
from ..inputs import UnusableInput, read_record
from ..records import duplicate, new_record, utc_now
from .dom import element, initials

DB_NAME, DB_VERSION, STORE = "cre-drafts", 1, "drafts"
OPEN_DRAFT = "cre-open-draft"
SAVE_DELAY_MS = 300
PAGES = {"dd-cre-2022": "form.html", "cre-ra-legacy": "form-earlier.html"}


class StorageError(Exception):
    """IndexedDB refused or failed; the message says so plainly."""


def _settle(request):
    """An IDBRequest (or IDBTransaction, with complete/abort) as an awaitable."""
    future = asyncio.get_event_loop().create_future()
    proxies = []

    def finish(setter, value):
        if not future.done():
            setter(value)
        for proxy in proxies:
            proxy.destroy()

    def ok(_event):
        finish(future.set_result, getattr(request, "result", None))

    def failed(_event):
        error = request.error
        finish(future.set_exception, StorageError(str(error.message if error else "the browser refused")))

    for name, handler in (("onsuccess", ok), ("oncomplete", ok), ("onerror", failed), ("onabort", failed),
                          ("onblocked", failed)):
        proxy = create_proxy(handler)
        proxies.append(proxy)
        setattr(request, name, proxy)
    return future


class Drafts:
    """The page's drafts: the IndexedDB store, the list on the page, autosave, import."""

    def __init__(self, page):
        self.page, self.db, self._timer, self._saving = page, None, None, None
        self._save_proxy = create_proxy(lambda *_: asyncio.ensure_future(self.save()))
        self.output = document.querySelector("#cre-drafts .cre-output")

    # --- storage -----------------------------------------------------------------------------------------------
    async def open(self):
        self.page.listen(document.getElementById("cre-new"), "click", self.start_new)
        self.page.listen(document.getElementById("cre-import"), "change", self.import_file)
        try:
            request = window.indexedDB.open(DB_NAME, DB_VERSION)
            # Keys out of line: each value is one JSON string, stored under the record id.
            upgrade = create_proxy(lambda _e: request.result.createObjectStore(STORE))
            request.onupgradeneeded = upgrade
            self.db = await _settle(request)
        except Exception:  # noqa: BLE001 - private mode, disabled storage, a broken profile: all mean "no drafts"
            self.warn("Drafts cannot be kept in this browser (private browsing, or storage is turned off). "
                      "Your answers stay on this page until you close it: download the record (JSON) to keep them.")
            self.output.replaceChildren()
            return
        await self.ask_to_persist()
        open_id = window.sessionStorage.getItem(OPEN_DRAFT)
        stored = await self.get(open_id) if open_id else None
        if stored and stored["record"]["form"]["id"] == self.page.form.id:
            self.page.show(stored["record"])
        elif stored:
            window.location.assign(PAGES.get(stored["record"]["form"]["id"], "form.html"))
            return
        if self.page.record["answers"]:  # typed before the rules loaded: keep it as a draft now
            await self.save()
        await self.render()

    async def ask_to_persist(self):
        storage = window.navigator.storage
        if storage and getattr(storage, "persist", None):
            try:
                kept = await storage.persist()
            except Exception:  # noqa: BLE001
                kept = False
            if not kept:
                self.warn("This browser may clear saved drafts when it runs short of space. Download the record "
                          "(JSON) when you stop, to keep a copy.")

    async def get(self, draft_id):
        store = self.db.transaction(STORE, "readonly").objectStore(STORE)
        value = await _settle(store.get(draft_id))
        return json.loads(value) if isinstance(value, str) else None

    async def all(self):
        store = self.db.transaction(STORE, "readonly").objectStore(STORE)
        values = await _settle(store.getAll())
        drafts = [json.loads(value) for value in values if isinstance(value, str)]
        return sorted(drafts, key=lambda draft: draft["record"]["updated"], reverse=True)

    async def put(self, record):
        entry = {"id": record["record_id"], "record": record,
                 "status": self.page.result["validation"]["status"] if self.page.result else "draft-valid"}
        options = to_js({"durability": "strict"}, dict_converter=window.Object.fromEntries)
        transaction = self.db.transaction(STORE, "readwrite", options)
        transaction.objectStore(STORE).put(json.dumps(entry, ensure_ascii=False), record["record_id"])
        await _settle(transaction)

    async def delete(self, draft_id):
        transaction = self.db.transaction(STORE, "readwrite")
        transaction.objectStore(STORE).delete(draft_id)
        await _settle(transaction)

    # --- autosave ----------------------------------------------------------------------------------------------
    def changed(self):
        if self.db is None:
            return
        if self._timer is not None:
            window.clearTimeout(self._timer)
        self._timer = window.setTimeout(self._save_proxy, SAVE_DELAY_MS)

    async def save(self):
        record = self.page.record
        if self.db is None or not record["answers"]:
            return
        try:
            await self.put(record)
        except Exception as error:  # noqa: BLE001 - quota, a closed connection, cleared storage: say so, keep the page
            self.warn(f"Your last changes could not be saved in this browser ({error}). They are still on this "
                      "page: download the record (JSON) to keep them.")
            return
        window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
        time = window.Date.new().toLocaleTimeString("en-GB", to_js({"hour": "2-digit", "minute": "2-digit"},
                                                                     dict_converter=window.Object.fromEntries))
        document.getElementById("cre-saved").textContent = f"Saved on this device at {time}."
        await self.render()

    # --- the list ----------------------------------------------------------------------------------------------
    async def render(self):
        drafts = await self.all()
        if not drafts:
            self.output.replaceChildren(element("p", "No drafts on this device yet. What you type is saved here "
                                                     "as you go.", class_="govuk-body"))
            return
        rows = [self.row(draft) for draft in drafts]
        self.output.replaceChildren(element("ul", *rows, class_="cre-drafts"))

    def row(self, draft):
        record = draft["record"]
        form = get_form(record["form"]["id"], record["form"]["version"])
        is_open = record["record_id"] == self.page.record["record_id"]
        label = (f"{initials(record)} · {form.definition.get('short_title', form.title)} · last changed "
                 f"{record['updated'].replace('T', ' ')[:16]} UTC · {draft['status'].replace('-', ' ')}")
        buttons = [] if is_open else [self.button("Resume", self.resume, record["record_id"])]
        buttons += [self.button("Duplicate", self.duplicate, record["record_id"]),
                    self.button("Delete", self.remove, record["record_id"])]
        return element("li", element("span", label + (" (open now)" if is_open else "")), *buttons,
                       class_="cre-draft")

    def button(self, text, action, draft_id):
        node = element("button", text, type="button", class_="govuk-button govuk-button--secondary cre-small")
        node.dataset.draft = draft_id
        self.page.listen(node, "click", lambda _event: asyncio.ensure_future(action(draft_id)))
        return node

    async def resume(self, draft_id):
        stored = await self.get(draft_id)
        if stored is None:
            return
        window.sessionStorage.setItem(OPEN_DRAFT, draft_id)
        if stored["record"]["form"]["id"] != self.page.form.id:
            window.location.assign(PAGES.get(stored["record"]["form"]["id"], "form.html"))
            return
        self.page.show(stored["record"])
        self.page.say("Draft opened.")
        await self.render()

    async def duplicate(self, draft_id):
        stored = await self.get(draft_id)
        if stored is None:
            return
        copy = duplicate(stored["record"], now=utc_now())
        await self.put(copy)
        self.page.say("Draft duplicated.")
        await self.render()

    async def remove(self, draft_id):
        if not window.confirm("Delete this draft from this device? This cannot be undone."):
            return
        await self.delete(draft_id)
        if draft_id == self.page.record["record_id"]:
            self.start_new()
        self.page.say("Draft deleted.")
        await self.render()

    def start_new(self, _event=None):
        window.sessionStorage.removeItem(OPEN_DRAFT)
        self.page.show(new_record(self.page.form.id, self.page.form.version))
        document.getElementById("cre-saved").textContent = ""
        asyncio.ensure_future(self.render())

    # --- opening a record file ------------------------------------------------------------------------------------
    async def import_file(self, _event):
        chooser = document.getElementById("cre-import")  # event.currentTarget is gone once this coroutine runs
        files = chooser.files
        if not files or files.length == 0:
            return
        data = (await files.item(0).arrayBuffer()).to_bytes()
        chooser.value = ""
        try:
            record, form = read_record(data)
            record = prepare_import(record, form)
        except (UnusableInput, ValueError) as error:
            self.page.say(f"That file cannot be opened: {error}. Your open draft is unchanged.")
            return
        window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
        if self.db is not None:
            await self.put(record)
        if record["form"]["id"] != self.page.form.id:
            window.location.assign(PAGES.get(record["form"]["id"], "form.html"))
            return
        self.page.show(record)
        self.page.say("Record opened." + (" It was converted from the earlier form: review the answers carried over."
                                          if record.get("conversion") else ""))
        await self.render()

    def warn(self, text):
        box = document.getElementById("cre-storage-warning")
        box.hidden, box.textContent = False, text
