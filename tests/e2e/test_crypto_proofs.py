"""Proofs, in a real browser on the built form page, of what the drafts' encryption promises a practitioner:

- a wrong passphrase never opens anything (the unlock form, then 1,000 wrong passphrases on the stored ciphertexts);
- a changed ciphertext is refused, never opened and never a crash (stored drafts, and encrypted record files);
- every save seals under a fresh random 96-bit nonce (50 real saves, then 10,000 seals under the drafts' own key);
- nothing the practitioner types is left readable anywhere the browser keeps things (every IndexedDB database,
  Web Storage, Cache Storage, the origin's private files, title, URL, console), nor on the page once locked.

The scale runs call window.creVault (app/vault.js) inside the page: the same deriveKey, seal and unseal the save
path uses, on the values the page stored. Stored values are read and changed with IndexedDB directly, as anyone
with the device could. Each test ends with fault_row(...): its figures in tests/e2e/fault-suite.yaml. The two
scale runs (1,000 wrong passphrases, 10,000 seals) carry the `scale` mark: `-m "not scale"` (make test-quick) leaves
them out of a quick loop; `make test` runs them.
"""

import base64
import copy
import json
import random
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cre.sealing import CHECK_TEXT, check_aad, record_aad
from e2e_support import (CHECK_TIMEOUT_MS, PASSPHRASE, PYTHON_TIMEOUT_MS, answer, check_accessibility, click,
                         continue_draft, delete_draft, download_sealed, draft_button, open_form, open_screen, ready,
                         saved, saved_draft, show, unlock, wait_for_screen)
from egress import Watch
from fault_rows import fault_row

WRONG = "That passphrase does not open the drafts on this device"
WRONG_FOR_FILE = "That passphrase does not open this file"
UNOPENABLE = "A draft that cannot be opened"
REFUSED = "That file cannot be opened: "
CHANGED = "the file was changed after it was encrypted, so it cannot be trusted"
OPEN_DRAFT = "cre-open-draft"  # sessionStorage: the open draft's id, nothing else


# --- in the page: the drafts database, read and written directly --------------------------------------------------
# Prefixed to every in-page function below (page.evaluate runs in the page whatever its CSP says). Bytes cross to
# Python as {"$bytes": [...]}: see from_page / to_page.
IDB_JS = r"""
const DB = "cre-drafts";
const ask = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const finished = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error || new Error("aborted"));
});
async function inStore(name, mode, work, db = DB) {
  const opened = await ask(indexedDB.open(db));
  try {
    const tx = opened.transaction(name, mode);
    const done = finished(tx);
    const result = await work(tx.objectStore(name));
    await done;
    return result;
  } finally { opened.close(); }
}
const entries = (name) => inStore(name, "readonly", async (store) => {
  const [keys, values] = await Promise.all([ask(store.getAllKeys()), ask(store.getAll())]);
  return keys.map((key, i) => [key, values[i]]);
});
const readValue = (name, key) => inStore(name, "readonly", (store) => ask(store.get(key)));
const putValue = (name, key, value) => inStore(name, "readwrite", (store) => ask(store.put(value, key)));
const removeKey = (name, key) => inStore(name, "readwrite", (store) => ask(store.delete(key)));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
function plain(value) {
  if (value instanceof Uint8Array) return { $bytes: Array.from(value) };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
function unplain(value) {
  if (value && typeof value === "object" && Array.isArray(value.$bytes)) return new Uint8Array(value.$bytes);
  if (Array.isArray(value)) return value.map(unplain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unplain(v)]));
  return value;
}
"""


def in_page(page, body, arg=None):
    """Run body (an async function's statements, arg in scope) in the page, with the IndexedDB helpers above."""
    return page.evaluate(f"async (arg) => {{\n{IDB_JS}\n{body}\n}}", arg)


def from_page(value):
    if isinstance(value, dict):
        return bytes(value["$bytes"]) if set(value) == {"$bytes"} else {k: from_page(v) for k, v in value.items()}
    return [from_page(v) for v in value] if isinstance(value, list) else value


def to_page(value):
    if isinstance(value, bytes | bytearray):
        return {"$bytes": list(value)}
    return {k: to_page(v) for k, v in value.items()} if isinstance(value, dict) else value


def stored(page, store="drafts"):
    """{key: value} of a store of the drafts database as it is on disk now (bytes as bytes)."""
    return {key: from_page(value) for key, value in in_page(page, "return plain(await entries(arg));", store)}


def put_draft(page, key, value):
    in_page(page, "await putValue('drafts', arg.key, unplain(arg.value));", {"key": key, "value": to_page(value)})


def remove_draft(page, key):
    in_page(page, "await removeKey('drafts', arg);", key)


def open_draft_id(page):
    return page.evaluate("name => sessionStorage.getItem(name)", OPEN_DRAFT)


def wait_for_open_draft(page):
    page.wait_for_function("name => sessionStorage.getItem(name)", arg=OPEN_DRAFT)
    return open_draft_id(page)


