"""Form definitions and shared data, read from the compiled JSON in cre/data (built from forms/ by the build).

The runtime never reads the YAML: `make compile` (python -m cre_build.compile) writes these files.
"""

import json
from functools import cached_property, lru_cache
from pathlib import Path

from .record_schema import section_items

DATA = Path(__file__).resolve().parent / "data"


class DataMissing(RuntimeError):
    """The compiled data is absent: the package was used before the build compiled forms/."""


class UnknownForm(LookupError):
    """A record names a form id or version this toolkit does not know."""


@lru_cache(maxsize=None)
def load(name):
    """One compiled data file, parsed once."""
    path = DATA / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataMissing(f"compiled form data {name} is missing: run `make compile` first") from None
    return json.loads(text)


class Item:
    """One item of a form, with the section (and subsection) it sits in."""

    __slots__ = ("raw", "id", "type", "section", "subsection")

    def __init__(self, raw, section, subsection):
        self.raw, self.id, self.type = raw, raw["id"], raw["type"]
        self.section, self.subsection = section, subsection

    @property
    def label(self):
        return self.raw.get("label") or self.raw.get("text") or self.id

    @property
    def error_name(self):
        """How error messages name the answer after "Enter" or "Select" (the build fills it in for every item)."""
        return self.raw.get("error_name") or self.label

    @property
    def error_subject(self):
        """How an error message starts with the answer ("Date of birth must be a real date")."""
        return self.raw.get("error_subject") or self.error_name

    @property
    def error_example(self):
        return self.raw.get("error_example")

    @property
    def tags(self):
        return self.raw.get("tags", ())

    @property
    def options(self):
        return self.raw.get("options", ())

    def option_label(self, value):
        for option in self.options:
            if option["value"] == value:
                return option["label"]
        return str(value)

    @property
    def answerable(self):
        return self.type != "note"

    def __repr__(self):
        return f"<Item {self.id} ({self.type})>"


class Form:
    """A compiled form definition: its sections and items in order, and its record schema."""

    def __init__(self, compiled):
        self.definition = compiled["definition"]
        self.record_schema = compiled["record_schema"]
        self.id, self.version = self.definition["id"], self.definition["version"]
        self.paper_version = self.version.split(".")[0]  # the partnership's version; after a dot, the toolkit's
        self.title = self.definition["title"]
        self.floor_words = self.definition["floor_words"]  # how its floor rule ends, as printed (cre_build.compile)
        self.items = {}
        for section in self.definition["sections"]:
            for item in section.get("items", []):
                self.items[item["id"]] = Item(item, section, None)
            for subsection in section.get("subsections", []):
                for item in subsection["items"]:
                    self.items[item["id"]] = Item(item, section, subsection)

    @property
    def sections(self):
        return self.definition["sections"]

    def item(self, item_id):
        return self.items.get(item_id)

    def tagged(self, tag):
        return [item for item in self.items.values() if tag in item.tags]

    def of_type(self, *types):
        return [item for item in self.items.values() if item.type in types]

    def section_items(self, section):
        return [self.items[raw["id"]] for raw in section_items(section)]

    def is_shown(self, item, answers):
        """Whether the item is asked, given the answers so far (its show_if condition)."""
        condition = item.raw.get("show_if")
        if not condition:
            return True
        value = answers.get(condition["item"])
        values = value if isinstance(value, list) else [value]
        return any(v in condition["in"] for v in values)

    def __repr__(self):
        return f"<Form {self.id} v{self.version}>"


def index():
    return load("index.json")["forms"]


def vocabulary(name):
    return load("index.json")["vocabulary"][name]


def floor_age():
    """The floor rule's age (forms/vocabulary.yaml): where indicators suggest risk, no child under it is Low."""
    return load("index.json")["floor_age"]


class FromData:
    """A value worked out from the compiled data when first used, not when cre is imported: importing reads no file,
    and data not yet compiled is reported (DataMissing) by the call that needs it. Reads like the tuple or dict."""

    def __init__(self, make):
        self._make = make

    @cached_property
    def value(self):
        return self._make()

    def __contains__(self, key):
        return key in self.value

    def __iter__(self):
        return iter(self.value)

    def __len__(self):
        return len(self.value)

    def __getitem__(self, key):
        return self.value[key]

    def get(self, key, default=None):
        return self.value.get(key, default)


def option_values(name):
    """The values of a vocabulary set, in order, as a tuple read when first used."""
    return FromData(lambda: tuple(option["value"] for option in vocabulary(name)))


LEVELS = option_values("levels")  # lowest first
# How high a level or rating is: None, "none" (routing's "no level yet") and a rating below Low (not identified) 0.
LEVEL_RANK = FromData(lambda: {None: 0, "none": 0, **dict.fromkeys(option_values("ratings"), 0),
                               **{level: rank for rank, level in enumerate(LEVELS, 1)}})


@lru_cache(maxsize=None)
def get_form(form_id, version=None):
    """The form with this id (and version; the newest when None). Raises UnknownForm."""
    entries = [e for e in index() if e["id"] == form_id and (version is None or e["version"] == version)]
    if not entries:
        known = ", ".join(f"{e['id']} v{e['version']}" for e in index())
        wanted = form_id if version is None else f"{form_id} version {version}"
        raise UnknownForm(f"unknown form {wanted!r} (this toolkit knows {known})")
    newest = max(entries, key=lambda e: version_key(e["version"]))
    return Form(load(newest["file"]))


def version_key(version):
    """"2.1" -> (2, 1): versions order by number, part by part."""
    return tuple(int(part) for part in version.split("."))


def all_forms(revised=False):
    """Each form at its newest version; with revised, every earlier definition too (forms/README.md)."""
    return [get_form(e["id"], e["version"]) for e in index() if revised or e["status"] != "revised"]


def risk_examples():
    return load("risk-examples.json")


def contacts():
    """Every contact by id, with the group it is in."""
    found = {}
    for group in load("contacts.json")["groups"]:
        for contact in group["contacts"]:
            found[contact["id"]] = {**contact, "group": group["id"]}
    return found


def links():
    return {link["id"]: link for link in load("contacts.json")["links"]}


def office_hours():
    return load("contacts.json")["office_hours"]


def routing_table():
    return load("routing.json")


def conversions():
    return load("conversions.json")["conversions"]


def bank_holidays():
    return load("bank-holidays.json")
