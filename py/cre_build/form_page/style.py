"""The form page's stylesheet (app/form.css): kept as a real CSS file beside this module, read at build time."""

from pathlib import Path

SOURCE = Path(__file__).resolve().with_name("form.css")


def css():
    return SOURCE.read_text(encoding="utf-8")
