"""The passphrase, the key and the drafts database: setting the passphrase, unlocking, locking; sealing and opening
drafts and encrypted record files. cre.sealing says what is sealed and how a file looks; app/vault.js makes the
WebCrypto and IndexedDB calls. The key is a non-extractable CryptoKey held only here, in memory; the passphrase is
never kept.

A stored draft is {form_id, form_version, iv, data, rev}: the record and its status, sealed under additional data
that names the record id and form version, and a revision number that a write must match (vault.js `write`).
Drafts from the first version of the toolkit were plain JSON strings; `legacy` finds them so they can be sealed.
Opened from a file (the single file, cre_build.single_file), every file:// page shares the browser's storage and
this page never wrote a draft unencrypted: a plain one there was written by something else, and is refused
(listed as a draft that cannot be opened).
"""

import json

from pyodide.ffi import to_js
from pyscript import window

from .. import sealing
from ..definitions import get_form
from .dom import js_object

DRAFTS, VAULT, PASSPHRASE = "drafts", "vault", "passphrase"


class WrongPassphrase(Exception):
    """The passphrase does not open what it was tried on."""


class Unreadable(Exception):
    """The right key, but the data does not open: changed or damaged since it was sealed."""


def fault(error):
    """What kind of failure a rejected vault.js call was: its Error name ("StaleWrite", "QuotaExceededError"...)."""
    return str(getattr(error, "name", "") or type(error).__name__)


def draft_from_text(text, draft_id):
    """A draft's JSON ({"record", "status"}) checked for the shape the page relies on; Unreadable if it is not."""
    try:
        draft = json.loads(text)
        record = draft["record"]
        get_form(record["form"]["id"], record["form"]["version"])
        if record["record_id"] != draft_id or not isinstance(record["answers"], dict) or \
                not isinstance(record["updated"], str):
            raise ValueError(draft_id)
    except Exception:  # noqa: BLE001 - whatever is wrong with it, the page cannot open it
        raise Unreadable from None
    if not isinstance(draft.get("status"), str):
        draft["status"] = "draft-valid"
    copy_of = draft.get("copy_of")
    if not (isinstance(copy_of, dict) and all(isinstance(copy_of.get(key), str) for key in ("initials", "created"))):
        draft["copy_of"] = None
    return draft


