"""The build's offline stage: the built site becomes an installable app that works with the network gone.

    python -m cre_build.service_worker SITE_DIR

cre_build.app runs it last, after the runtime is in place; run it alone to regenerate sw.js after changing a file.
It writes into SITE_DIR:

- app/register-sw.js, app/sw.css   from app_assets/: registration, and the "new version available" banner;
- app/icons/icon-192.png, icon-512.png   drawn here (standard library only; byte-identical on every build);
- manifest.webmanifest   the web app manifest, all addresses relative, so the site installs under any sub-path;
- in every page's <head>: the manifest link, the banner's stylesheet and the registration script (tags marked
  data-cre-pwa, replaced on every run, so the step is idempotent and no page template needs to know about it);
- sw.js   last, when every other file is final: Workbox's generateSW (app_assets/generate-sw.mjs, under Node)
  precaching every file in the site but the libraries of PyScript's editor and terminal (unused_chunks), each
  with a hash of its content as its revision, except files in a sealed folder (see seal()): their address changes
  with their content, so the precache may take them from the browser's HTTP cache, where the first visit's page
  has just put them, instead of downloading them again.

Nothing else is left out of the precache: a file Workbox skips (too big, say) fails the stage instead of leaving a site
that quietly does not work offline.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from cre_build import single_file

ASSETS = Path(__file__).resolve().parent / "app_assets"
GENERATOR = ASSETS / "generate-sw.mjs"
SCRIPTS = ("register-sw.js", "sw.css")  # copied from app_assets/ into SITE/app/
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
SEALED = r"(^|/)[0-9a-f]{16}/"  # a folder named by the hash of its content (seal()): for Workbox, in JavaScript syntax
ICON_SIZES = (192, 512)
NAVY, WHITE = (0x1D, 0x2D, 0x5C), (0xFF, 0xFF, 0xFF)
THEME_COLOUR = "#1d2d5c"
MARK = "data-cre-pwa"  # on every tag this stage puts in a page
# What add_to_pages inserts: each tag on a line of its own, the block ending on a line break just before </head>.
OURS = re.compile(rf"(?:\n<(?:link|meta|script)\b[^>]*\s{MARK}\b[^>]*>(?:</script>)?)+\n(?=</head\s*>)", re.IGNORECASE)
HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
# A 5×7 "CRE", white on navy, inside the middle 60% of the square (the safe zone of a maskable icon).
GLYPHS = {
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
}


class BuildError(Exception):
    """Something the stage needs is missing or went wrong; the message says what."""


def manifest() -> dict:
    icons = [{"src": f"app/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
             for purpose in ("any", "maskable") for size in ICON_SIZES]
    return {
        "name": "CRE Risk Assessment",
        "short_name": "CRE",
        "description": "Derby and Derbyshire Child at Risk of Exploitation (CRE) Risk Assessment: guidance and form, "
                       "working offline",
        "lang": "en-GB",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": icons,
    }


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (none) on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def icon(size: int, text: str = "CRE") -> bytes:
    """A navy square with the letters in white, as PNG bytes."""
    glyphs = [GLYPHS[letter] for letter in text]
    columns = 6 * len(glyphs) - 1  # 5 per letter, 1 between letters
    cell = size * 0.6 / columns
    left, top = (size - cell * columns) / 2, (size - cell * 7) / 2
    rows = []
    for y in range(size):
        row = bytearray()
        gy = int((y + 0.5 - top) // cell)
        for x in range(size):
            gx = int((x + 0.5 - left) // cell)
            letter, column = divmod(gx, 6)
            lit = (0 <= gy < 7 and 0 <= gx < columns and column < 5 and glyphs[letter][gy][column] == "#")
            row += bytes(WHITE if lit else NAVY)
        rows.append(bytes(row))
    return _png(size, size, rows)


# The form in one file (cre_build.single_file): never precached (generate-sw.mjs ignores it; the served site is
# offline already, nobody should download it twice) and without the worker's tags.
OFFLINE = single_file.FOLDER


def add_to_pages(site: Path) -> list[Path]:
    """Put the manifest link, the banner's stylesheet and the registration script in every page's <head> (replacing
    any this stage put there before). Returns the pages changed."""
    changed = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == OFFLINE:
            continue  # the single file has no worker: a file cannot register one
        up = "../" * (len(page.relative_to(site).parts) - 1)
        tags = (f'<link rel="manifest" href="{up}{MANIFEST}" {MARK}>',
                f'<meta name="theme-color" content="{THEME_COLOUR}" {MARK}>',
                f'<link rel="stylesheet" href="{up}app/sw.css" {MARK}>',
                f'<script src="{up}app/register-sw.js" defer {MARK}></script>')
        old = page.read_text(encoding="utf-8")
        text = OURS.sub("", old)
        end = HEAD_END.search(text)
        if end is None:
            raise BuildError(f"{page} has no </head>: cannot add the offline tags")
        text = text[:end.start()] + "".join(f"\n{tag}" for tag in tags) + "\n" + text[end.start():]
        if text != old:
            page.write_text(text, encoding="utf-8")
            changed.append(page)
    return changed


def write_assets(site: Path) -> None:
    app = site / "app"
    (app / "icons").mkdir(parents=True, exist_ok=True)
    for name in SCRIPTS:
        shutil.copyfile(ASSETS / name, app / name)
    for size in ICON_SIZES:
        (app / "icons" / f"icon-{size}.png").write_bytes(icon(size))
    (site / MANIFEST).write_text(json.dumps(manifest(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def seal(folder: Path) -> str:
    """Move the files in `folder` into a subfolder named by 16 hex digits of the hash of their names and contents;
    returns that name. The same files always get the same name, and different files a different one."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(folder).as_posix().encode()
        digest.update(len(name).to_bytes(4, "big") + name + hashlib.sha256(path.read_bytes()).digest())
    sealed = digest.hexdigest()[:16]
    for path in files:
        target = folder / sealed / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    return sealed


