"""Zero egress and no Content Security Policy violations, watched in every browser test.

`Watch(context, allowed)` is set up on a new browser context before its first page opens:
- a script run first in every document and frame counts `securitypolicyviolation` events (window.__cspViolations)
  and reports each through a binding, so the count covers every page the test opened, not just the last;
- every request of the context (pages, frames, workers, the service worker) and every WebSocket is recorded;
- every console message is kept (`console`), so a test can look for text that must never be logged.
`route(route)` is the context's request guard: anything outside `allowed` is recorded and refused.
`problems()` lists what broke the promise that nothing leaves the device: a request outside `allowed`, a refused
request, a WebSocket, a CSP violation (unless the test expected that directive), a CSP refusal in the console.
"""

CSP_LISTENER = """(() => {
  const seen = [];
  window.__cspViolations = seen;
  addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      directive: String(event.effectiveDirective || event.violatedDirective || ""),
      blocked: String(event.blockedURI || ""),
      source: `${event.sourceFile || ""}:${event.lineNumber || 0}`,
      sample: String(event.sample || ""),
      page: String(event.documentURI || location.href),
    };
    seen.push(violation);
    const report = window.__creCspViolation;
    if (typeof report === "function") report(violation).catch(() => {});
  }, true);
})();"""
COUNT = "() => (window.__cspViolations || []).length"
CSP_CONSOLE = "Content Security Policy"


class Watch:
    """What one browser context asked for and what its pages' CSP refused."""

    def __init__(self, context, allowed):
        self.allowed = tuple(allowed)  # URL prefixes: the test server's address, file://, data:, blob:
        self.requests, self.refused, self.sockets, self.violations, self.console = [], [], [], [], []
        self.expected = set()  # CSP directives a test provokes on purpose (see expect_csp)
        context.expose_binding("__creCspViolation", lambda _source, violation: self.violations.append(violation))
        context.add_init_script(CSP_LISTENER)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        context.on("page", self._watch_page)

    def _watch_page(self, page):
        page.on("websocket", lambda socket: self.sockets.append(socket.url))

    def route(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort("blockedbyclient")

    def expect_csp(self, directive):
        """The test provokes this CSP directive on purpose (and should check that it did: `provoked`)."""
        self.expected.add(directive)

    def provoked(self, directive):
        return [v for v in self.violations if v["directive"] == directive] + \
            [line for line in self.console if CSP_CONSOLE in line and directive in line]

    def settle(self, page):
        """Let reports still on their way arrive: ask each frame still open for its count (a round trip)."""
        for frame in page.frames:
            try:
                frame.evaluate(COUNT)
            except Exception:  # noqa: BLE001 - a frame that is gone or navigating has nothing more to say
                pass

    def problems(self):
        found = [f"asked for a URL outside the site: {url}" for url in self.requests
                 if not url.startswith(self.allowed)]
        found += [f"refused by the test's guard: {url}" for url in self.refused]
        found += [f"opened a WebSocket: {url}" for url in self.sockets]
        found += [f"CSP violation: {v['directive']} blocked {v['blocked'] or '(inline)'} at {v['source']} "
                  f"on {v['page']} {v['sample']!r}" for v in self.violations if v["directive"] not in self.expected]
        found += [f"CSP refusal in the console: {line}" for line in self.console
                  if CSP_CONSOLE in line and not any(directive in line for directive in self.expected)]
        return list(dict.fromkeys(found))  # one line per distinct problem, in the order they happened
