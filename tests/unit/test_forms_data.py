"""The forms as data: complete against the seeds, verbatim, well-formed, and published schemas up to date."""

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from cre.definitions import all_forms, contacts, get_form, risk_examples
from cre_build.compile import compile_all, main as compile_main, record_schema_files
from tests_support import write_tree

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
CURRENT, EARLIER = "000_3c9964a50df9fbb9.txt", "004_4d7d4ae5da34d85a.txt"
# Where the seed's text runs across a page break, the form keeps it whole; each half is checked on its own.
PAGE_BREAKS = {"An increased risk of association with persons who pose": "An increased risk of association with"}


def normalise(text):
    text = re.sub(r"<[^>]+>", " ", text).replace("**", "")
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # markdown links: keep the words
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed():
    if not (SEEDS / CURRENT).exists():
        pytest.skip("the seed documents are not beside this checkout")
    return {name: normalise((SEEDS / name).read_text(encoding="utf-8")) for name in (CURRENT, EARLIER)}


def in_seed(text, seed_text):
    text = normalise(text)
    for joined, cut in PAGE_BREAKS.items():
        if joined in text:
            before, after = text.split(cut, 1)
            return (before + cut) in seed_text and after.strip() in seed_text
    return text in seed_text


def test_seed_item_counts_match_the_forms():
    current, earlier = get_form("dd-cre-2022"), get_form("cre-ra-legacy")
    indicators = lambda form, group: [i for i in form.of_type("indicator") if i.raw.get("group") == group]  # noqa: E731
    assert len(indicators(current, "cce")) == 23
    assert len(indicators(current, "cse")) == 27
    assert len(current.of_type("factor")) == 21
    assert len(risk_examples()["categories"]) == 11
    typed = earlier.of_type("typed_indicator")
    assert len(typed) == 29 and typed[-1].raw["text"] == "Other:"
    assert len(earlier.of_type("factor")) == 16
    assert all(f.raw.get("commentary") for f in earlier.of_type("factor"))


def test_indicators_are_numbered_in_order():
    for form in all_forms():
        for group in ("cce", "cse", "any"):
            numbers = [i.raw["number"] for i in form.of_type("indicator", "typed_indicator") if i.raw.get("group") == group]
            assert numbers == list(range(1, len(numbers) + 1)), (form.id, group)


@pytest.mark.parametrize("form_id, seed_name", [("dd-cre-2022", CURRENT), ("cre-ra-legacy", EARLIER)])
def test_every_printed_text_is_the_seeds_wording(seed, form_id, seed_name):
    form = get_form(form_id)
    missing = []
    for item in form.items.values():
        texts = [] if "added" in item.raw or "sic" in item.raw and item.type in ("integer", "date") else [item.label]
        texts += item.raw.get("list", [])
        missing += [f"{item.id}: {t}" for t in texts if not in_seed(t, seed[seed_name])]
    for section in form.sections:
        for part in [section, *section.get("subsections", [])]:
            missing += [f"{part['id']} intro: {t}" for t in part.get("intro", []) if not in_seed(t, seed[seed_name])]
    assert not missing, "\n".join(missing)


def test_every_risk_example_is_the_seeds_wording(seed):
    missing = [f"{c['id']}.{level}" for c in risk_examples()["categories"] for level in ("title", "low", "medium", "high")
               if not in_seed(c[level], seed[CURRENT])]
    assert not missing


def test_every_key_contact_number_and_address_is_in_the_contacts(seed):
    key_contacts = seed[CURRENT].split("3. Key Contacts")[-1]
    numbers = set(re.findall(r"\b0\d{4} \d{6}\b", key_contacts)) | {"101", "999"}
    emails = set(re.findall(r"[\w.]+@[\w.]+\w", key_contacts))
    known = contacts().values()
    assert numbers == {c["phone"] for c in known if "phone" in c}
    assert emails == {c["email"] for c in known if "email" in c}
    for contact in known:
        assert normalise(contact["seed"]).replace("<", "").replace(">", "") in key_contacts.replace("<", "").replace(">", "")


def test_item_ids_are_stable_and_unique_within_each_form():
    for form in all_forms():
        ids = [item.id for item in form.items.values()]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    current = get_form("dd-cre-2022")
    assert [i.id for i in current.of_type("indicator")][:3] == ["cce01", "cce02", "cce03"]


