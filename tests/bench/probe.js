// The benchmark's probe: Playwright adds it to every page before the page's own scripts run (an init script, so
// the page's CSP does not apply). It only records times (performance.now(), from the start of navigation) in
// window.__bench; it changes nothing the page does.
//
//   firstInput   when the first input event reached the page (the first key typed was accepted)
//   live         when the page marked Python ready (<html data-python="ready">), its first check shown
//   status       [time, text] each time #cre-status changes (Python writes "Checked at …" after each check)
//   clicks       [time, element id] of every click, seen before the page's own handlers
//   events       [time, name] of PyScript's start-up events (py:progress with its step, py:ready, py:done)
//   timers       while `tagging` is true, each setTimeout registered: its delay, when its callback started and
//                ended, and when the page was laid out again after it (the page's check runs in such a timer)
//   longTasks    [start, duration] of every main-thread task over 50 ms (Long Tasks API)
//   shifts       [time, value] of every layout shift not caused by input (for the cumulative layout shift)
//   paint        when the first contentful paint happened
(() => {
  "use strict";
  const bench = (window.__bench = {
    firstInput: null, live: null, status: [], clicks: [], events: [], timers: [], tagging: false,
    longTasks: [], shifts: [], paint: null,
  });
  const observe = (type, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
    } catch {
      // a browser without this entry type: the figure stays empty
    }
  };
  observe("longtask", (entry) => bench.longTasks.push([entry.startTime, entry.duration]));
  observe("layout-shift", (entry) => entry.hadRecentInput || bench.shifts.push([entry.startTime, entry.value]));
  observe("paint", (entry) => {
    if (entry.name === "first-contentful-paint") bench.paint = entry.startTime;
  });
  addEventListener("input", () => {
    if (bench.firstInput === null) bench.firstInput = performance.now();
  }, true);
  addEventListener("click", (event) => bench.clicks.push([performance.now(), event.target.id || ""]), true);
  addEventListener("py:progress", ({ detail }) => bench.events.push([performance.now(), String(detail)]));
  for (const name of ["py:ready", "py:done"]) addEventListener(name, () => bench.events.push([performance.now(), name]));

  const nativeSetTimeout = window.setTimeout;
  bench.sleep = (ms) => new Promise((resolve) => nativeSetTimeout.call(window, resolve, ms));
  window.setTimeout = function setTimeout(callback, delay, ...rest) {
    if (!bench.tagging || typeof callback !== "function") return nativeSetTimeout.call(window, callback, delay, ...rest);
    const timer = { delay, start: null, end: null, laidOut: null };
    bench.timers.push(timer);
    return nativeSetTimeout.call(window, (...args) => {
      timer.start = performance.now();
      try {
        return callback(...args);
      } finally {
        timer.end = performance.now();
        void document.body.offsetHeight; // the style and layout the next frame would do anyway, done and timed now
        timer.laidOut = performance.now();
      }
    }, delay, ...rest);
  };

  // When Python's rules went live: the page marks <html data-python="ready"> once its first check is shown.
  // (The document is watched, not <html>: this runs before the parser has made it.)
  new MutationObserver(() => {
    if (bench.live === null && document.documentElement?.dataset.python === "ready") bench.live = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-python"] });

  document.addEventListener("DOMContentLoaded", () => {
    const status = document.getElementById("cre-status");
    if (!status) return;
    new MutationObserver(() => bench.status.push([performance.now(), status.textContent]))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
})();
