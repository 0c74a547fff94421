"""Values that are the form's are read from the compiled form data (cre.definitions), never typed again in the
rules: the levels and their order, the option sets routing tests, the floor rule's age. Pure, but for the checks
that run the build or a second Python (CPython only)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cre import definitions
from cre.definitions import LEVEL_RANK, LEVELS, FromData, floor_age, load, vocabulary
from cre.levels import EXPLOITATION_TYPES, floor_reasons, suggest
from cre.messages import MESSAGES, problem
from cre.routing import LOCAL_AUTHORITIES, YES_NO

ROOT = Path(__file__).resolve().parents[2]
CPYTHON_ONLY = pytest.mark.skipif(sys.platform == "emscripten", reason="runs the build or a second Python")


def values(name):
    return [option["value"] for option in vocabulary(name)]


def test_the_vocabulary_the_rules_test_is_the_compiled_one():
    assert list(LEVELS) == values("levels") == ["low", "medium", "high"]
    assert list(EXPLOITATION_TYPES) == values("exploitation_types")
    assert list(LOCAL_AUTHORITIES) == values("local_authorities") and list(YES_NO) == values("yes_no")
    assert "medium" in LEVELS and "not_identified" not in LEVELS and len(LEVELS) == 3 and LEVELS[0] == "low"


def test_levels_rank_in_the_vocabularys_order_and_anything_below_low_ranks_nothing():
    assert LEVEL_RANK.value == {None: 0, "none": 0, "not_identified": 0, "low": 1, "medium": 2, "high": 3}
    assert LEVEL_RANK.get("unheard_of") is None and LEVEL_RANK.get("unheard_of", 0) == 0


def test_a_value_from_data_is_worked_out_once_and_only_when_used():
    made = []
    lazy = FromData(lambda: made.append(1) or ("a", "b"))
    assert made == []
    assert "a" in lazy and list(lazy) == ["a", "b"] and lazy[1] == "b" and len(lazy) == 2
    assert made == [1]


def test_the_floor_age_is_the_form_datas_and_every_sentence_says_it():
    assert floor_age() == load("index.json")["floor_age"] == 13
    form = definitions.get_form("dd-cre-2022")
    assert floor_reasons(form, {"age": floor_age() - 1}, None) == [("age", "the child is 12, under 13")]
    assert floor_reasons(form, {"age": floor_age()}, None) == []
    said = suggest(form, {"age": 12, "cce01": "low"})["explanation"]
    assert "no child under 13 years or with SEND can immediately be assessed as Low Risk" in said[1]["text"]
    for variant in (None, "first_assessment"):
        message = problem("floor_rule_low", path="$", variant=variant, target="overall", why="the child is 12")["message"]
        assert "no child under 13 years or with SEND can" in message


def test_no_message_types_the_floor_age_itself():
    texts = [text for message in MESSAGES.values()
             for text in (message.text.values() if isinstance(message.text, dict) else [message.text])]
    assert [text for text in texts if re.search(r"under [0-9]", text)] == []
    assert sum("under {floor_age} years" in text for text in texts) == 3


@CPYTHON_ONLY
def test_the_build_refuses_a_floor_age_the_forms_do_not_print(tmp_path, capsys):
    from cre_build.compile import main
    forms = _forms_with(tmp_path, lambda _name, text: text.replace("floor_age: 13", "floor_age: 14"))
    assert main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    for name in ("dd-cre-2022.yaml", "cre-ra-legacy.yaml"):
        assert f"{name}: the form says no child under 13 years, but vocabulary.yaml gives floor_age 14" in error


def test_the_floor_rules_words_are_each_forms_own_and_only_immediately_lets_a_review_judge_low():
    current, earlier = definitions.get_form("dd-cre-2022"), definitions.get_form("cre-ra-legacy")
    assert current.floor_words == "can immediately be assessed as Low Risk"  # form 000, as printed
    assert earlier.floor_words == "can be assessed as Low Risk"  # the earlier form
    review = {"age": 12, "previously_assessed": "yes"}
    assert suggest(current, {**review, "cce01": "low"})["floor_review"] is True
    on_earlier = suggest(earlier, {**review, "ind01": {"level": "low", "cce": True}})
    assert on_earlier["floor_applies"] is True and on_earlier["floor_review"] is False
    assert any("SEND can be assessed as Low Risk, so" in line["text"] for line in on_earlier["explanation"])


def _forms_with(tmp_path, change):
    forms = tmp_path / "forms"
    forms.mkdir()
    for path in (ROOT / "forms").glob("*.yaml"):
        (forms / path.name).write_text(change(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
    return forms


@CPYTHON_ONLY
def test_the_build_refuses_a_form_that_does_not_print_the_floor_rule_or_words_it_two_ways(tmp_path, capsys):
    from cre_build.compile import main

    def change(name, text):
        if name == "cre-ra-legacy.yaml":
            return text.replace("no child under 13 years", "no young person under 13 years")
        if name == "dd-cre-2022.yaml":
            return text.replace("or High (H).\"", "or High (H). Remember: no child under 13 years or with SEND "
                                "can be assessed as Low Risk.\"", 1)
        return text

    forms = _forms_with(tmp_path, change)
    assert main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "cre-ra-legacy.yaml: the form does not print the floor rule" in error
    assert ("dd-cre-2022.yaml: the form words the floor rule two ways: ['can be assessed as Low Risk', 'can "
            "immediately be assessed as Low Risk']") in error


@CPYTHON_ONLY
def test_importing_cre_reads_no_data_so_the_cli_can_say_it_is_missing(tmp_path):
    """Values read from the data wait until used: before `make compile`, the CLI says what to do, no traceback."""
    script = ("import sys, pathlib, cre.definitions as d; d.DATA = pathlib.Path(sys.argv[1]); "
              "from cre import cli, pdf, routing, review; sys.exit(cli.main(['new', 'dd-cre-2022']))")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr == "cre: compiled form data index.json is missing: run `make compile` first\n"
