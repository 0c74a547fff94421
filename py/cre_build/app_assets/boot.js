// Starts the form's Python and shows how far it has got.
//
// Include it as a classic script: <script src="app/boot.js" defer></script>. Not type="module": browsers refuse
// module scripts on a page opened from a file (origin null), so a module could never say that the form needs a
// web address. It runs PyScript (app/pyscript/) on the self-hosted Pyodide (app/pyodide/) with app/main.py as the
// entry; every URL is taken relative to this file, so the site works under any sub-path. It adds elements with DOM
// calls only (no inline script), so the page's CSP needs no 'unsafe-inline' for scripts.
//
// The page provides: #cre-progress (a <progress>), its label (label[for=cre-progress], which must not contain the
// bar), #cre-loading (hidden once Python is ready, but for a warning in it) and #cre-env-warning (hidden; shown
// with a message when the form cannot work, or cannot work offline, at this address).
//
// Inside a frame the form refuses to show itself: another page could lay it under its own and catch what is typed
// or shown. Servers should already refuse framing (cre serve sends X-Frame-Options and frame-ancestors; the Hosting
// page says how for IIS, Apache and nginx); where one does not, this takes the page's content away, says how to open
// the form in its own tab, and never starts Python, so no draft is opened in the frame.
(() => {
  "use strict";
  const script = document.currentScript || document.querySelector('script[src$="app/boot.js"]');
  // In the single file (cre_build.single_file) this script is inline: data-src says where it would have been, and
  // window.creEmbedded (app_assets/embedded.js) answers for the app's files.
  const base = script.src || new URL(script.dataset.src, location.href).href;
  const here = (path) => new URL(path, base).href;
  const embedded = window.creEmbedded;
  const byId = (id) => document.getElementById(id);
  const whenParsed = (action) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", action);
    else action();
  };

  const FRAMED = "This form cannot be shown inside another page. Open it in its own tab: ";

  function framed() {
    try {
      return window.top !== window.self;
    } catch {
      return true; // a browser that will not even say: assume the worst
    }
  }

  // Everything in the body goes (the form, its drafts panel, its outputs); one plain message stays.
  function refuseFrame() {
    const link = document.createElement("a");
    link.href = location.href;
    link.target = "_top";
    link.textContent = document.title || location.href;
    const text = document.createElement("p");
    text.className = "cre-warning";
    text.append(FRAMED, link);
    const main = document.createElement("main");
    main.id = "cre-main";
    main.className = "cre-width cre-main";
    main.append(text);
    document.body.replaceChildren(main);
    document.documentElement.dataset.python = "refused";
  }

  if (framed()) {
    whenParsed(refuseFrame);
    return;
  }

  // Opened from a file share, the served page cannot start Python: it points to the form in one file, which can
  // (cre_build.single_file writes it at SINGLE_FILE, next to the site's pages).
  const FILE_PAGE = "This page cannot start the form's checks when opened from a file. From a file share, use the " +
    "form in one file: ";
  const FILE_PAGE_END = ". Or open this page from your organisation's intranet.";
  const SINGLE_FILE = "offline/CRE-assessment.html";
  const PLAIN_HTTP = "Offline use needs HTTPS: the form works now, but will not open without the network.";
  const FAILED = "The checking rules could not start. Reload the page; if it happens again, tell your IT team.";
  const PRELOAD = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]; // Pyodide fetches them
  // Percent reached when a file has arrived (Resource Timing; matched by the end of its URL)...
  const FILES = [["pyscript/core.js", 15], ["pyodide.asm.mjs", 25], ["pyodide.asm.wasm", 35],
    ["python_stdlib.zip", 40], ["bundle.zip", 55], ["main.py", 62]];
  // ...and at each step PyScript reports (py:progress details, py:ready before main.py runs, py:done after).
  const STEPS = { "start": 10, "Loading interpreter": 20, "Loaded interpreter": 50, "py:ready": 60, "py:done": 100 };
  // Between two of those the bar creeps towards the next, so starting Pyodide on a slow machine still shows movement.
  const MARKS = [...FILES.map(([, percent]) => percent), ...Object.values(STEPS)];
  const CREEP_MS = 200;
  const CREEP_LIMIT = 95;

  let done = false; // the bar has stopped: at 100%, or at a failure
  let failed = false;

  // The label is in a live region: it changes at each step, while creeping moves only the bar (fewer announcements).
  function show(percent, quietly = false) {
    const bar = byId("cre-progress");
    if (done || !bar) return;
    const value = Math.max(Number(bar.value) || 0, percent); // files arrive in any order: never go back
    bar.max = 100;
    bar.value = value;
    const label = document.querySelector('label[for="cre-progress"]');
    if (label && !quietly) label.textContent = `Loading the checking rules… ${value}%`;
  }

  function creep() {
    const bar = byId("cre-progress");
    if (done || !bar) return;
    const next = Math.min(CREEP_LIMIT, ...MARKS.filter((percent) => percent > bar.value));
    if (bar.value < next - 1) show(bar.value + 1, true);
    setTimeout(creep, CREEP_MS);
  }

  function warn(...parts) {
    const box = byId("cre-env-warning");
    if (!box) return;
    box.replaceChildren(...parts);
    box.hidden = false;
  }

  function link(href, text) {
    const element = document.createElement("a");
    element.href = href;
    element.textContent = text;
    return element;
  }

  // Hides the loading region; when it holds a warning that is showing, only the bar and its label go.
  function hideLoading() {
    const loading = byId("cre-loading");
    const warning = byId("cre-env-warning");
    if (!loading) return;
    if (!(warning && !warning.hidden && loading.contains(warning))) loading.hidden = true;
    else for (const child of loading.children) if (!child.contains(warning)) child.hidden = true;
  }

  function finish() {
    if (failed) return; // PyScript says "done" after an error too: keep the message in view
    show(STEPS["py:done"]);
    done = true;
    hideLoading();
  }

  function fail() {
    if (done) return;
    done = failed = true;
    const label = document.querySelector('label[for="cre-progress"]');
    if (label) label.textContent = FAILED;
  }

  function add(tag, attributes) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.body.append(element);
    return element;
  }

  // PyScript resolves "interpreter" against the page and "files" against the config: make both absolute, from
  // the config file's own address, so that pyscript.json reads naturally and a page at any depth works.
  async function config() {
    const url = here("pyscript.json");
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const json = await response.json();
    json.interpreter = new URL(json.interpreter, url).href;
    json.files = Object.fromEntries(Object.entries(json.files || {}).map(([from, to]) => [new URL(from, url).href, to]));
    preload(json);
    return JSON.stringify(json);
  }

  // The big files, asked for now and side by side, rather than each only once the script before it has run
  // (PyScript, then Pyodide's loader, then Pyodide, then the bundle). From the config, not the page's <head>: there
  // they would hold the connections the page's own files need, and the form would take typing later.
  function preload(settings) {
    if (embedded) return; // the single file holds them
    const folder = new URL(".", settings.interpreter).href;
    for (const href of [...PRELOAD.map((name) => folder + name), ...Object.keys(settings.files)]) {
      const link = document.createElement("link");
      Object.assign(link, { rel: "preload", as: "fetch", crossOrigin: "anonymous", href });
      document.head.append(link);
    }
  }

  // PyScript keeps a small cache in IndexedDB and cannot start without one. Where the browser refuses IndexedDB on
  // this site (private browsing in some browsers, a policy blocking site data), memory-idb.js stands in, so the
  // form still checks, routes and downloads; the drafts panel then says nothing is kept.
  function storageWorks() {
    return new Promise((resolve) => {
      try {
        const request = indexedDB.open(window.creVault.databaseName()); // vault.js runs first: its database
        request.onsuccess = () => { request.result.close(); resolve(true); };
        request.onerror = () => resolve(false);
        request.onblocked = () => resolve(true);
      } catch (error) {
        resolve(false);
      }
    });
  }

  function load(src) {
    return new Promise((resolve, reject) => {
      const element = add("script", { src });
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
    });
  }

  async function start() {
    if (location.protocol === "file:" && !embedded) {
      warn(FILE_PAGE, link(here(`../${SINGLE_FILE}`), "the CRE assessment file"), FILE_PAGE_END);
      hideLoading();
      return; // PyScript cannot run here: do not start it
    }
    if (location.protocol === "http:" && !window.isSecureContext) warn(PLAIN_HTTP); // localhost is secure
    show(STEPS.start);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const path = entry.name.split(/[?#]/)[0];
        for (const [end, percent] of FILES) if (path.endsWith(end)) show(percent);
      }
    }).observe({ type: "resource", buffered: true });
    addEventListener("py:progress", ({ detail }) => Object.hasOwn(STEPS, detail) && show(STEPS[detail]));
    addEventListener("py:ready", () => show(STEPS["py:ready"]));
    addEventListener("py:done", finish);
    // PyScript reports a Python error as a .py-error box in the body: stop the bar and say so.
    new MutationObserver(() => document.querySelector(".py-error") && fail())
      .observe(document.body, { childList: true });
    creep();
    const [storage, settings] = await Promise.all([storageWorks(), config()]); // side by side: neither waits
    if (!storage) await (embedded ? embedded.script(here("memory-idb.js")) : load(here("memory-idb.js")));
    // The entry goes in first: PyScript reads its config when core.js is evaluated.
    add("script", { type: "py", src: here("main.py"), config: settings });
    if (embedded) embedded.load(here("pyscript/core.js")).catch((error) => { console.error(error); fail(); });
    else add("script", { type: "module", src: here("pyscript/core.js") }).addEventListener("error", fail);
  }

  whenParsed(() => start().catch((error) => { console.error(error); fail(); }));
})();