def form_of(page):
    """The form page's (form id, form version): with the record id, what a draft's additional data names."""
    form = page.locator("form[data-form-id]")
    return form.get_attribute("data-form-id"), form.get_attribute("data-form-version")


def flip(data, index):
    """The same bytes with one bit of one byte changed."""
    changed = bytearray(data)
    changed[index] ^= 0x01
    return bytes(changed)


# --- on the page: what a practitioner sees ---------------------------------------------------------------------------
def visible_text(page):
    """Everything the page holds now: its whole HTML and the value of every field (values are not in the HTML)."""
    return page.evaluate("""() => document.documentElement.outerHTML + "\\n" +
        Array.from(document.querySelectorAll("input, textarea, select"), (field) => field.value).join("\\n")""")


def found(text, needles):
    low = text.lower()
    return [needle for needle in needles if needle.lower() in low]


def fresh_page(browser, server):
    """Another browser profile (a new context: no drafts, no passphrase), watched as the `page` fixture's is: only
    the test server, nothing refused, no CSP violation (see `closed`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    watch = Watch(context, (server, "data:", "blob:"))
    context.route("**/*", watch.route)
    other = context.new_page()
    other.errors, other.egress = [], watch
    other.on("pageerror", lambda exc: other.errors.append(f"uncaught: {exc}"))
    return other


def closed(other):
    """Close a fresh_page's context; nothing may have left the device from it."""
    other.egress.settle(other)
    problems = other.egress.problems()
    other.context.close()
    assert not problems, "\n".join(problems)


def no_crash(page):
    assert page.locator(".py-error").count() == 0, page.locator(".py-error").all_inner_texts()
    assert not [error for error in getattr(page, "errors", []) if error.startswith("uncaught")], page.errors


def start_new_draft(page, name):
    """Start a new assessment (on the start screen), name the child, wait for the save: the new draft's id."""
    click(page, "#cre-new")
    wait_for_screen(page, "section-s1")
    expect(page.locator("#child_name")).to_have_value("")
    page.fill("#child_name", name)
    saved(page)
    return open_draft_id(page)


def wait_for_rev(page, draft_id, rev):
    """Until the stored draft's revision reaches rev (a write really landed), then its stored value."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        value = stored(page).get(draft_id)
        if value and value["rev"] >= rev:
            return value
        page.wait_for_timeout(50)
    raise AssertionError(f"draft {draft_id} never reached revision {rev}")


def download(page, button, timeout=CHECK_TIMEOUT_MS):
    with page.expect_download(timeout=timeout) as info:
        click(page, button)  # on check your answers
    return info.value


# --- 1. wrong passphrases ------------------------------------------------------------------------------------------
FORM_TRIES = ["", "kettle orchard lantern 8", PASSPHRASE.upper(), PASSPHRASE + " ", "ключ 🔑 κλειδί 鍵 مفتاح"]
SCALE_TRIES, SCALE_SEED, BATCH = 1000, 20240611, 20  # seeded: a failure can be replayed exactly
ALPHABETS = [(0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x17F), (0x391, 0x3C9), (0x400, 0x4FF), (0x5D0, 0x5EA),
             (0x620, 0x64A), (0x900, 0x97F), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
             (0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF), (0x300, 0x36F)]  # the last: combining marks
ODD = ["\u200b", "\u200d", "\u202e", "\ufeff", "\x00", "\t", "\n", "\u00a0", "\ufffd", "\U0010fffd"]


def near_misses():
    """Wrong passphrases that look like the right one: case, spaces, look-alike characters, one letter changed."""
    tries = [PASSPHRASE.title(), " " + PASSPHRASE, PASSPHRASE[:-1], PASSPHRASE + "7", PASSPHRASE[::-1],
             PASSPHRASE.replace(" ", "\u00a0"), PASSPHRASE.replace(" ", "  ", 1), PASSPHRASE.replace("7", "\uff17"),
             PASSPHRASE + "\u200b", "\ufeff" + PASSPHRASE, PASSPHRASE.replace("o", "\u043e"), "\x00" + PASSPHRASE,
             PASSPHRASE.replace("e", "e\u0301", 1), PASSPHRASE * 2]
    for index, char in enumerate(PASSPHRASE):
        tries.append(PASSPHRASE[:index] + chr(ord(char) + 1) + PASSPHRASE[index + 1:])
        tries.append(PASSPHRASE[:index] + PASSPHRASE[index + 1:])
    return tries


def is_wrong(passphrase):
    """Not the passphrase, nor the same key by PBKDF2's definition: HMAC pads a key shorter than its block with
    zero bytes, so the passphrase followed by NUL characters derives the very same key (a property of
    PBKDF2-HMAC, not of this toolkit, and not a way in: it needs the passphrase itself)."""
    return passphrase.rstrip("\x00") != PASSPHRASE


def wrong_passphrases(count, seed):
    """count distinct wrong passphrases: the near misses, then random ones of 1 to 300 characters from many
    scripts (emoji and other characters beyond the BMP, combining marks, invisible and control characters)."""
    rng = random.Random(seed)
    chosen = dict.fromkeys(passphrase for passphrase in near_misses() + FORM_TRIES if is_wrong(passphrase))
    while len(chosen) < count:
        length = rng.choice([rng.randint(1, 9), rng.randint(10, 40), rng.randint(41, 300)])
        scripts = rng.sample(ALPHABETS, rng.randint(1, 3))
        chars = []
        for _ in range(length):
            low, high = rng.choice(scripts)
            chars.append(rng.choice(ODD) if rng.random() < 0.03 else chr(rng.randint(low, high)))
        passphrase = "".join(chars)
        if is_wrong(passphrase):
            chosen[passphrase] = None
    return list(chosen)[:count]


# For each passphrase: derive the key from the STORED salt and rounds, then try it on the STORED passphrase check
# and the STORED draft. Every attempt must reject with "Unreadable"; anything that returns text is counted.
TRY_PASSPHRASES_JS = """
const meta = await readValue("vault", "passphrase");
const draft = await readValue("drafts", arg.id);
const targets = [[meta.check_iv, meta.check_data, arg.checkAad], [draft.iv, draft.data, arg.recordAad]];
const result = { tried: 0, rejected: 0, opened: 0, otherErrors: [] };
for (let start = 0; start < arg.passphrases.length; start += arg.batch) {
  await Promise.all(arg.passphrases.slice(start, start + arg.batch).map(async (passphrase) => {
    const key = await creVault.deriveKey(passphrase, meta.salt, meta.iterations);
    result.tried += 1;
    for (const [iv, data, aad] of targets) {
      try {
        await creVault.unseal(key, iv, data, aad);
        result.opened += 1;
      } catch (error) {
        if (error.name === "Unreadable") result.rejected += 1; else result.otherErrors.push(error.name);
      }
    }
  }));
}
return result;
"""

# The control: the same code with the right passphrase opens both, so a rejection above means something.
RIGHT_PASSPHRASE_JS = """
const meta = await readValue("vault", "passphrase");
const draft = await readValue("drafts", arg.id);
const key = await creVault.deriveKey(arg.passphrase, meta.salt, meta.iterations);
const check = await creVault.unseal(key, meta.check_iv, meta.check_data, arg.checkAad);
const text = await creVault.unseal(key, draft.iv, draft.data, arg.recordAad);
return { check, holdsCanary: text.includes(arg.canary) };
"""


def try_to_unlock(page, passphrase):
    """One attempt through the real unlock form; the error slot is emptied first so each message is this one's."""
    page.evaluate("() => { const slot = document.getElementById('cre-unlock-error'); slot.hidden = true; "
                  "slot.textContent = ''; }")
    page.fill("#cre-passphrase", passphrase)
    page.click("#cre-unlock")
    expect(page.locator("#cre-unlock-error")).to_be_visible()


