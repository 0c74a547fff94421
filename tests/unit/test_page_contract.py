"""The form page's contract (cre.page_contract) held against both of its sides: the build's HTML
(cre_build.form_page) renders every id, data attribute and class it names, the adapter (cre.browser) uses every
one, and neither side writes one of them out by hand. The checks are generated from the contract: a name added
there is checked here without another word.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cre import definitions, page_contract as contract, progress
from cre_build import form_page

PY = Path(__file__).resolve().parents[2] / "py"
ADAPTER = sorted((PY / "cre" / "browser").glob("*.py"))
BUILD = sorted((PY / "cre_build" / "form_page").glob("*.py"))
SCRIPTS = PY / "cre_build" / "app_assets"

GROUPS = {"IDS": contract.IDS, "MADE_IDS": contract.MADE_IDS, "DATA_ATTRIBUTES": contract.DATA_ATTRIBUTES,
          "CLASSES": contract.CLASSES, "BOOT_IDS": contract.BOOT_IDS, "VAULT_EVENTS": contract.VAULT_EVENTS}
PAGE_NAMES = (contract.CURRENT_PAGE, contract.EARLIER_PAGE)
PLACEHOLDERS = (contract.ROW, contract.NUMBER)
ID_PATTERNS = ("item_id", "error_id", "group_id", "title_id", "task_status_id", "task_hint_id", "rows_id",
               "row_template_id")
NAMES = {name: value for name, value in vars(contract).items() if name.isupper() and isinstance(value, str)}
ALL_IDS = {*contract.IDS, *contract.MADE_IDS, *contract.BOOT_IDS}
# What each side must use, by the contract's names: the ids the page's scripts find are the build's and theirs
# alone; the ids the adapter makes, and the events app/vault.js sends, are the adapter's alone.
BOTH = ("IDS", "DATA_ATTRIBUTES", "CLASSES")
SIDES = {"adapter": (ADAPTER, (*BOTH, "MADE_IDS", "VAULT_EVENTS"), ("page_for",)),
         "build": (BUILD, (*BOTH, "BOOT_IDS"), ("CURRENT_PAGE", "EARLIER_PAGE", "current_and_earlier"))}


class Rendered(HTMLParser):
    """The ids, classes and attribute names on a page (the row templates' markup included)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.classes, self.attributes, self.form = [], set(), set(), {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        self.attributes.update(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "form" and attrs.get("id") == contract.FORM:
            self.form = attrs


@pytest.fixture(scope="module")
def pages():
    return form_page.pages()


@pytest.fixture(scope="module", params=sorted(contract.form_pages().items()))
def shown(request, pages):
    """(the form a page shows, what its HTML holds, its text)."""
    form_id, name = request.param
    return definitions.get_form(form_id), Rendered(pages[name]), pages[name]


def test_every_name_of_the_contract_is_in_one_group():
    grouped = [value for values in GROUPS.values() for value in values]
    assert len(grouped) == len(set(grouped)), "a name is in two groups"
    assert set(NAMES.values()) == {*grouped, *PAGE_NAMES, *PLACEHOLDERS}
    assert all(value.startswith("cre-") for value in ALL_IDS | set(contract.CLASSES) | set(contract.VAULT_EVENTS))
    assert all(value.startswith("data-") for value in contract.DATA_ATTRIBUTES)


def test_each_form_has_its_page(pages):
    current, earlier = contract.current_and_earlier()
    assert contract.form_pages() == {current.id: contract.CURRENT_PAGE, earlier.id: contract.EARLIER_PAGE}
    assert contract.page_for("no-such-form") == contract.CURRENT_PAGE
    for form_id, name in contract.form_pages().items():
        form = Rendered(pages[name]).form
        assert form[contract.DATA_FORM_ID] == form_id, name
        assert form[contract.DATA_FORM_VERSION] == definitions.get_form(form_id).version


def test_the_build_renders_every_id_and_class_the_adapter_finds(shown):
    form, page, _ = shown
    ids = set(page.ids)
    assert len(page.ids) == len(ids)
    assert set(contract.IDS) - ids == set()
    assert set(contract.BOOT_IDS) - ids == set()
    assert set(contract.MADE_IDS) & ids == set()  # the adapter makes these: none may clash
    assert set(contract.CLASSES) - page.classes == set()
    wanted = {contract.title_id(screen) for screen in (*progress.screens(form), progress.SAVE)}
    for item in form.items.values():
        wanted.add(contract.item_id(item.id))
        if item.answerable:
            wanted.add(contract.error_id(item.id))
        if item.type == "table":
            wanted |= {contract.rows_id(item.id), contract.row_template_id(item.id)}
    for section in form.sections:
        wanted |= {contract.task_status_id(section["id"]), contract.task_hint_id(section["id"])}
    for box in (contract.NEW_PASSPHRASE, contract.CONFIRM_PASSPHRASE, contract.EXPORT_PASSPHRASE,
                contract.EXPORT_AGAIN):
        wanted |= {contract.group_id(box), contract.error_id(box)}
    assert wanted - ids == set()


def test_the_build_renders_every_data_attribute(pages):
    found = set().union(*(Rendered(pages[name]).attributes for name in contract.form_pages().values()))
    assert set(contract.DATA_ATTRIBUTES) - found == set()


def test_a_table_row_template_marks_the_row_and_its_number(shown):
    form, _, text = shown
    for item in form.of_type("table"):
        template = text[text.index(f'id="{contract.row_template_id(item.id)}"'):]
        template = template[:template.index("</template>")]
        assert contract.ROW in template and contract.NUMBER in template


# --- both sides use the contract, and write none of it by hand ---------------------------------------------------


def strings(tree):
    """Every string the code writes (f-strings' text parts too), with no docstring."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def used_names(tree):
    """The contract's names a module uses: `contract.NAME` through any alias of the module, or imported by name."""
    aliases, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "page_contract":
                    aliases.add(alias.asname or alias.name)
                elif (node.module or "").endswith("page_contract"):
                    used.add(alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            used.add(node.attr)
    return used


def parsed(paths):
    return {path.relative_to(PY).as_posix(): ast.parse(path.read_text(encoding="utf-8")) for path in paths}


def name_of(value):
    return next(name for name, known in NAMES.items() if known == value)


@pytest.mark.parametrize("side", sorted(SIDES))
def test_each_side_uses_every_name_it_shares(side):
    paths, groups, others = SIDES[side]
    used = set().union(*(used_names(tree) for tree in parsed(paths).values()))
    wanted = {name_of(value) for group in groups for value in GROUPS[group]} | set(ID_PATTERNS) | set(others)
    assert wanted - used == set(), f"{side} does not use these names of cre.page_contract"


def camel(attribute):
    """data-add-row -> addRow: the name of a data attribute in an element's dataset."""
    head, *rest = attribute.removeprefix("data-").split("-")
    return head + "".join(part.title() for part in rest)


WRITTEN_OUT = [
    # an id, an event or a page, as a whole string (not as a class, which may share its name); an id in a selector
    (lambda text, key: text in {*ALL_IDS, *contract.VAULT_EVENTS} and key != "class_", "a name of the contract"),
    (lambda text, _key: any(f"#{name}" in re.findall(r"#[\w-]+", text) for name in ALL_IDS), "an id"),
    # a data attribute or a class anywhere in a string, as a whole word
    (lambda text, _key: set(re.findall(r"[\w-]+", text)) & {*contract.DATA_ATTRIBUTES, *contract.CLASSES},
     "an attribute or class"),
    (lambda text, _key: any(mark in text for mark in PLACEHOLDERS), "a row template's mark"),
    # the ids made per item, section, screen or box (f-strings' text next to the value)
    (lambda text, _key: re.search(r"(^|#)(item|rows|row-template|task)-$", text), "an id pattern"),
    (lambda text, _key: re.match(r"-(error|title|group)\b", text), "an id pattern"),
]


def keyword_of(tree):
    """{id(string node): the keyword argument it is the value of}."""
    return {id(node.value): node.arg for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg}


@pytest.mark.parametrize("side", sorted(SIDES))
def test_no_side_writes_a_shared_name_by_hand(side):
    paths, _, _ = SIDES[side]
    found = []
    for name, tree in parsed(paths).items():
        keys = keyword_of(tree)
        for node in strings(tree):
            for written, what in WRITTEN_OUT:
                if written(node.value, keys.get(id(node))):
                    found.append(f"{name}:{node.lineno} writes {what} by hand: {node.value!r}")
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg and node.arg.startswith("data_") and \
                    node.arg.replace("_", "-") in contract.DATA_ATTRIBUTES:
                found.append(f"{name}:{node.lineno} writes the attribute {node.arg} by hand")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and \
                    node.value.attr == "dataset" and node.attr in map(camel, contract.DATA_ATTRIBUTES):
                found.append(f"{name}:{node.lineno} reads dataset.{node.attr}: use the contract's name")
    assert found == []


def test_the_pages_scripts_use_the_names_the_page_has():
    """boot.js finds the loading bar and the warning by id; vault.js names the form's data attributes (its
    database from a file) and sends the storage events the adapter listens for."""
    boot = (SCRIPTS / "boot.js").read_text(encoding="utf-8")
    vault = (SCRIPTS / "vault.js").read_text(encoding="utf-8")
    assert [name for name in contract.BOOT_IDS if f'"{name}"' not in boot] == []
    assert f"[{contract.DATA_FORM_ID}][{contract.DATA_FORM_VERSION}]" in vault
    assert [name for name in contract.VAULT_EVENTS if f'"{name}"' not in vault] == []