class Vault:
    def __init__(self):
        self.js = window.creVault
        self.plain_drafts = window.location.protocol != "file:"  # see the module's docstring
        self.key = None
        self.meta = None  # the stored passphrase check: {iterations, salt, check_iv, check_data}

    @property
    def unlocked(self):
        return self.key is not None

    async def open(self):
        """Open the database and read the passphrase check (None: no passphrase set on this browser yet)."""
        await self.js.open()
        self.meta = await self.js.read(VAULT, PASSPHRASE) or None

    async def reopen(self):
        """After the browser closed the connection. Returns True when storage had been cleared and this tab, still
        unlocked, wrote its passphrase check back (so its open draft can be saved again under the same passphrase)."""
        await self.js.open()
        stored = await self.js.read(VAULT, PASSPHRASE) or None
        if stored is None and self.meta is not None and self.unlocked:
            await self.js.write(VAULT, PASSPHRASE, self.meta, 0)
            return True
        self.meta = stored or self.meta
        return False

    async def _derive(self, passphrase, salt, iterations):
        return await self.js.deriveKey(passphrase, salt, iterations)

    async def _opens_check(self, key, check_iv, check_data):
        try:
            return await self.js.unseal(key, check_iv, check_data, sealing.check_aad()) == sealing.CHECK_TEXT
        except Exception:  # noqa: BLE001 - the only failure here is "does not open"
            return False

    async def set_passphrase(self, passphrase):
        """The first passphrase on this browser. StaleWrite: another tab set one a moment ago."""
        salt = self.js.randomBytes(sealing.SALT_BYTES)
        key = await self._derive(passphrase, salt, sealing.ITERATIONS)
        check = await self.js.seal(key, sealing.CHECK_TEXT, sealing.check_aad())
        meta = js_object({"iterations": sealing.ITERATIONS, "salt": salt, "check_iv": check.iv,
                          "check_data": check.data})
        await self.js.write(VAULT, PASSPHRASE, meta, 0)
        self.meta, self.key = await self.js.read(VAULT, PASSPHRASE), key

    async def unlock(self, passphrase):
        meta = self.meta
        key = await self._derive(passphrase, meta.salt, meta.iterations)
        if not await self._opens_check(key, meta.check_iv, meta.check_data):
            raise WrongPassphrase
        self.key = key

    def lock(self):
        self.key = None

    # --- drafts ----------------------------------------------------------------------------------------------------
    async def seal_draft(self, record, status, copy_of=None):
        draft = {"record": record, "status": status, **({"copy_of": copy_of} if copy_of else {})}
        text = json.dumps(draft, ensure_ascii=False)
        form = record["form"]
        sealed = await self.js.seal(self.key, text, sealing.record_aad(record["record_id"], form["id"], form["version"]))
        return js_object({"form_id": form["id"], "form_version": form["version"], "iv": sealed.iv,
                          "data": sealed.data})

    async def write_draft(self, record, status, expected_rev, copy_of=None):
        """Seal and store; returns the new revision. Rejects (fault "StaleWrite") when the stored one moved on.
        copy_of: what a copy remembers of the draft it copies (cre.draft_list.copy_note)."""
        sealed = await self.seal_draft(record, status, copy_of)
        return await self.js.write(DRAFTS, record["record_id"], sealed, expected_rev)

    async def open_draft(self, draft_id, value):
        """A stored value to ({"record", "status"}, rev). Unreadable when it does not open with this key, or is not
        a draft of this toolkit at all (damaged storage, another program's data)."""
        if isinstance(value, str):  # the first version's plain JSON
            if not self.plain_drafts:
                raise Unreadable
            return draft_from_text(value, draft_id), 0
        try:
            aad = sealing.record_aad(draft_id, str(value.form_id), str(value.form_version))
            text = await self.js.unseal(self.key, value.iv, value.data, aad)
            rev = int(value.rev)
        except Exception:  # noqa: BLE001 - a missing field, a wrong type, a failed tag: all mean "cannot open"
            raise Unreadable from None
        return draft_from_text(text, draft_id), rev

    async def read_draft(self, draft_id):
        value = await self.js.read(DRAFTS, draft_id)
        return None if value is None else await self.open_draft(draft_id, value)

    async def entries(self):
        return [(str(pair[0]), pair[1]) for pair in await self.js.entries(DRAFTS)]

    async def legacy(self):
        """(id, draft) for each draft the first version left unencrypted (damaged ones are left to be listed as
        drafts that cannot be opened)."""
        found = []
        if not self.plain_drafts:
            return found
        for key, value in await self.entries():
            if isinstance(value, str):
                try:
                    found.append((key, draft_from_text(value, key)))
                except Unreadable:
                    continue
        return found

    async def delete_draft(self, draft_id):
        await self.js.remove(DRAFTS, draft_id)

    async def wipe(self):
        self.key, self.meta = None, None
        await self.js.wipe()

    # --- encrypted record files ----------------------------------------------------------------------------------
    async def seal_file(self, record, passphrase):
        """The encrypted record file (text) under a passphrase chosen for it, with a salt and key of its own (never
        the drafts' salt, check or key: one file and its passphrase open that record and nothing else here)."""
        salt = self.js.randomBytes(sealing.SALT_BYTES)
        key = await self._derive(passphrase, salt, sealing.ITERATIONS)
        check = await self.js.seal(key, sealing.CHECK_TEXT, sealing.check_aad())
        form = record["form"]
        sealed = await self.js.seal(key, json.dumps(record, ensure_ascii=False),
                                    sealing.record_aad(record["record_id"], form["id"], form["version"]))
        envelope = sealing.file_envelope(record, salt.to_bytes(), sealing.ITERATIONS,
                                         (check.iv.to_bytes(), check.data.to_bytes()),
                                         (sealed.iv.to_bytes(), sealed.data.to_bytes()))
        return json.dumps(envelope, indent=2)

    async def open_file(self, sealed_file, passphrase):
        """A cre.sealing.SealedFile and its passphrase to the record's bytes. WrongPassphrase, or Unreadable when
        the passphrase is right but the record was changed after it was sealed."""
        key = await self._derive(passphrase, to_js(sealed_file.salt), sealed_file.iterations)
        if not await self._opens_check(key, to_js(sealed_file.check_iv), to_js(sealed_file.check_data)):
            raise WrongPassphrase
        try:
            text = await self.js.unseal(key, to_js(sealed_file.iv), to_js(sealed_file.data), sealed_file.aad)
        except Exception:  # noqa: BLE001
            raise Unreadable from None
        return text.encode("utf-8")

    # --- one tab per draft -------------------------------------------------------------------------------------
    async def claim(self, draft_id, wait=False):
        return bool(await self.js.claim(f"cre-draft-{draft_id}", wait))

    def release(self, draft_id):
        self.js.release(f"cre-draft-{draft_id}")