@pytest.mark.scale
def test_proof_wrong_passphrase_never_reveals_plaintext(page, server, axe):
    canary = "Ottoline Wrongkey-Ærenfeld"
    open_form(page, server)
    typed = {"#child_name": canary, "#pbr_persons": "Known to Ottoline as 'Wrongkey'"}
    for field, text in typed.items():
        answer(page, field, text)
    saved(page)
    draft_id = open_draft_id(page)
    form_id, form_version = form_of(page)
    page.reload()
    ready(page)
    open_screen(page, "cre-vault-unlock")  # the start screen's unlock form
    expect(page.locator("#cre-vault-unlock")).to_be_visible()

    form_tried = revealed = 0
    for attempt, passphrase in enumerate(FORM_TRIES):
        try_to_unlock(page, passphrase)
        form_tried += 1
        expect(page.locator("#cre-unlock-error")).to_contain_text(WRONG)
        expect(page.locator("#cre-passphrase")).to_have_value("")
        expect(page.locator("#cre-passphrase")).to_be_focused()
        expect(page.locator("#cre-vault-unlock")).to_be_visible()
        expect(page.locator("#cre-drafts li")).to_have_count(0)  # the drafts list is empty
        expect(page.locator("#child_name")).to_have_value("")
        shown = found(visible_text(page), [canary, "Ottoline", "Wrongkey", "Ærenfeld"])
        revealed += len(shown)
        assert shown == []
        if attempt == 0:
            check_accessibility(page, axe)  # the wrong-passphrase error screen

    aads = {"id": draft_id, "checkAad": check_aad(), "recordAad": record_aad(draft_id, form_id, form_version)}
    passphrases = wrong_passphrases(SCALE_TRIES, SCALE_SEED)
    assert len(set(passphrases)) == SCALE_TRIES and all(map(is_wrong, passphrases))
    lengths = [len(p) for p in passphrases]
    assert min(lengths) == 0 and max(lengths) >= 250 and any(ord(c) > 0xFFFF for p in passphrases for c in p)
    tried = rejected = opened = 0
    for start in range(0, SCALE_TRIES, 100):  # 100 per call, 20 at a time in the page
        result = in_page(page, TRY_PASSPHRASES_JS, {**aads, "passphrases": passphrases[start:start + 100],
                                                    "batch": BATCH})
        assert result["otherErrors"] == [], result["otherErrors"]
        tried, rejected, opened = tried + result["tried"], rejected + result["rejected"], opened + result["opened"]
    assert (tried, rejected, opened) == (SCALE_TRIES, 2 * SCALE_TRIES, 0)  # check and draft, each time refused

    control = in_page(page, RIGHT_PASSPHRASE_JS, {**aads, "passphrase": PASSPHRASE, "canary": canary})
    assert control == {"check": CHECK_TEXT, "holdsCanary": True}
    unlock(page)
    expect(page.locator("#cre-drafts li.cre-draft", has_text="(open now)")).to_have_count(1)  # reopened
    lost = sum(page.input_value(field) != text for field, text in typed.items())
    expect(page.locator("#child_name")).to_have_value(canary)
    expect(page.locator("#cre-unlock-error")).to_be_hidden()
    no_crash(page)
    fault_row("wrong-passphrase", inputs_tried=tried + form_tried, records_lost=lost,
              plaintext_found=opened + revealed)


