"""Pruning the browser's bundle (cre_build.bundle_prep) on a small tree of real files: what the runtime imported
stays, with its packages; a package kept whole stays whole, with its parents; nothing else of a pruned package does,
and other packages are left alone. (The build runs it inside Pyodide; the Pyodide tests then run on the result.)"""

from cre_build import bundle_prep

FILES = [
    "fontTools/__init__.py", "fontTools/used.py", "fontTools/unused.py", "fontTools/data.bin",
    "fontTools/sub/__init__.py", "fontTools/sub/deep.py",
    "fontTools/ttLib/__init__.py", "fontTools/ttLib/tables/__init__.py", "fontTools/ttLib/tables/_c_m_a_p.py",
    "fpdf/__init__.py", "fpdf/never_imported.py",
]


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_prune_keeps_what_was_imported_and_what_is_kept_whole(tmp_path):
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
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
    for name in STDLIB:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    removed = bundle_prep.prune_stdlib(str(tmp_path), {"json", "json.decoder", "difflib", "encodings",
                                                        "encodings.cp437"})
    assert tree(tmp_path) == sorted([
        "json/__init__.py", "json/decoder.py", "difflib.py", "site-packages/README.txt",
        "encodings/__init__.py", "encodings/utf_8.py", "encodings/cp437.py", "encodings/cp1252.py",
    ])
    assert removed == 6  # json.tool, pdb, koi8_r, and ctypes with its data file
