"""The form page's Python entry: PyScript runs it once Pyodide is ready (app/boot.js starts PyScript).

PyScript has unpacked bundle.zip (the `cre` package and its pure-Python dependencies) into ./lib. This puts that
folder on sys.path, silences the one warning we expect, and hands over to cre.browser, the only module that touches
the page. Anything written to stderr shows as a red error box, so real errors stay visible.
"""

import os
import sys
import warnings

# PyScript's own module, there once Python runs in the page
from pyscript import document

sys.path.insert(0, os.path.abspath("lib"))
# fpdf2 without Pillow cannot add raster images, which our PDF never uses; PyScript would show the warning as an error.
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)

try:
    import cre.browser
except ModuleNotFoundError as error:
    if error.name != "cre.browser":
        raise
    # A build without the page adapter: prove the rules run here, then say Python is ready.
    import cre.assessment
    import cre.records

    cre.assessment.assess(cre.records.new_record("dd-cre-2022"))
    page = None
else:
    page = cre.browser.start()  # keep a reference: the page's event handlers belong to it

if not document.documentElement.getAttribute("data-python"):
    document.documentElement.dataset.python = "ready"