# --- 2. tampered ciphertext ------------------------------------------------------------------------------------------
# Each changes one stored draft in place; the additional data binds the record id, form id and form version.
STORED_TAMPERINGS = [
    ("a byte of the ciphertext flipped", lambda value: {**value, "data": flip(value["data"], 0)}),
    ("a byte of the authentication tag flipped", lambda value: {**value, "data": flip(value["data"], -1)}),
    ("a byte of the nonce flipped", lambda value: {**value, "iv": flip(value["iv"], 7)}),
    ("the ciphertext a byte short", lambda value: {**value, "data": value["data"][:-1]}),
    ("another form version", lambda value: {**value, "form_version": "1"}),
    ("another form", lambda value: {**value, "form_id": "cre-ra-legacy", "form_version": "1"}),
]


def changed_file(change):
    """An encrypted file variant: change(envelope, other) edits a copy of the envelope (other: another record's
    encrypted file); it returns None to keep the edited envelope, or the file's bytes."""
    def make(envelope, other):
        edited = copy.deepcopy(envelope)
        data = change(edited, other)
        return data if data is not None else json.dumps(edited, indent=2).encode("utf-8")
    return make


def b64_flip(text, index):
    return base64.b64encode(flip(base64.b64decode(text), index)).decode("ascii")


def _set(path, value):
    def change(envelope, _other):
        *parents, last = path
        target = envelope
        for key in parents:
            target = target[key]
        target[last] = value(target[last]) if callable(value) else value
    return changed_file(change)


def _spliced(envelope, other):  # another record's ciphertext (same passphrase) under this record's id
    envelope["cipher"]["iv"], envelope["data"] = other["cipher"]["iv"], other["data"]


def _without_record_id(envelope, _other):
    del envelope["record_id"]


# (what was changed, the file, needs the passphrase first, where the refusal shows, what it says)
FILE_TAMPERINGS = [
    ("a byte of the data flipped", _set(["data"], lambda text: b64_flip(text, 3)), True, "#cre-status", CHANGED),
    ("a byte of the nonce flipped", _set(["cipher", "iv"], lambda text: b64_flip(text, 0)), True, "#cre-status",
     CHANGED),
    ("another record id", _set(["record_id"], str(uuid.uuid4())), True, "#cre-status", CHANGED),
    ("another form version", _set(["form", "version"], "1"), True, "#cre-status", CHANGED),
    ("another record's ciphertext spliced in", changed_file(_spliced), True, "#cre-status", CHANGED),
    ("the data 3 bytes short (valid base64)", _set(["data"], lambda text: text[:-4]), True, "#cre-status", CHANGED),
    ("key rounds lowered to 100", _set(["kdf", "iterations"], 100), False, "#cre-status",
     "the encrypted file asks for 100 key rounds; this toolkit uses 600,000 to 10,000,000"),
    ("key rounds raised to a trillion", _set(["kdf", "iterations"], 10**12), False, "#cre-status",
     "the encrypted file asks for 1000000000000 key rounds"),
    ("the data truncated mid-base64", _set(["data"], lambda text: text[:-1]), False, "#cre-status",
     "the encrypted file is damaged: its data is not base64"),
    ("the data not base64", _set(["data"], "this is not base64 at all!"), False, "#cre-status",
     "the encrypted file is damaged: its data is not base64"),
    ("the nonce 8 bytes long", _set(["cipher", "iv"], base64.b64encode(bytes(8)).decode()), False, "#cre-status",
     "the encrypted file is damaged: its salt or nonce has the wrong length"),
    ("format_version 2", _set(["format_version"], 2), False, "#cre-status",
     "the encrypted file was made by another version of this toolkit, which this one cannot open"),
    ("another cipher named", _set(["cipher", "name"], "AES-CBC"), False, "#cre-status",
     "the encrypted file uses a cipher this toolkit does not use"),
    ("no record id", changed_file(_without_record_id), False, "#cre-status",
     "the encrypted file is damaged: it does not say which record and form it holds"),
    ("the file cut in half", changed_file(lambda envelope, _other: json.dumps(envelope).encode()[:600]), False,
     "#cre-status", "the file is not valid JSON"),
    ("the salt changed", _set(["kdf", "salt"], lambda text: b64_flip(text, 0)), True, "#cre-file-error",
     WRONG_FOR_FILE),
    ("the passphrase check flipped", _set(["check", "data"], lambda text: b64_flip(text, 0)), True,
     "#cre-file-error", WRONG_FOR_FILE),
]


