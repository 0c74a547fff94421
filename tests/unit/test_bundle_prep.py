"""Pruning the browser's bundle (cre_build.bundle_prep) on a small tree of real files: what the runtime imported
stays, with its packages; a package kept whole stays whole, with its parents; nothing else of a pruned package does,
and other packages are left alone. Splitting off what only the PDF needs, and the build's refusal of a split the
rules would trip over. (The build runs it inside Pyodide; the Pyodide tests then run on the result.)"""

import ast
from pathlib import Path

import pytest

from cre_build import app, bundle_prep, single_file
from tests_support import write_tree

FILES = [
    "fontTools/__init__.py", "fontTools/used.py", "fontTools/unused.py", "fontTools/data.bin",
    "fontTools/sub/__init__.py", "fontTools/sub/deep.py",
    "fontTools/ttLib/__init__.py", "fontTools/ttLib/tables/__init__.py", "fontTools/ttLib/tables/_c_m_a_p.py",
    "fpdf/__init__.py", "fpdf/never_imported.py",
]


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_prune_keeps_what_was_imported_and_what_is_kept_whole(tmp_path):
    write_tree(tmp_path, FILES)
    removed = bundle_prep.prune(str(tmp_path), {"fontTools", "fontTools.used"})
    assert removed == 3
    assert tree(tmp_path) == sorted([
        "fontTools/__init__.py", "fontTools/used.py", "fontTools/data.bin",
        "fontTools/ttLib/__init__.py", "fontTools/ttLib/tables/__init__.py", "fontTools/ttLib/tables/_c_m_a_p.py",
        "fpdf/__init__.py", "fpdf/never_imported.py",
    ])
    assert not (tmp_path / "fontTools" / "sub").exists()  # an emptied folder goes too


def test_module_names_follow_the_folders(tmp_path):
    assert bundle_prep.module_name(str(tmp_path), str(tmp_path / "fontTools" / "misc" / "__init__.py")) == \
        "fontTools.misc"
    assert bundle_prep.module_name(str(tmp_path), str(tmp_path / "fontTools" / "agl.py")) == "fontTools.agl"


STDLIB = [
    "json/__init__.py", "json/decoder.py", "json/tool.py", "difflib.py", "pdb.py", "site-packages/README.txt",
    "encodings/__init__.py", "encodings/utf_8.py", "encodings/cp437.py", "encodings/cp1252.py", "encodings/koi8_r.py",
    "ctypes/__init__.py", "ctypes/macholib/__init__.py", "ctypes/macholib/README.ctypes",
]


def test_the_standard_library_keeps_what_was_imported_and_the_codecs_looked_up_by_name(tmp_path):
    write_tree(tmp_path, STDLIB)
    removed = bundle_prep.prune_stdlib(str(tmp_path), {"json", "json.decoder", "difflib", "encodings",
                                                        "encodings.cp437"})
    assert tree(tmp_path) == sorted([
        "json/__init__.py", "json/decoder.py", "difflib.py", "site-packages/README.txt",
        "encodings/__init__.py", "encodings/utf_8.py", "encodings/cp437.py", "encodings/cp1252.py",
    ])
    assert removed == 6  # json.tool, pdb, koi8_r, and ctypes with its data file


def test_what_only_the_pdf_imported_moves_to_the_later_bundle_whole_packages_only(tmp_path):
    """Top-level packages and modules first imported by printing go, with the PDF's data; a package the rules
    imported stays whole even when printing used more of it (a submodule cannot live apart from its package)."""
    root, later = tmp_path / "bundle", tmp_path / "later"
    write_tree(root, ["cre/__init__.py", "cre/pdf.py", "cre/data/index.json", "cre/data/fonts/a.ttf",
                      "fpdf/__init__.py", "fpdf/fonts.py", "xml/__init__.py", "xml/dom.py", "json/__init__.py",
                      "json/encoder.py", "difflib.py", "never.py"])
    first = {"cre", "json"}
    used = first | {"cre.pdf", "fpdf", "fpdf.fonts", "xml", "xml.dom", "json.encoder", "difflib"}
    moved = bundle_prep.move_later(str(root), str(later), first, used, ("cre/data/fonts", "cre/data/absent"))
    assert moved == ["difflib", "fpdf", "xml"]
    assert tree(later) == ["cre/data/fonts/a.ttf", "difflib.py", "fpdf/__init__.py", "fpdf/fonts.py",
                           "xml/__init__.py", "xml/dom.py"]
    assert tree(root) == ["cre/__init__.py", "cre/data/index.json", "cre/pdf.py", "json/__init__.py",
                          "json/encoder.py", "never.py"]


def test_the_build_refuses_a_pdf_bundle_holding_a_module_that_loaded_code_imports_anywhere():
    members = [
        ("cre/review.py", b"def later():\n    import difflib\n"),  # the page loads it; the build's run may not
        ("cre/pdf.py", b"import fpdf\nimport xml.dom\n"),  # the PDF's own: may name the PDF bundle
        ("jsonschema/validators.py", b"import json\n"),
        ("jsonschema/cli.py", b"import argparse\n"),  # never loaded
        ("fpdf/__init__.py", b"import decimal\n"),
    ]
    first = ["cre", "cre.review", "jsonschema", "jsonschema.validators", "json"]
    app.check_split({"later": ["argparse", "decimal", "fpdf", "xml"], "first": first}, members)
    with pytest.raises(app.BuildError, match=r"difflib \(in cre/review.py\)"):
        app.check_split({"later": ["difflib", "fpdf"], "first": first}, members)
    with pytest.raises(app.BuildError, match="json"):
        app.check_split({"later": ["json"], "first": first}, members)


def test_the_page_fetches_the_pdf_bundle_by_the_name_the_build_writes():
    source = Path(__file__).resolve().parents[2] / "py" / "cre" / "browser" / "pdf_bundle.py"
    names = {node.targets[0].id: node.value.value for node in ast.parse(source.read_text("utf-8")).body
             if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)}
    assert names["NAME"] == single_file.PDF_BUNDLE
