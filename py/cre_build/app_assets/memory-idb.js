// An in-memory stand-in for IndexedDB, loaded by boot.js only when the browser refuses IndexedDB on this site
// (private browsing in some browsers, a policy that blocks site data). PyScript keeps a small cache in IndexedDB
// and cannot start without one; with this it starts, and keeps that cache in memory. It also sets
// self.creMemoryStorage, so that vault.js refuses to keep drafts here and the page says plainly that nothing is
// saved: a draft in memory would vanish with the tab while looking saved.
//
// It covers what PyScript's cache uses (open with an upgrade, one object store, get/getKey/getAll/getAllKeys/
// count/put/delete/clear) and nothing more.
(() => {
  "use strict";
  const databases = new Map();
  const later = (callback) => setTimeout(callback, 0);

  function request(run, transaction) {
    const req = { result: undefined, error: null, readyState: "pending", transaction };
    later(() => {
      try {
        req.result = run();
        req.readyState = "done";
        if (req.onsuccess) req.onsuccess({ type: "success", target: req });
      } catch (error) {
        req.error = error;
        if (req.onerror) req.onerror({ type: "error", target: req });
      }
      if (transaction) transaction.settle();
    });
    if (transaction) transaction.pending += 1;
    return req;
  }

  function transaction(db) {
    const tx = {
      pending: 0, db, error: null,
      objectStore(name) {
        const data = db.stores.get(name);
        if (!data) throw new DOMException(`No object store named ${name}`, "NotFoundError");
        return {
          name,
          get: (key) => request(() => data.get(key), tx),
          getKey: (key) => request(() => (data.has(key) ? key : undefined), tx),
          getAll: () => request(() => [...data.values()], tx),
          getAllKeys: () => request(() => [...data.keys()], tx),
          count: () => request(() => data.size, tx),
          put: (value, key) => request(() => { data.set(key, structuredClone(value)); return key; }, tx),
          delete: (key) => request(() => { data.delete(key); }, tx),
          clear: () => request(() => { data.clear(); }, tx),
        };
      },
      settle() {
        tx.pending -= 1;
        if (tx.pending === 0) later(() => tx.oncomplete && tx.oncomplete({ type: "complete", target: tx }));
      },
      abort() {},
    };
    return tx;
  }

  function database(name) {
    const stores = new Map();
    return {
      name, version: 1, stores,
      get objectStoreNames() {
        return { length: stores.size, contains: (store) => stores.has(store) };
      },
      createObjectStore(store) { stores.set(store, new Map()); return transaction(this).objectStore(store); },
      transaction() { return transaction(this); },
      close() {},
    };
  }

  const memory = {
    open(name) {
      const req = { result: undefined, error: null };
      later(() => {
        const created = !databases.has(name);
        if (created) databases.set(name, database(name));
        req.result = databases.get(name);
        if (created && req.onupgradeneeded) {
          const tx = transaction(req.result);
          req.onupgradeneeded({ type: "upgradeneeded", target: { result: req.result, transaction: tx } });
          later(() => tx.oncomplete && tx.oncomplete({ type: "complete", target: tx }));
        }
        later(() => req.onsuccess && req.onsuccess({ type: "success", target: req }));
      });
      return req;
    },
    deleteDatabase(name) {
      return request(() => { databases.delete(name); });
    },
    databases: () => Promise.resolve([...databases.keys()].map((name) => ({ name, version: 1 }))),
  };

  Object.defineProperty(self, "indexedDB", { value: memory, configurable: true });
  Object.defineProperty(self, "creMemoryStorage", { value: true });
})();
