"""MkDocs hooks: add the pages and files generated from the compiled forms (cre_build.site_pages) to the build,
give the form pages (static HTML) their place in the site search and the sitemap (site_pages.way_in), and serve
the theme's third-party scripts from the site itself, from pinned npm packages.

Material loads Mermaid, a ResizeObserver polyfill and (with the offline plugin) the iframe-worker shim from a CDN.
Each is shipped here under assets/vendor/ instead, and the theme's bundle is pointed at those copies, so no page
ever asks another host for anything (the privacy plugin stays on for anything else that might appear).

Every guidance page gets its Content Security Policy (cre_build.csp.GUIDANCE_PAGE) at the top of its
<head>, with the hashes of the theme's inline scripts in that page and of the inline bootstrap that the
iframe-worker shim writes into its hidden frame for the search from file:// (that frame takes the page's policy).
Kept thin on purpose: page content is plain Python in cre_build.site_pages.
"""

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from cre_build import csp
from cre_build.site_pages import generated_files, way_in

ROOT = Path(__file__).resolve().parents[2]
VENDOR = {  # site path -> pinned npm file (package-lock.json)
    "assets/vendor/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js",
    "assets/vendor/mermaid.min.js": "node_modules/mermaid/dist/mermaid.min.js",
    "assets/vendor/resize-observer.js": "node_modules/resize-observer-polyfill/dist/ResizeObserver.js",
}
BUNDLE_URLS = {  # the addresses in Material's bundle -> the local copies
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid.min.js",
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer.js",
}


def on_config(config):
    # The offline plugin (configured earlier) has added the CDN's iframe-worker shim: use the local copy instead.
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = [*polyfills, "assets/vendor/iframe-worker-shim.js"]
    return config


def on_files(files, config):
    for path, content in generated_files(config.extra.get("cre") or {}).items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    for path, source in VENDOR.items():
        if not (ROOT / source).is_file():
            raise PluginError(f"{source} is missing: run `npm ci` (make setup) before building the site")
        files.append(File.generated(config, path, abs_src_path=str(ROOT / source)))
    return files


def on_nav(nav, config, files):
    """The search plugin indexes only MkDocs pages: add the form pages' entries to its index before it is written
    (the offline plugin then copies the same index into search_index.js for file://)."""
    search = config.plugins.get("material/search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        raise PluginError(f"Material's search plugin no longer keeps search_index.entries: update {__file__}")
    entries.extend(way_in.search_entries())
    return nav


@event_priority(-100)  # last: after the privacy plugin has rewritten the page
def on_post_page(output, page, config):
    """The page's Content Security Policy, at the top of its <head>, before any script or stylesheet (a <meta>
    policy covers only what follows it)."""
    scripts = csp.inline_scripts(output)
    texts = [text for attrs, text in scripts if csp.runs(attrs)]
    search = next((json.loads(text).get("search") for attrs, text in scripts if attrs.get("id") == "__config"), None)
    if search:
        texts.append(shim_bootstrap(search))
    extra = csp.script_hashes(texts)
    if re.search(r'<(?:pre|div) class="mermaid"', output):
        extra.update(csp.DIAGRAM_STYLES)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp.policy(csp.GUIDANCE_PAGE, extra)}">'
    # Straight after the <meta charset> that opens the theme's <head> (which must stay in the first 1024 bytes).
    head = re.search(r"<head\b[^>]*>\s*(?:<meta charset=[^>]*>)?", output)
    if head is None:
        raise PluginError(f"{page.file.src_uri} has no <head>: cannot add its Content Security Policy")
    return output[:head.end()] + "\n    " + meta + output[head.end():]


def shim_bootstrap(worker_url):
    """The inline script the iframe-worker shim writes into its hidden frame to run the search worker `worker_url`
    (the page's __config "search" address), character for character: the shim's template with its two helper
    functions' source (what a function's toString gives) and the worker's address put in."""
    shim = (ROOT / VENDOR["assets/vendor/iframe-worker-shim.js"]).read_text(encoding="utf-8")
    found = re.search(r"<script>(postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\};.*?)<\\/script>", shim)
    if found is None:
        raise PluginError(f"the iframe-worker shim no longer writes the bootstrap {__file__} expects: update it")
    text = found.group(1)
    for name in found.group(2, 3):
        text = text.replace("${" + name + "}", _function_source(shim, name))
    names = set(re.findall(r"\$\{(\w+)\}", text))
    if len(names) != 1:
        raise PluginError(f"the iframe-worker shim's bootstrap has {sorted(names)}, not one address: update {__file__}")
    return text.replace("${" + names.pop() + "}", worker_url)


def _function_source(source, name):
    """`function name(...){...}` as written in `source` (braces matched; the shim has none inside strings)."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise PluginError(f"the iframe-worker shim has no function {name}: update {__file__}")
    depth, end = 0, source.index("{", start)
    for end in range(end, len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return source[start:end + 1]
    raise PluginError(f"the iframe-worker shim's function {name} never ends: update {__file__}")


def on_post_build(config):
    """Point the theme's bundle at the local copies; drop its source maps (they quote the old addresses) and the
    404 page; write the sitemap."""
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    for bundle in scripts.glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        for url, local in BUNDLE_URLS.items():
            if url not in text:
                raise PluginError(f"Material's bundle no longer loads {url}: update BUNDLE_URLS in {__file__}")
            text = text.replace(url, local)
        bundle.write_text(text, encoding="utf-8")
    for source_map in scripts.rglob("*.map"):
        source_map.unlink()
    # MkDocs' 404 page links to /assets/... from the server root, which is wrong under any sub-path; the web
    # server's own "not found" page serves better than a broken one.
    (Path(config.site_dir) / "404.html").unlink(missing_ok=True)
    # MkDocs lists pages in its sitemap only with a site_url, and never the form pages: list every page, relative
    # to wherever the site is hosted.
    way_in.write_sitemap(config.site_dir, base=config.site_url or "")