def unused_chunks(site: Path) -> list[str]:
    """PyScript's files that the form never loads (its editor's and terminal's: CodeMirror, xterm), as the single
    file leaves them out (single_file.UNUSED_CHUNKS): not precached, so a first visit does not download them."""
    return sorted(p.relative_to(site).as_posix() for p in (site / "app" / "pyscript").glob("*")
                  if p.is_file() and single_file.UNUSED_CHUNKS.search(p.name))


def generate_worker(site: Path) -> dict:
    """Run Workbox under Node: SITE/sw.js precaching every other file. Returns {count, size, warnings}."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is not on PATH: it runs Workbox (workbox-build from npm) to write sw.js")
    (site / WORKER).unlink(missing_ok=True)
    unused = unused_chunks(site)
    result = subprocess.run([node, str(GENERATOR), str(site), SEALED, json.dumps(unused)], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        hint = " (run `npm ci`)" if "ERR_MODULE_NOT_FOUND" in result.stderr else ""
        raise BuildError(f"Workbox failed{hint}:\n{result.stderr.strip()}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["warnings"]:
        raise BuildError("Workbox left files out of the precache:\n" + "\n".join(report["warnings"]))
    files = [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in {WORKER, *unused}
             and p.relative_to(site).parts[0] != OFFLINE]
    if report["count"] != len(files):
        raise BuildError(f"sw.js precaches {report['count']} files but the site has {len(files)}")
    return report


def build(site: Path) -> dict:
    """The whole stage on a built site (MkDocs output plus the app stage). Returns Workbox's {count, size}."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise BuildError(f"{site / 'index.html'} is missing: build the site first")
    write_assets(site)
    add_to_pages(site)
    return generate_worker(site)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m cre_build.service_worker SITE_DIR", file=sys.stderr)
        return 2
    try:
        report = build(Path(args[0]))
    except BuildError as error:
        print(f"service_worker: {error}", file=sys.stderr)
        return 1
    print(f"service_worker: wrote {Path(args[0]) / WORKER} precaching {report['count']} files "
          f"({report['size'] / 1_000_000:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
