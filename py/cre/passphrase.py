"""Whether a passphrase someone chooses is strong enough to guard drafts on a shared computer, and what to tell them
when it is not (GOV.UK error-message style). Only choosing is checked, wherever a passphrase is chosen: unlocking
takes whatever was set.

Anyone who copies the browser's files can try passphrases on their own computer, as fast as PBKDF2 allows (about a
tenth of a second a try on each processor core). Such a search starts with short ones, one character or a pattern
repeated, runs of letters, digits or keys, and common passwords, also with digits or symbols added at either end or
letters written as digits ("p4ssw0rd"): these are refused. The common passwords are cre/data/common-passwords.json,
written at build time from a published list (cre_build.common_passwords) in this module's `normal_form`.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .definitions import load

MIN_LENGTH = 12
LIST_FILE = "common-passwords.json"
FEWEST_DIFFERENT = 5  # fewer different characters than this is one character or a pattern repeated
# Runs a search tries early: the alphabet, digits and keyboard rows, either way round (they wrap: "7890123").
RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm")
LOOK_ALIKE = str.maketrans("0134578@$!", "oieastbasi")  # letters written as digits or symbols

MESSAGES = {
    "empty": "Enter a passphrase",
    "characters": "Passphrase must only include letters, numbers, spaces and punctuation",
    "short": f"Passphrase must be {MIN_LENGTH} characters or more",
    "repeated": "Choose a passphrase that is not one character or a pattern repeated",
    "run": "Choose a passphrase that is not letters, numbers or keyboard keys in order",
    "common": "Choose a passphrase that is not a common password",
    "again_empty": "Enter the passphrase again",
    "different": "Enter the same passphrase in both boxes",
}


class Problem(NamedTuple):
    field: str  # "passphrase" (the first box) or "again" (the box where it is typed again)
    code: str
    message: str


def _problem(field, code):
    return Problem(field, code, MESSAGES[code])


def squashed(passphrase):
    """The passphrase as a search would try it: one form of each character, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", passphrase).casefold().split())


def normal_form(text):
    """What a passphrase (or a listed password) comes down to: squashed, without the digits and symbols at either
    end, letters written as digits or symbols read as letters. "" when it has no letters."""
    core = re.search(r"[^\W\d_](?:.*[^\W\d_])?", squashed(text))
    return core.group(0).translate(LOOK_ALIKE) if core else ""


@lru_cache(maxsize=1)
def common_passwords():
    return frozenset(load(LIST_FILE)["passwords"])


def _repeated(text):
    return len(set(text)) < FEWEST_DIFFERENT or re.fullmatch(r"(.+?)\1+", text, flags=re.DOTALL) is not None


def _run(text):
    for run in RUNS:
        for order in (run, run[::-1]):
            if text in order * (len(text) // len(order) + 2):
                return True
    return False


def check(passphrase, again=None):
    """The first problem with choosing `passphrase`, typed again as `again` (None where there is no second box), or
    None when it may be used."""
    if not passphrase:
        return _problem("passphrase", "empty")
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in passphrase):
        return _problem("passphrase", "characters")
    if len(" ".join(passphrase.split())) < MIN_LENGTH:
        return _problem("passphrase", "short")
    text = squashed(passphrase)
    if _repeated(text):
        return _problem("passphrase", "repeated")
    if _run(text):
        return _problem("passphrase", "run")
    if normal_form(passphrase) in common_passwords():
        return _problem("passphrase", "common")
    if again is not None and not again:
        return _problem("again", "again_empty")
    if again is not None and again != passphrase:
        return _problem("again", "different")
    return None
