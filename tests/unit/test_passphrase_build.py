"""What the build makes for choosing a passphrase: the common-password list (cre_build.common_passwords), the same as
the pinned package gives and small enough to ship, and passphrase boxes the browser's password manager leaves alone.
CPython only: the build's packages are not in the browser."""

import gzip
import json
import re
from html.parser import HTMLParser

from cre.definitions import DATA
from cre.passphrase import LIST_FILE, MIN_LENGTH
from cre_build import common_passwords
from cre_build.form_page import drafts_panel


def test_the_shipped_list_is_what_the_build_makes_from_the_pinned_package():
    shipped = json.loads((DATA / LIST_FILE).read_text(encoding="utf-8"))
    assert shipped == common_passwords.document(), "stale: run `python -m cre_build.common_passwords`"
    assert shipped["source"].startswith("zxcvbn ")


def test_the_list_is_a_few_thousand_entries_and_a_few_kilobytes():
    raw = (DATA / LIST_FILE).read_bytes()
    entries = json.loads(raw)["passwords"]
    assert 2000 <= len(entries) <= common_passwords.TOP
    assert len(gzip.compress(raw, 9)) < 16_000


def test_the_most_common_come_first_once_each_in_normal_form():
    ranked = ["123456", "Password", "password1", "p@ssw0rd", "dragon", "12345678", "Dragon99"]
    assert common_passwords.common_passwords(ranked, top=5) == ["password", "dragon"]


class Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.found.append(dict(attrs))


def test_passphrase_boxes_are_password_boxes_the_password_manager_is_kept_from():
    parser = Inputs()
    parser.feed(drafts_panel.setup() + drafts_panel.unlock() + drafts_panel.file_unlock())
    boxes = [box for box in parser.found if "cre-passphrase" in box.get("class", "")]
    assert [box["id"] for box in boxes] == ["cre-new-passphrase", "cre-confirm-passphrase", "cre-passphrase",
                                            "cre-file-passphrase"]
    for box in boxes:
        assert box["type"] == "password" and box["autocomplete"] == "one-time-code", box["id"]
        assert box["spellcheck"] == "false" and box["autocapitalize"] == "off", box["id"]
        assert "name" not in box, box["id"]


def test_the_setup_screen_says_how_long_and_why():
    text = re.sub(r"<[^>]+>", " ", drafts_panel.setup())
    assert f"At least {MIN_LENGTH} characters" in text
    assert "random words" in text and "processor cores" in text