def tamper_stored_drafts(page, in_place, moved, swapped):
    """In IndexedDB: STORED_TAMPERINGS on the drafts in_place (one each), one draft moved under a new id, and two
    drafts' values swapped between their ids. Returns how many changes it made (the swap is one)."""
    drafts = stored(page)
    changes = 0
    for (_what, change), draft_id in zip(STORED_TAMPERINGS, in_place, strict=True):
        put_draft(page, draft_id, change(drafts[draft_id]))
        changes += 1
    put_draft(page, str(uuid.uuid4()), drafts[moved])
    remove_draft(page, moved)
    first, second = swapped
    put_draft(page, first, drafts[second])
    put_draft(page, second, drafts[first])
    return changes + 2


def import_file(page, path, content):
    path.write_bytes(content)
    page.evaluate("() => { document.getElementById('cre-status').textContent = ''; }")  # so each message is new
    show(page, "#cre-import").set_input_files(str(path))


def test_proof_tampered_ciphertext_is_refused(page, server, browser, axe, tmp_path):
    canary = "Philippa Tamperley-Ødegaard"
    open_form(page, server)
    kept = {start_new_draft(page, canary): canary, start_new_draft(page, "Oswin Intact"): "Oswin Intact"}
    in_place = [start_new_draft(page, f"Tamsin Changed {n}") for n in range(len(STORED_TAMPERINGS) - 1)]
    moved = start_new_draft(page, "Morwenna Moved")
    swapped = start_new_draft(page, "Sid Swapped"), start_new_draft(page, "Sal Swapped")
    in_place.insert(0, start_new_draft(page, "Tamsin Changed Last"))  # left open: its ciphertext gets flipped
    broken = len(in_place) + 1 + len(swapped)
    assert len(stored(page)) == len(kept) + broken
    faults = tamper_stored_drafts(page, in_place, moved, swapped)
    tampered_names = ["Tamsin Changed", "Morwenna Moved", "Sid Swapped", "Sal Swapped"]

    # (a) the stored drafts, after a reload: the open one (tampered) and the other eight refused, two intact.
    page.reload()
    ready(page)
    unlock(page)
    expect(page.locator("#cre-status")).to_have_text(
        "That draft cannot be opened: it was changed or damaged after it was saved, or this form did not save it.")
    expect(page.locator("#child_name")).to_have_value("")
    rows = page.locator("#cre-drafts li.cre-draft")
    expect(rows).to_have_count(len(kept) + broken)
    refused = rows.filter(has_text=UNOPENABLE)
    expect(refused).to_have_count(broken)
    for index in range(broken):
        expect(refused.nth(index).locator("button")).to_have_text(["Delete"])
    revealed = len(found(visible_text(page), tampered_names))  # nothing of a refused draft opened
    lost = 0
    for draft_id, name in kept.items():
        continue_draft(page, draft_id)  # the draft is on the page once its list of sections shows
        lost += page.input_value("#child_name") != name
        expect(page.locator("#child_name")).to_have_value(name)
    for left in range(broken - 1, -1, -1):
        delete_draft(page, refused.first)
        expect(refused).to_have_count(left)
    expect(rows).to_have_count(len(kept))
    expect(refused).to_have_count(0)
    assert set(stored(page)) == set(kept)
    no_crash(page)

    # (b) an encrypted copy to move to another computer: the canary's, and another record's for splicing.
    continue_draft(page, next(iter(kept)))
    expect(page.locator("#child_name")).to_have_value(canary)
    sealed = download_sealed(page)
    text = Path(sealed.path()).read_text(encoding="utf-8")
    envelope = json.loads(text)
    assert envelope["format"] == "cre-encrypted-record" and envelope["format_version"] == 1
    assert envelope["kdf"]["iterations"] == 600_000 and envelope["record_id"] == next(iter(kept))
    needles = [canary, "Philippa", "Tamperley", "Ødegaard"]
    assert found(text, needles) == [] and found(sealed.suggested_filename, needles) == []
    assert found(base64.b64decode(envelope["data"]).decode("latin-1"), needles) == []
    continue_draft(page, list(kept)[1])  # the other record
    expect(page.locator("#child_name")).to_have_value("Oswin Intact")
    other = json.loads(Path(download_sealed(page).path()).read_text(encoding="utf-8"))

    elsewhere = fresh_page(browser, server)
    try:
        elsewhere.goto(server + "form.html")
        ready(elsewhere)
        original = tmp_path / "record-encrypted.json"
        import_file(elsewhere, original, text.encode("utf-8"))
        expect(elsewhere.locator("#cre-file-unlock")).to_be_visible()
        expect(elsewhere.locator("#cre-file-passphrase")).to_be_focused()
        check_accessibility(elsewhere, axe)  # the file-passphrase screen
        elsewhere.fill("#cre-file-passphrase", "kettle orchard lantern 8")
        elsewhere.click("#cre-open-file")
        expect(elsewhere.locator("#cre-file-error")).to_contain_text(WRONG_FOR_FILE)
        expect(elsewhere.locator("#child_name")).to_have_value("")
        check_accessibility(elsewhere, axe)  # and its error
        elsewhere.fill("#cre-file-passphrase", PASSPHRASE)
        elsewhere.click("#cre-open-file")
        expect(elsewhere.locator("#child_name")).to_have_value(canary)
        expect(elsewhere.locator("#cre-status")).to_have_text("Record opened.")
        expect(elsewhere.locator("#cre-file-unlock")).to_be_hidden()

        for number, (what, make, asks, where, message) in enumerate(FILE_TAMPERINGS):
            import_file(elsewhere, tmp_path / f"tampered-{number}.json", make(envelope, other))
            faults += 1
            form = elsewhere.locator("#cre-file-unlock")
            if asks:
                expect(form, what).to_be_visible()
                elsewhere.fill("#cre-file-passphrase", PASSPHRASE)
                elsewhere.click("#cre-open-file")
            if where == "#cre-status":
                expect(elsewhere.locator("#cre-status"), what).to_contain_text(REFUSED + message)
                expect(elsewhere.locator("#cre-status"), what).to_contain_text("Your open draft is unchanged.")
                expect(form, what).to_be_hidden()
            else:
                expect(elsewhere.locator(where), what).to_contain_text(message)
                elsewhere.click("#cre-cancel-file")
            expect(elsewhere.locator("#child_name"), what).to_have_value(canary)
        lost += elsewhere.input_value("#child_name") != canary
        revealed += len(found(visible_text(elsewhere), ["Oswin Intact"]))  # the spliced-in record stayed sealed
        assert stored(elsewhere) == {}  # nothing refused was written anywhere
        no_crash(elsewhere)
    finally:
        closed(elsewhere)
    no_crash(page)
    fault_row("tampered-ciphertext", faults_injected=faults, records_lost=lost, plaintext_found=revealed)