@pytest.mark.parametrize("file", ["dd-cre-2022.yaml", "cre-ra-legacy.yaml"])
def test_every_question_names_itself_in_error_messages(file):
    """Each question typed or chosen on its own has its own wording in forms/ (indicators and factors, answered by a
    click in a numbered table, are named by the build from their number)."""
    data = yaml.safe_load((ROOT / "forms" / file).read_text(encoding="utf-8"))
    items = [item for section in data["sections"]
             for part in [section, *section.get("subsections", [])] for item in part.get("items", [])]
    named = [item for item in items if item["type"] not in ("note", "indicator", "typed_indicator", "factor")]
    assert named and [item["id"] for item in named if "error_name" not in item] == []
    for item in named:
        name = item["error_name"]
        assert name[:1].islower() or name.startswith(("SEND", "CRE")), item["id"]  # it follows "Enter" or "Select"
        assert not name.endswith((".", ":", "?")), item["id"]
        assert "error_example" not in item or item["type"] == "integer"


def test_every_compiled_item_carries_its_error_words():
    for form in all_forms():
        for item in form.items.values():
            if item.answerable:
                assert item.raw["error_name"] and item.raw["error_subject"][:1].isupper(), item.id
    indicator, factor = get_form("dd-cre-2022").item("cce03"), get_form("dd-cre-2022").item("f02")
    assert indicator.error_name == "the level of concern for CCE indicator 3"
    assert factor.error_name == "whether factor 2 is historic or current"
    assert get_form("cre-ra-legacy").item("ind03").error_name == "the type and level of risk for indicator 3"


def test_published_record_schemas_are_up_to_date():
    expected = record_schema_files(compile_all(ROOT / "forms"))
    for name, text in expected.items():
        published = ROOT / "schemas" / name
        assert published.exists(), f"schemas/{name} is missing: run `make schemas`"
        assert published.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `make schemas`"


def _broken_forms(tmp_path, change):
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    path = forms / "dd-cre-2022.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return forms


def test_a_malformed_definition_fails_the_build_with_file_path_and_reason(tmp_path, capsys):
    def drop_label(data):
        del data["sections"][0]["items"][0]["label"]
    forms = _broken_forms(tmp_path, drop_label)
    assert compile_main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "dd-cre-2022.yaml: $.sections[0].items[0]: 'label' is a required property" in error
    assert not (tmp_path / "out").exists()


def test_a_broken_reference_fails_the_build(tmp_path, capsys):
    def bad_example(data):
        data["sections"][2]["subsections"][0]["items"][0]["examples"] = ["no_such_category"]
    forms = _broken_forms(tmp_path, bad_example)
    assert compile_main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    assert "dd-cre-2022.yaml: item cce01: examples names unknown category 'no_such_category'" in capsys.readouterr().err


def test_the_runtime_reads_compiled_json_only():
    data = ROOT / "py" / "cre" / "data"
    assert (data / "index.json").exists()
    for path in (ROOT / "py" / "cre").rglob("*.py"):
        assert not {"yaml", "holidays"} & {name.split(".")[0] for name in imports(path)}, path
    json.loads((data / "index.json").read_text(encoding="utf-8"))


# --- the architecture: the core imports neither of its edges nor the build ------------------------------------------
PY = ROOT / "py"
BROWSER_ONLY = ("js", "pyscript", "pyodide")  # the DOM and PyScript: the page adapter, cre.browser, alone
COMMAND_LINE = ("cre.cli", "cre.serve")  # `cre` and what `cre serve` runs; the core never needs them


def module_name(path, root=PY):
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path, root=PY):
    """Every module a file imports, by its full name: anywhere in the file (in a function too), relative imports
    resolved, each `from X import a` as X and X.a (a may be a module), and import_module("...") / __import__("...")
    with a literal name."""
    name = module_name(path, root)
    package = (name if path.name == "__init__.py" else name.rpartition(".")[0]).split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])])
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(node.args[0].value)
    return found


def reaches(name, modules):
    return any(name == module or name.startswith(module + ".") for module in modules)


