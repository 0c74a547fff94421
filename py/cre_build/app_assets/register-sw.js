// Registers the site's service worker (sw.js at the site root, made by the build with Workbox) so that every page,
// the form and its Python keep working with the network gone; offers a new version when one is waiting.
//
// The build adds it to every page as a classic, deferred script: <script src="app/register-sw.js" defer>. The
// worker's address is taken relative to this file, so any page at any depth, under any sub-path, registers the
// same worker, whose scope is the whole site.
//
// A new version never takes over by itself: a practitioner halfway through a form keeps the files the page started
// with. When a new worker is waiting, a banner (role="status", not modal) offers "Update now"; only then is the
// worker told {type: "SKIP_WAITING"}, and the page reloads once, when the new worker controls it.
//
// Service workers run only in a secure context: HTTPS, or this machine (localhost), as the browser itself says
// (window.isSecureContext; app/boot.js asks the same). Anywhere else (a file share, plain http on an intranet) this
// does nothing: the pages work online, and the form page says that offline use needs HTTPS.
// DOM calls only, styled by app/sw.css: the form page's CSP allows no inline script or style.
(() => {
  "use strict";
  const TEXT = "A new version of the toolkit is available.";
  const BUTTON = "Update now";
  const PYTHON_WAIT_MS = 30_000;
  const script = document.currentScript;
  const container = navigator.serviceWorker;
  const secure = window.isSecureContext && (location.protocol === "https:" || location.protocol === "http:");
  if (!script || !container || !secure) return;

  const controlled = Boolean(container.controller); // false on a first visit: nothing to update from
  let asked = false; // this page told the waiting worker to take over
  let reloading = false;

  function reloadOnce() {
    if (reloading) return;
    reloading = true;
    location.reload();
  }

  // The live region goes into the page empty and gets its text a moment later, so screen readers announce it.
  function offer(update) {
    if (document.getElementById("cre-sw-update")) return;
    const banner = document.createElement("div");
    banner.id = "cre-sw-update";
    banner.className = "cre-sw-banner";
    banner.setAttribute("role", "status");
    document.body.append(banner);
    setTimeout(() => {
      const text = document.createElement("p");
      text.className = "cre-sw-banner__text";
      text.textContent = TEXT;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "cre-sw-banner__button";
      button.textContent = BUTTON;
      button.addEventListener("click", () => {
        button.disabled = true;
        update();
      });
      banner.append(text, button);
    }, 100);
  }

  // The new version took over from another tab of the site: this page still runs on the old files until reloaded.
  container.addEventListener("controllerchange", () => {
    if (asked) reloadOnce();
    else if (controlled) offer(reloadOnce);
  });

  function watch(registration) {
    const accept = () => {
      const waiting = registration.waiting;
      if (!waiting) return reloadOnce(); // already active (another tab updated): just load it
      asked = true;
      waiting.postMessage({ type: "SKIP_WAITING" });
    };
    const whenInstalled = (worker) => {
      if (worker.state === "installed") {
        if (container.controller) offer(accept);
        return;
      }
      worker.addEventListener("statechange", () => worker.state === "installed" && container.controller && offer(accept));
    };
    if (registration.waiting) whenInstalled(registration.waiting);
    if (registration.installing) whenInstalled(registration.installing);
    registration.addEventListener("updatefound", () => registration.installing && whenInstalled(registration.installing));
  }

  let registered = false;
  function register() {
    if (registered) return;
    registered = true;
    container.register(new URL("../sw.js", script.src).href)
      .then(watch)
      .catch((error) => console.warn("This site will not work offline: its service worker did not register.", error));
  }

  // A page that starts Python (app/boot.js) registers once Python has started (PyScript's py:done, which also
  // follows a failure), or after PYTHON_WAIT_MS at the latest: a first install downloads the whole site, which
  // would otherwise compete with starting Python for the network and the processor.
  if (document.querySelector('script[src$="app/boot.js"]')) {
    addEventListener("py:done", register, { once: true });
    setTimeout(register, PYTHON_WAIT_MS);
  } else {
    register();
  }
})();