# A stored value that is not a sealed draft at all (written by something else, or damaged on disk) is listed as a
# draft that cannot be opened, like a changed ciphertext; the good drafts still open.
DAMAGED_VALUES = {"a number": "42", "null": "null", "an empty object": "({})", "text that is not JSON": "'hello'"}


def test_proof_a_damaged_stored_value_is_listed_not_fatal(page, server):
    saved_draft(page, server, {"#child_name": "Gwendolen Good"})
    for name, value in DAMAGED_VALUES.items():
        in_page(page, f"await putValue('drafts', arg, {value});", f"damaged: {name}")
    page.reload()
    ready(page)
    unlock(page)
    expect(page.locator("#child_name")).to_have_value("Gwendolen Good")
    expect(page.locator("#cre-drafts li.cre-draft", has_text=UNOPENABLE)).to_have_count(len(DAMAGED_VALUES))
    no_crash(page)


# --- 3. nonces -------------------------------------------------------------------------------------------------------
SAVES, SEALS = 50, 10_000

# The drafts' own key (deriveKey on the stored salt and rounds, shown to open the stored draft), then SEALS seals of
# one text under one additional data: the worst case for a nonce repeat. Every nonce is compared with every other
# and with the stored ones; each of the 12 byte positions should take all 256 values (a counter or a fixed prefix
# would not).
SEAL_MANY_JS = """
const meta = await readValue("vault", "passphrase");
const draft = await readValue("drafts", arg.id);
const key = await creVault.deriveKey(arg.passphrase, meta.salt, meta.iterations);
const opensDraft = (await creVault.unseal(key, draft.iv, draft.data, arg.aad)).length > 0;
const seen = new Set(arg.stored);
const positions = Array.from({ length: 12 }, () => new Set());
const lengths = new Set();
const ciphertexts = new Set();
let repeats = 0;
let sealed = 0;
for (let start = 0; start < arg.count; start += 500) {
  const batch = await Promise.all(Array.from({ length: Math.min(500, arg.count - start) },
    () => creVault.seal(key, arg.text, arg.aad)));
  for (const { iv, data } of batch) {
    sealed += 1;
    lengths.add(iv.length);
    const id = hex(iv);
    if (seen.has(id)) repeats += 1;
    seen.add(id);
    ciphertexts.add(hex(data));
    iv.forEach((byte, index) => positions[index].add(byte));
  }
}
return { opensDraft, repeats, sealed, distinct: seen.size, lengths: [...lengths], ciphertexts: ciphertexts.size,
         valuesPerPosition: positions.map((values) => values.size) };
"""


