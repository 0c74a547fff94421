"""Records the CPython tests share, built from the case bases so there is one complete record, not several."""

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
