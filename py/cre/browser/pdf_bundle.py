"""The PDF's own bundle (app/bundle/HASH/pdf.zip: fpdf2, fontTools, the fonts, and the standard modules only they
import; cre_build.app splits it off): fetched once the rules are live, so that the first check never waits for
its bytes, and unpacked into the bundle's folder on the first PDF. It sits beside bundle.zip, which PyScript's
config names. Offline, the service worker answers the fetch; in the form in one file, the file's own copy does.
"""

import asyncio
import io
import os
import sys
import zipfile

import js
from pyscript import config

NAME = "pdf.zip"
LIB = os.path.abspath("lib")  # where main.py put the bundle on sys.path
FAILED = ("The PDF could not be made: part of the form did not load. Check the connection and try again; your "
          "answers are kept.")
_state = {"fetch": None, "unpacked": False}


def address():
    """pdf.zip's address: beside the bundle the config unpacks into ./lib (boot.js made it absolute)."""
    bundle = next(url for url, target in config["files"].items() if target == "./lib/*")
    return bundle.rsplit("/", 1)[0] + "/" + NAME


async def _bytes():
    """The bundle's bytes, or None when they could not be had. Never raises: a task that fails before the first PDF
    awaits it would have its traceback shown as an error box (Pyodide's event loop reports it at once)."""
    try:
        response = await js.fetch(address())
        return (await response.arrayBuffer()).to_bytes() if response.ok else None
    except Exception:  # the network, the service worker or the file: the first PDF tells the practitioner
        return None


def fetch_soon():
    """Start fetching the bytes (once); the first PDF waits for them."""
    if _state["fetch"] is None:
        _state["fetch"] = asyncio.ensure_future(_bytes())
    return _state["fetch"]


async def ready():
    """Whether the PDF stack can be imported: fetched (again, if the first try failed) and unpacked."""
    if _state["unpacked"]:
        return True
    try:
        data = await fetch_soon()
        if data is None:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.extractall(LIB)
    except (OSError, zipfile.BadZipFile):  # a damaged copy, or no room to unpack: the practitioner is told
        return False
    finally:
        _state["fetch"] = None  # a failure fetches anew next time; after success the bytes are not needed
    finder = sys.path_importer_cache.get(LIB)
    if finder is not None:
        finder.invalidate_caches()  # it listed the folder before these files were in it
    _state["unpacked"] = True
    return True