@pytest.mark.scale
def test_proof_a_fresh_nonce_on_every_save(page, server):
    open_form(page, server)
    nonces, draft_id = [], None
    for number in range(1, SAVES + 1):
        if number % 2:
            answer(page, "#child_name", f"Nonce Child {number:02d}")
        else:
            answer(page, "#why_at_risk", f"Change {number}: seen near the station.")
        draft_id = draft_id or wait_for_open_draft(page)
        value = wait_for_rev(page, draft_id, number)
        expect(page.locator("#cre-saved")).to_contain_text("Saved on this device at")
        assert value["rev"] == number  # one real write per change, none merged away
        nonces.append(value["iv"])
    assert len(nonces) == SAVES and {len(nonce) for nonce in nonces} == {12}
    assert len(set(nonces)) == SAVES
    check_nonce = stored(page, "vault")["passphrase"]["check_iv"]
    assert check_nonce not in nonces

    aad = record_aad(draft_id, *form_of(page))
    result = in_page(page, SEAL_MANY_JS, {"id": draft_id, "passphrase": PASSPHRASE, "aad": aad, "count": SEALS,
                                          "text": "the same record, sealed again", "stored":
                                          [nonce.hex() for nonce in nonces + [check_nonce]]})
    assert result["opensDraft"]  # the very key the saves used
    assert result["lengths"] == [12]
    assert result["repeats"] == 0 and result["distinct"] == SEALS + SAVES + 1
    assert result["ciphertexts"] == SEALS
    assert result["valuesPerPosition"] == [256] * 12
    no_crash(page)
    fault_row("iv-uniqueness", faults_injected=0, inputs_tried=len(nonces) + result["sealed"])  # no fault: by design



# --- 4. plaintext residue --------------------------------------------------------------------------------------------
CANARY = "Zebedee Quattlebaum-Ørsted"
CANARY_FIELDS = {
    "#child_name": CANARY,
    "#address": "7 Wrigglesworth Mews, Ottercombe",
    "#why_at_risk": "Zebedee Quattlebaum-Ørsted was seen with Fennimore Grubbinsky near Ottercombe station.",
    "#pbr_persons": "Fennimore Grubbinsky ('Uncle Fen'), Tarquin Vexley-Saunderson; both know Zebedee well.",
    "#pbr_locations": "Wrigglesworth Mews garages; the Ottercombe Lido car park.",
    "#practitioner_judgement": "Zebedee says Vexley-Saunderson pays him to carry parcels.",
}
NEEDLES = [CANARY, "Zebedee", "Quattlebaum", "Ørsted", "Wrigglesworth", "Ottercombe", "Grubbinsky", "Vexley",
           "Saunderson", "Uncle Fen"]

# Every place this origin keeps anything, read in full: every IndexedDB database and store (every key and value,
# walked deeply; bytes and blobs decoded as UTF-8, latin-1 and UTF-16), localStorage, sessionStorage, every Cache
# Storage cache (every request URL, header and body), the origin's private files, the cookie, the window's name,
# title, URL and history state. Returns, per place, how much was read and which needles were found where.
SWEEP_JS = r"""
const needles = arg.map((needle) => needle.toLowerCase());
const decoders = [["utf-8", new TextDecoder("utf-8")], ["latin-1", new TextDecoder("latin1")],
                  ["utf-16", new TextDecoder("utf-16le")]];
const places = [];
const place = (where) => { const found = { where, items: 0, chars: 0, hits: [] }; places.push(found); return found; };
function look(found, path, text) {
  found.chars += text.length;
  const low = text.toLowerCase();
  for (const needle of needles) if (low.includes(needle)) found.hits.push(`${path}: ${needle}`);
}
async function walk(found, path, value, seen = new Set()) {
  if (value === null || value === undefined) return;
  if (typeof value !== "object") { look(found, path, String(value)); return; }
  if (value instanceof Blob) value = await value.arrayBuffer();
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    for (const [name, decoder] of decoders) look(found, `${path} (${name})`, decoder.decode(bytes));
    return;
  }
  if (seen.has(value)) return;
  seen.add(value);
  if (value instanceof Date || value instanceof RegExp) { look(found, path, String(value)); return; }
  const pairs = value instanceof Map ? [...value] : value instanceof Set ? [...value].map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, inner] of pairs) {
    await walk(found, `${path} key`, key, seen);
    await walk(found, `${path}.${String(key).slice(0, 40)}`, inner, seen);
  }
}
const selfTest = place("self-test (must find the needle)");
await walk(selfTest, "blob", new Blob([arg[0]]));
await walk(selfTest, "utf-16", new Uint8Array(new Uint16Array([...arg[0]].map((c) => c.charCodeAt(0))).buffer));

for (const info of await indexedDB.databases()) {
  const db = await ask(indexedDB.open(info.name));
  try {
    for (const name of db.objectStoreNames) {
      const found = place(`IndexedDB ${info.name} / ${name}`);
      const store = db.transaction(name).objectStore(name);
      const [keys, values] = await Promise.all([ask(store.getAllKeys()), ask(store.getAll())]);
      found.items = keys.length;
      for (let i = 0; i < keys.length; i += 1) {
        await walk(found, `[${String(keys[i]).slice(0, 60)}] key`, keys[i]);
        await walk(found, `[${String(keys[i]).slice(0, 60)}]`, values[i]);
      }
    }
  } finally { db.close(); }
}
for (const [name, storage] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) {
  const found = place(name);
  for (let i = 0; i < storage.length; i += 1) {
    found.items += 1;
    look(found, "key", storage.key(i));
    look(found, storage.key(i), storage.getItem(storage.key(i)));
  }
}
for (const name of await caches.keys()) {
  const found = place(`Cache Storage ${name}`);
  const cache = await caches.open(name);
  for (const request of await cache.keys()) {
    found.items += 1;
    look(found, "url", request.url);
    const response = await cache.match(request);
    for (const [header, value] of response.headers) look(found, `${request.url} header`, `${header}: ${value}`);
    await walk(found, request.url, await response.arrayBuffer());
  }
}
const files = place("origin private file system");
async function readFolder(folder, path) {
  for await (const [name, handle] of folder.entries()) {
    files.items += 1;
    look(files, "name", `${path}/${name}`);
    if (handle.kind === "file") await walk(files, `${path}/${name}`, await handle.getFile());
    else await readFolder(handle, `${path}/${name}`);
  }
}
if (navigator.storage && navigator.storage.getDirectory) await readFolder(await navigator.storage.getDirectory(), "");
const windowPlace = place("title, URL, cookie, window name, history state");
for (const [name, value] of [["title", document.title], ["url", location.href], ["cookie", document.cookie],
                             ["name", window.name]]) { windowPlace.items += 1; look(windowPlace, name, value); }
await walk(windowPlace, "history.state", history.state);
return places;
"""


