"""Choosing a passphrase (cre.passphrase): the weakest are refused, each with its GOV.UK-style message, and ordinary
passphrases of three or four words pass. Pure: also runs in Pyodide, on the list the site ships."""

import re

import pytest

from cre.passphrase import MESSAGES, MIN_LENGTH, check, common_passwords, normal_form

GOOD = ["kettle orchard lantern 7", "Kettle Orchard Lantern", "purple tractor sings", "ковёр чайник лампа",
        "correct horse battery staple", "river-glass-owl-1987", "gyy5 t8qp m3ka", "a mountain of pebbles"]
# A weak passphrase of each kind, and the problem the check finds first.
WEAK = {
    "": "empty",
    "short words": "short",
    "   spaced       out  ": "short",
    "aaaaaaaaaaaa": "repeated",
    "AAAAAAAAAAAAAAAAAAAAAAA": "repeated",
    "abcabcabcabc": "repeated",
    "1212121212121": "repeated",
    "passwordpassword": "repeated",
    "abcdefghijklm": "run",
    "ZYXWVUTSRQPONM": "run",
    "7890123456789": "run",
    "qwertyuiopasdf": "run",
    "password1234": "common",
    "Password 2024!": "common",
    "P@ssw0rd123456": "common",
    "iloveyou123456": "common",
    "!!monkey!!2024!!": "common",
    "football1234567": "common",
    "tab\there is bad": "characters",
    "new\nline inside": "characters",
}


@pytest.mark.parametrize("passphrase", GOOD)
def test_ordinary_passphrases_of_a_few_words_pass(passphrase):
    assert check(passphrase, passphrase) is None
    assert check(passphrase) is None  # a form with one box


@pytest.mark.parametrize(("passphrase", "code"), WEAK.items())
def test_the_weakest_are_refused_with_their_own_message(passphrase, code):
    problem = check(passphrase, passphrase)
    assert problem is not None and (problem.field, problem.code) == ("passphrase", code)
    assert problem.message == MESSAGES[code]


def test_the_length_floor_counts_characters_not_spaces_between_them():
    at_floor = "q7" + "x8m" * ((MIN_LENGTH - 2) // 3) + "zk"[: (MIN_LENGTH - 2) % 3]
    assert len(at_floor) == MIN_LENGTH and check(at_floor) is None
    assert check(at_floor[:-1]).code == "short"
    assert check(" " * MIN_LENGTH + at_floor[:-1] + " " * MIN_LENGTH).code == "short"
    assert f"{MIN_LENGTH} characters" in MESSAGES["short"]


def test_typed_again_must_be_there_and_the_same():
    good = GOOD[0]
    assert check(good, "") == ("again", "again_empty", MESSAGES["again_empty"])
    assert check(good, good + " ").code == "different"
    assert check(good, good.upper()).code == "different"
    assert check(good, good) is None
    weak = check("aaaaaaaaaaaa", "")
    assert weak.field == "passphrase"  # the first box's problem comes first


def test_messages_are_govuk_style_and_never_quote_what_was_typed():
    for code, message in MESSAGES.items():
        assert re.match(r"(Enter|Choose|Passphrase must) ", message), code
        assert not message.endswith("."), code
        assert '"' not in message and "'" not in message, code
    for passphrase in [*WEAK, *GOOD]:
        problem = check(passphrase, passphrase + "x")
        if problem and passphrase.strip():
            assert passphrase.strip() not in problem.message


def test_the_shipped_list_is_a_few_thousand_common_passwords_in_normal_form():
    shipped = common_passwords()
    assert 2000 <= len(shipped) <= 5000
    assert {"password", "qwerty", "iloveyou", "monkey", "dragon", "letmein"} <= shipped
    assert all(form and normal_form(form) == form for form in shipped)


def test_the_normal_form_strips_decoration_and_reads_look_alikes():
    assert normal_form("  P@ssw0rd 123!! ") == "password"
    assert normal_form("2024-kettle orchard-99") == "kettleorchard"
    assert normal_form("1234567890") == ""
    assert normal_form("Ünïcödé") == "ünïcödé"