def layer_breaches(root=PY):
    """({"core": n, "browser": n, "command line": n}, every import that breaks the layers) for the cre package
    under root. The core (cre but cre.browser and the command line) runs alike in CPython and Pyodide: it imports no
    DOM or PyScript (js, pyscript, pyodide), nothing of the page adapter (cre.browser), of the command line (cre.cli,
    cre.serve) or of the build (cre_build). The adapter and the command line may import the core, not each other; no
    module of cre imports cre_build (the build may import cre)."""
    counts, breaches = {"core": 0, "browser": 0, "command line": 0}, []
    for path in sorted((root / "cre").rglob("*.py")):
        name = module_name(path, root)
        if reaches(name, ("cre.browser",)):
            layer, refused = "browser", ("cre_build", *COMMAND_LINE)
        elif reaches(name, COMMAND_LINE):
            layer, refused = "command line", ("cre_build", "cre.browser", *BROWSER_ONLY)
        else:
            layer, refused = "core", ("cre_build", "cre.browser", *COMMAND_LINE, *BROWSER_ONLY)
        counts[layer] += 1
        breaches += [f"{name} imports {found}" for found in sorted(imports(path, root)) if reaches(found, refused)]
    return counts, breaches


def test_the_layer_check_reads_imports_anywhere_and_resolves_relative_ones(tmp_path):
    files = {
        "cre/__init__.py": "",
        "cre/rules/__init__.py": "import os\nfrom .. import browser\nfrom ..cli import main\nfrom . import y\n"
                                 "def f():\n    from cre_build import app\n    importlib.import_module('js')\n",
        "cre/browser/page.py": "from pyscript import document\nfrom .. import serve\nfrom ..rules import x\n",
        "cre/cli.py": "from .browser import page\nfrom .rules import x\nimport cre.serve\n",
        "cre/serve.py": "import http.server\n",
    }
    write_tree(tmp_path, files)
    assert imports(tmp_path / "cre/rules/__init__.py", tmp_path) == {
        "os", "cre", "cre.browser", "cre.cli", "cre.cli.main", "cre.rules", "cre.rules.y", "cre_build",
        "cre_build.app", "js"}
    assert layer_breaches(tmp_path) == ({"core": 2, "browser": 1, "command line": 2}, [
        "cre.browser.page imports cre.serve", "cre.cli imports cre.browser", "cre.cli imports cre.browser.page",
        "cre.rules imports cre.browser", "cre.rules imports cre.cli", "cre.rules imports cre.cli.main",
        "cre.rules imports cre_build", "cre.rules imports cre_build.app", "cre.rules imports js"])


def test_the_core_imports_nothing_from_the_page_adapter_the_command_line_or_the_build():
    counts, breaches = layer_breaches()
    assert counts["core"] > 20 and counts["browser"] > 5 and counts["command line"] == 2  # the layout it knows
    assert not breaches, "\n".join(breaches)


@pytest.mark.parametrize("difference, says", [
    ({"item": "local_authority", "options_without": ["nowhere"], "what": "x"}, "local_authority has no options ['nowhere']"),
    ({"item": "previous_date", "show_if": {"item": "harmed_now", "in": ["yes"]}, "what": "x"},
     "previous_date is asked on a condition now"),
    ({"item": "no_such_item", "options_without": ["unknown"], "what": "x"}, "'no_such_item' is not an item"),
])
def test_an_earlier_version_may_differ_only_by_asking_less(tmp_path, capsys, difference, says):
    """A difference the compiler cannot prove narrows the earlier version fails the build: its records would not
    open at the newer version as they are."""
    def widen(data):
        data["earlier_versions"] = [{"version": "2", "differences": [difference]}]
    forms = _broken_forms(tmp_path, widen)
    assert compile_main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    assert f"dd-cre-2022.yaml: earlier version 2: {says}" in capsys.readouterr().err


def test_an_earlier_version_must_be_earlier(tmp_path, capsys):
    def later(data):
        data["earlier_versions"][0]["version"] = "3"
    forms = _broken_forms(tmp_path, later)
    assert compile_main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    newest = get_form("dd-cre-2022").version
    assert f"dd-cre-2022.yaml: earlier version 3: not earlier than {newest}" in capsys.readouterr().err