def console(page):
    """Every console message of the session, from every page and worker of the context, whatever its level (the
    `page` fixture keeps them), and every uncaught error."""
    return "\n".join(page.console_messages + page.errors)


def test_proof_no_plaintext_residue(page, server):
    open_form(page, server)
    for field, text in CANARY_FIELDS.items():
        answer(page, field, text)
    saved(page)
    click(page, "#cre-lock")
    expect(page.locator("#cre-vault-unlock")).to_be_visible()
    unlock(page)
    expect(page.locator("#child_name")).to_have_value(CANARY)
    expect(page.locator("#pbr_persons")).to_have_value(CANARY_FIELDS["#pbr_persons"])
    click(page, draft_button(page, "Duplicate", row=page.locator("#cre-drafts li.cre-draft", has_text="(open now)")))
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)
    expect(page.locator("#cre-drafts li.cre-draft").first).to_contain_text("A copy of the draft ")  # by initials
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text(CANARY)
    record = download(page, "#cre-download-json")
    assert CANARY in Path(record.path()).read_text(encoding="utf-8")  # the practitioner's own copy: plain, by design
    pdf = download(page, "#cre-download-pdf", timeout=PYTHON_TIMEOUT_MS)
    assert Path(pdf.path()).read_bytes().startswith(b"%PDF")
    assert found(record.suggested_filename + pdf.suggested_filename, NEEDLES) == []  # initials only
    assert found(visible_text(page), NEEDLES)  # the page shows the record now: the DOM check below can see it

    page.evaluate("() => console.debug('cre-proof: the console is recorded')")  # the control for the console
    places = in_page(page, SWEEP_JS, NEEDLES)
    by_name = {place["where"]: place for place in places}
    self_test = " ".join(by_name.pop("self-test (must find the needle)")["hits"])
    assert "blob (utf-8): " + CANARY.lower() in self_test and "(utf-16): quattlebaum" in self_test
    assert by_name["IndexedDB cre-drafts / drafts"]["items"] == 2  # the draft and its duplicate, both read
    assert by_name["IndexedDB cre-drafts / vault"]["items"] == 1
    assert by_name["sessionStorage"]["items"] == 1  # the open draft's id
    assert any(where.startswith("Cache Storage") and place["items"] for where, place in by_name.items())
    residue = sum(len(place["hits"]) for place in by_name.values()) + len(found(console(page), NEEDLES))
    assert {where: place["hits"] for where, place in by_name.items() if place["hits"]} == {}
    assert "cre-proof: the console is recorded" in console(page)
    assert found(console(page), NEEDLES) == []
    assert sum(place["chars"] for place in places) > 1_000_000  # the sweep read the caches, not nothing

    click(page, "#cre-lock")
    expect(page.locator("#cre-vault-unlock")).to_be_visible()
    expect(page.locator("#cre-review")).to_be_hidden()
    expect(page.locator("#cre-review .cre-output")).to_be_empty()
    locked = [found(visible_text(page), NEEDLES), found(page.title() + page.url, NEEDLES),
              found(console(page), NEEDLES)]
    residue += sum(map(len, locked))
    assert locked == [[], [], []]
    no_crash(page)
    fault_row("plaintext-residue", plaintext_found=residue)
