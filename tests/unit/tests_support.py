"""What the CPython tests share: records built from the case bases (one complete record, not several), and small
trees of files written for a test."""

import copy
import json
from pathlib import Path

from cre.records import new_record

BASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "bases.json").read_text(encoding="utf-8"))


def complete_record(base="complete-000"):
    """A complete record of the base's form, as a new dict each call."""
    record = new_record(BASES[base]["form"])
    record["answers"] = copy.deepcopy(BASES[base]["answers"])
    return record


def write_tree(root, files):
    """Write files under root, folders made as needed: a mapping of relative name to text, or names (left empty)."""
    for name, text in (files.items() if isinstance(files, dict) else dict.fromkeys(files, "").items()):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
