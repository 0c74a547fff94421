"""Which characters the PDF's fonts cannot draw, and the plain sentence that says so.

    undrawable(text) -> str           the characters of `text` DejaVu Sans (regular and bold) cannot draw, in order
    record_undrawable(record) -> (bool, bool)   (any answer has such characters, the child's name has)
    notice(record) -> str             the sentence for the PDF and the page, or "" when everything can be drawn

Read from the fonts' own character maps (fontTools; the same in CPython and Pyodide), loaded once. Control and
format characters (tabs, zero-width joiners, direction marks) are not counted: the PDF drops them silently, they
are not part of what a person reads.
"""

import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONTS = Path(__file__).parent / "data" / "fonts"
NAME_ITEM = "child_name"
SILENT = ("Cc", "Cf")  # dropped from the PDF without a word: controls, invisible format characters
NOTICE = ("Some characters in this record cannot be shown in this PDF{where}. "
          "The record file (JSON) holds them exactly as typed.")
IN_NAME = " (for example in the child's name)"
GAP = "[…]"  # printed in place of each run of characters the fonts cannot draw
NAME_NOTE = "Some characters of the name cannot be shown in this PDF; the record file (JSON) holds it exactly as typed."


@lru_cache(maxsize=1)
def drawable():
    """The characters both fonts can draw (a frozenset of str), read once from their cmap tables."""
    from fontTools.ttLib import TTFont  # loads only when a PDF is made or checked

    maps = []
    for name in FONT_FILES:
        with TTFont(FONTS / name, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(chr(code) for code in set.intersection(*maps))


def is_silent(char):
    return char in "\n\r\t" or unicodedata.category(char) in SILENT


def undrawable(text):
    """The characters of `text` the fonts cannot draw (not counting silent ones), each once, in order of first use."""
    glyphs = drawable()
    return "".join(dict.fromkeys(char for char in str(text) if char not in glyphs and not is_silent(char)))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for part in value.values():
            yield from _strings(part)
    elif isinstance(value, (list, tuple)):
        for part in value:
            yield from _strings(part)


def record_undrawable(record):
    """(any answer or carried-over answer holds a character the PDF cannot draw, the child's name does)."""
    answers = record.get("answers") or {}
    name = any(undrawable(text) for text in _strings(answers.get(NAME_ITEM) if isinstance(answers, dict) else None))
    anywhere = name or any(undrawable(text) for text in _strings([answers, record.get("conversion")]))
    return anywhere, name


def notice(record):
    """The plain sentence for the PDF and the page when the record holds characters the PDF cannot draw, else ""."""
    anywhere, name = record_undrawable(record)
    return NOTICE.format(where=IN_NAME if name else "") if anywhere else ""
