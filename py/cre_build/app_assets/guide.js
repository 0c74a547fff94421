// The single file's guidance (cre_build.single_file puts it inline, with the page's nonce, right after the guide's
// <dialog id="cre-guide">, which holds the guidance pages the form links to, each an <article data-guide-page>).
// A link to "#guide-…" opens the dialog at that page, scrolled to the section it names, without changing the
// address: the stylesheet shows the form's screen from the #fragment, and one outside the screens shows the start
// screen. Close or Escape shuts it, and the focus goes back to the link that opened it. The page's inactivity
// warning must not sit behind a modal dialog, so the dialog closes when it appears. Works before Python starts.
(() => {
  "use strict";
  const dialog = document.getElementById("cre-guide");
  const pages = dialog.querySelectorAll("[data-guide-page]");
  let opener = null;

  // Show the page holding the element `id` names, at that element (the page's heading for a whole page).
  function show(id) {
    const target = document.getElementById(id);
    const page = target && dialog.contains(target) ? target.closest("[data-guide-page]") : null;
    if (!page) return false;
    for (const each of pages) each.hidden = each !== page;
    const heading = page.querySelector("h1");
    dialog.setAttribute("aria-labelledby", heading.id);
    if (!dialog.open) dialog.showModal();
    const focus = target === page ? heading : target;
    focus.tabIndex = -1; // focusable by script only: a screen reader goes on from here
    focus.focus({ preventScroll: true });
    focus.scrollIntoView({ block: "start" });
    return true;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#guide-"]');
    // A link opened in a new tab or window goes there (the page opens its dialog as it loads).
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!dialog.open) opener = link;
    if (show(link.getAttribute("href").slice(1))) event.preventDefault();
  }, true);

  dialog.querySelector("[data-guide-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });

  const warning = document.getElementById("cre-lock-warning");
  if (warning) {
    new MutationObserver(() => {
      if (warning.hidden || !dialog.open) return;
      opener = null;
      dialog.close();
      warning.querySelector("button").focus(); // where the page put it ("Stay unlocked"), refused while modal
    }).observe(warning, { attributes: true, attributeFilter: ["hidden"] });
  }
  // Opened at a guidance page (a link opened in a new tab): once loaded, when the browser has gone to the fragment
  // (which takes the focus from anything but the element it names).
  if (location.hash.startsWith("#guide-")) {
    addEventListener("load", () => setTimeout(() => show(decodeURIComponent(location.hash.slice(1)))));
  }
})();
