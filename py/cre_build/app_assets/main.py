"""The form page's Python entry: PyScript runs it once Pyodide is ready (app/boot.js starts PyScript).

PyScript has unpacked bundle.zip (the `cre` package and its pure-Python dependencies) into ./lib. This puts that
folder on sys.path, silences the one warning we expect, and hands over to cre.browser, the only module that touches
the page; once the rules are live, it starts fetching the PDF's own bundle (cre.browser.pdf_bundle). Anything
written to stderr shows as a red error box, so real errors stay visible.
"""

import os
import sys
import warnings

sys.path.insert(0, os.path.abspath("lib"))  # cre.browser.pdf_bundle unpacks into it too
# fpdf2 without Pillow cannot add raster images, which our PDF never uses; PyScript would show the warning as an error.
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)

import js  # noqa: E402

import cre.browser  # noqa: E402 - after sys.path and the warning filter
from cre.browser import pdf_bundle  # noqa: E402

js.performance.mark("cre:imported")  # for the benchmark's start-up steps (tests/bench): imports, then the page
page = cre.browser.start()  # keep a reference: the page's event handlers belong to it
pdf_bundle.fetch_soon()  # the rules are live: now the PDF's own bundle
