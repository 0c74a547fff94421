// The single file's loader shim (cre_build.single_file puts it inline right after the page's policy, before any
// other script): the form's app files travel inside the page as gzipped base64 in
// <script type="application/x-embedded" data-name="app/…">, named by their path next to form.html. Opened from a
// file, a page may not fetch() local files nor import modules from them (origin null), so this answers both from
// the embedded copies:
// - fetch(url) for an embedded name resolves with its bytes (wasm as application/wasm); anything else goes to the
//   browser's own fetch, which refuses it there;
// - creEmbedded.load(url) imports a module once every embedded module is a blob: URL in an import map added to
//   the page (with this script's nonce), keyed by the address the file would have had; relative imports
//   between the chunks ("./x.js") are made absolute first, since a blob: module has no folder to resolve them in.
// - creEmbedded.script(url) runs an embedded classic script (memory-idb.js) from a blob: URL.
// It defines window.creEmbedded (boot.js then starts PyScript through it instead of refusing file://).
(() => {
  "use strict";
  const nonce = document.currentScript.nonce;
  const MODULE = /\.m?js$/;
  const TYPES = { wasm: "application/wasm", json: "application/json", zip: "application/zip", mjs: "text/javascript",
    js: "text/javascript", py: "text/x-python" };
  const nativeFetch = window.fetch.bind(window);
  const cache = new Map(); // absolute URL -> promise of the bytes

  const address = (name) => new URL(name, document.baseURI).href;
  const bare = (url) => url.split(/[?#]/)[0];

  function element(url) {
    for (const item of document.querySelectorAll('script[type="application/x-embedded"]')) {
      if (address(item.dataset.name) === url) return item;
    }
    return null;
  }

  function decode(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text.trim());
    const raw = atob(text.trim());
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function bytes(url) {
    if (!cache.has(url)) {
      const item = element(url);
      if (!item) return null;
      const stream = new Blob([decode(item.textContent)]).stream().pipeThrough(new DecompressionStream("gzip"));
      cache.set(url, new Response(stream).arrayBuffer());
    }
    return cache.get(url);
  }

  window.fetch = async (input, init) => {
    const url = bare(address(input instanceof Request ? input.url : String(input)));
    const found = bytes(url);
    if (!found) return nativeFetch(input, init);
    const type = TYPES[url.split(".").pop()] || "application/octet-stream";
    return new Response(await found, { status: 200, headers: { "Content-Type": type } });
  };

  let mapped = null;
  function importMap() {
    if (!mapped) {
      mapped = (async () => {
        const urls = [...document.querySelectorAll('script[type="application/x-embedded"]')]
          .map((item) => address(item.dataset.name)).filter((url) => MODULE.test(url));
        const imports = {};
        await Promise.all(urls.map(async (url) => {
          const folder = url.slice(0, url.lastIndexOf("/") + 1);
          const text = new TextDecoder().decode(await bytes(url))
            .replace(/(["'`])\.\/([\w.-]+\.m?js)\1/g, (whole, quote, name) =>
              urls.includes(folder + name) ? quote + folder + name + quote : whole);
          imports[url] = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
        }));
        const map = document.createElement("script");
        map.type = "importmap";
        map.nonce = nonce;
        map.textContent = JSON.stringify({ imports });
        document.head.append(map);
      })();
    }
    return mapped;
  }

  // A classic script (memory-idb.js): run from a blob: URL, as a <script> the page's policy allows.
  async function script(url) {
    const found = bytes(url);
    if (!found) throw new Error(`${url} is not in this file`);
    const element = document.createElement("script");
    element.src = URL.createObjectURL(new Blob([await found], { type: "text/javascript" }));
    const loaded = new Promise((resolve, reject) => {
      element.addEventListener("load", resolve);
      element.addEventListener("error", () => reject(new Error(`${url} did not run`)));
    });
    document.head.append(element);
    return loaded;
  }

  window.creEmbedded = Object.freeze({
    load: async (url) => { await importMap(); return import(url); },
    script,
  });
})();
