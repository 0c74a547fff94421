// Writes SITE/sw.js with Workbox's generateSW: a service worker that precaches every file of the built site a page loads.
//
//   node generate-sw.mjs SITE [SEALED [UNUSED]] (cre_build.service_worker runs it; prints one JSON line: count, size,
//   warnings). UNUSED: a JSON list of paths in SITE that the site never loads, left out.
//
// Build-time only, never shipped. Every file in SITE goes into the precache manifest with a hash of its content as
// its revision, so a new build replaces exactly the files that changed; files whose address matches SEALED (a regular
// expression: folders named by a hash of their content) get none, so the precache fetches them through the HTTP
// cache, which already holds what the first visit's page loaded. The Workbox runtime is inlined into sw.js
// (nothing is fetched from another host, there is no second file to deploy). The new worker never takes over by
// itself: it waits until a page posts {type: "SKIP_WAITING"} (app/register-sw.js does when the practitioner chooses
// "Update now"), so a half-filled form never runs on a mix of old and new files. Each entry carries the file's
// SHA-384 as its integrity, which the browser checks when the worker fetches it.
import { generateSW } from "workbox-build";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

const MiB = 1024 * 1024;
const [site, sealed, unused] = process.argv.slice(2);
if (!site) {
  console.error("usage: node generate-sw.mjs SITE");
  process.exit(2);
}

const { count, size, warnings } = await generateSW({
  globDirectory: site,
  globPatterns: ["**/*"],
  // offline/: the form in one file for a file share (cre_build.single_file); the served site is offline already.
  globIgnores: ["sw.js", "offline/**", ...(unused ? JSON.parse(unused) : [])],
  swDest: path.join(site, "sw.js"),
  // The default, 2 MiB, would silently leave out pyodide.asm.wasm (9.6 MB) and the form could not start offline.
  maximumFileSizeToCacheInBytes: 32 * MiB,
  // Search results link to pages with ?h=<words> (Material's highlighting): the same cached page.
  ignoreURLParametersMatching: [/^h$/, /^utm_/, /^fbclid$/],
  directoryIndex: "index.html",
  ...(sealed ? { dontCacheBustURLsMatching: new RegExp(sealed) } : {}),
  cleanupOutdatedCaches: true,
  skipWaiting: false,
  clientsClaim: false,
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  disableDevLogs: true,
  // Subresource integrity for every precached file: a file changed on the server (or on its way) after the build
  // is refused by the browser instead of being kept for offline use.
  manifestTransforms: [async (entries) => ({
    manifest: entries.map((entry) => ({
      ...entry,
      integrity: "sha384-" + createHash("sha384").update(readFileSync(path.join(site, entry.url))).digest("base64"),
    })),
    warnings: [],
  })],
  // No runtimeCaching: the site asks no other host for anything, and nothing outside the manifest is cached.
});
console.log(JSON.stringify({ count, size, warnings }));
