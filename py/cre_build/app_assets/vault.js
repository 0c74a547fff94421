// Thin storage and crypto calls for the form's Python (cre.browser.vault), each returning a promise: WebCrypto
// (PBKDF2-SHA256 key derivation, AES-GCM-256), the drafts' IndexedDB database and Web Locks. What is stored, when,
// and what the practitioner is told are Python's; nothing here sees a record as anything but bytes.
//
// Include it as a classic, deferred script before boot.js; it defines window.creVault and does nothing else.
// Failures reject with an Error whose name says what happened: "QuotaExceededError", "StaleWrite", "Closed",
// "Unavailable", "Unreadable" (decryption failed), or the browser's own DOMException name.
(() => {
  "use strict";
  // Served, the drafts database is the site's own. Opened from a file (the single file, cre_build.single_file),
  // every file:// page shares one IndexedDB: the database is named for this toolkit and the form's version instead.
  // The name is this file's alone: boot.js asks databaseName() for it.
  // (Asked for once the page is parsed: in the single file this script runs inline, before the form is there.)
  const FILE = location.protocol === "file:";
  // PyScript names its package cache "IDBMap/<the interpreter's folder>@<version>": this file's own, from a file.
  const FOLDER = "IDBMap/" + location.href.split(/[?#]/)[0].replace(/[^/]*$/, "");
  let DB = FILE ? null : "cre-drafts";

  function database() {
    if (DB === null) {
      const form = document.querySelector("[data-form-id][data-form-version]");
      if (!form) return "cre-toolkit-drafts"; // not parsed yet: ask again later
      // The partnership's version (before the dot), not the toolkit's revision: a newer copy of the file, put on
      // the share in place of this one, opens the same drafts (records of a revision open at the next one).
      DB = `cre-toolkit-drafts:${form.dataset.formId}:${form.dataset.formVersion.split(".")[0]}`;
    }
    return DB;
  }
  const VERSION = 2; // 1: drafts as plain JSON strings; 2: encrypted drafts and the "vault" store
  const DRAFTS = "drafts";
  const VAULT = "vault";
  const IV_BYTES = 12;
  const STRICT = { durability: "strict" };
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const held = new Map(); // lock name -> function that releases it
  const waiting = new Map(); // lock name -> AbortController of a claim waiting for another tab to let go

  let db = null;

  function fail(name, message) {
    const error = new Error(message || name);
    error.name = name;
    return error;
  }

  function settle(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error || fail("Unavailable"));
    });
  }

  function done(transaction) {
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error || fail("Unavailable"));
      transaction.onabort = () => reject(transaction.error || fail("Closed", "the write was cancelled"));
    });
  }

  function tell(type) {
    dispatchEvent(new CustomEvent(type));
  }

  function store(name, mode) {
    if (!db) throw fail("Closed", "the drafts database is not open");
    try {
      const transaction = mode === "readwrite" ? db.transaction(name, mode, STRICT) : db.transaction(name, mode);
      return [transaction, transaction.objectStore(name)];
    } catch (error) {
      if (error.name === "InvalidStateError") { db = null; throw fail("Closed", error.message); }
      throw error;
    }
  }

  const vault = {
    IV_BYTES,
    databaseName: database,

    randomBytes(count) {
      return crypto.getRandomValues(new Uint8Array(count));
    },

    async deriveKey(passphrase, salt, iterations) {
      const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
      return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base,
        { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]); // not extractable: it never leaves memory
    },

    async seal(key, text, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key,
        encoder.encode(text));
      return { iv, data: new Uint8Array(data) };
    },

    async unseal(key, iv, data, aad) {
      try {
        const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) },
          key, data);
        return decoder.decode(plain);
      } catch (error) {
        throw fail("Unreadable", "the data does not open with this key");
      }
    },

    // --- the drafts database ---------------------------------------------------------------------------------
    async open() {
      if (db) return true;
      if (!self.indexedDB || self.creMemoryStorage) throw fail("Unavailable", "this browser keeps no IndexedDB here");
      const request = indexedDB.open(database(), VERSION);
      request.onupgradeneeded = () => {
        const names = request.result.objectStoreNames;
        if (!names.contains(DRAFTS)) request.result.createObjectStore(DRAFTS);
        if (!names.contains(VAULT)) request.result.createObjectStore(VAULT);
      };
      request.onblocked = () => tell("cre-storage-blocked");
      db = await settle(request);
      const opened = db;
      // Closed by the browser (storage cleared, a profile problem) or asked to close by another tab that wipes or
      // upgrades the database: let go at once, then tell Python.
      opened.onclose = () => { if (db === opened) db = null; tell("cre-storage-closed"); };
      opened.onversionchange = (event) => {
        opened.close();
        if (db === opened) db = null;
        tell(event.newVersion === null ? "cre-storage-deleted" : "cre-storage-closed");
      };
      return true;
    },

    isOpen() {
      return db !== null;
    },

    close() {
      if (db) db.close();
      db = null;
    },

    async read(name, key) {
      const [, objects] = store(name, "readonly");
      return settle(objects.get(key));
    },

    async entries(name) {
      const [, objects] = store(name, "readonly");
      const [keys, values] = await Promise.all([settle(objects.getAllKeys()), settle(objects.getAll())]);
      return keys.map((key, index) => [key, values[index]]);
    },

    // Writes value under key when the stored value's rev is still expectedRev (0: nothing stored yet), all in one
    // transaction, and resolves to the new rev. Another tab's newer write is never overwritten: "StaleWrite".
    async write(name, key, value, expectedRev) {
      const [transaction, objects] = store(name, "readwrite");
      let rev = null;
      let refused = null; // put() itself threw (some browsers refuse an over-quota value there, not at commit)
      const current = objects.get(key);
      current.onsuccess = () => {
        const stored = current.result;
        const storedRev = stored && typeof stored === "object" && Number.isInteger(stored.rev) ? stored.rev : 0;
        if (expectedRev != null && storedRev !== expectedRev) { // null: write whatever is there
          transaction.abort();
          return;
        }
        rev = storedRev + 1;
        try {
          objects.put({ ...value, rev }, key);
        } catch (error) {
          refused = error;
          transaction.abort();
        }
      };
      try {
        await done(transaction);
      } catch (error) {
        if (refused) throw refused;
        if (rev === null) throw fail("StaleWrite", "the draft was changed elsewhere since it was opened");
        throw error.name === "InvalidStateError" ? fail("Closed", error.message) : error;
      }
      return rev;
    },

    async remove(name, key) {
      const [transaction, objects] = store(name, "readwrite");
      objects.delete(key);
      await done(transaction);
    },

    // Deletes the whole drafts database (every draft and the passphrase check; other tabs are asked to close
    // first), then every other database of the site (PyScript's). Chromium keeps all of a site's databases in one
    // store on disk and rewrites it, dropping what a deleted draft left in its files, only once none is left: until
    // then the ciphertext, and any draft the first version kept unencrypted, could be read back from the profile.
    // From a file, only this file's own go: every file:// page (another copy of the toolkit too) shares the store.
    async wipe() {
      vault.close();
      if (!self.indexedDB) return;
      await settle(indexedDB.deleteDatabase(database()));
      let others = [];
      try {
        others = (await indexedDB.databases()).map((info) => info.name)
          .filter((name) => name && name !== database() && (!FILE || name.startsWith(FOLDER)));
      } catch (error) { /* a browser without databases(): the drafts database is gone, which is what matters */ }
      // Still open in this page, PyScript's databases go once it closes (the browser keeps the request): the
      // practitioner is told the device is wiped without waiting for that.
      for (const name of others) indexedDB.deleteDatabase(name).onerror = () => null;
    },

    // --- one tab per draft --------------------------------------------------------------------------------------
    // Resolves true when this tab now holds the draft's lock (until release), false when another tab holds it; with
    // wait, resolves true once the other tab lets go (or false if released here first). Without Web Locks every
    // claim succeeds: the rev check in write() still refuses a stale write.
    claim(name, wait = false) {
      if (held.has(name) || !navigator.locks) return Promise.resolve(true);
      const abort = new AbortController();
      if (wait) waiting.set(name, abort);
      return new Promise((resolve) => {
        navigator.locks.request(name, wait ? { signal: abort.signal } : { ifAvailable: true }, (lock) => {
          if (waiting.get(name) === abort) waiting.delete(name);
          if (!lock) { resolve(false); return undefined; }
          resolve(true);
          return new Promise((release) => held.set(name, release));
        }).catch(() => { if (waiting.get(name) === abort) waiting.delete(name); resolve(false); });
      });
    },

    release(name) {
      const release = held.get(name);
      held.delete(name);
      if (release) release();
      const pending = waiting.get(name);
      waiting.delete(name);
      if (pending) pending.abort();
    },
  };

  self.creVault = Object.freeze(vault);
})();
