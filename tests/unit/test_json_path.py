"""One JSONPath formatter (cre.json_path) for every place a path is shown: a schema refusal in a report, a rule's
problem, a line of the build's refusal of forms/. Pure: also runs in Pyodide (the build's case is CPython only)."""

from collections import deque
from datetime import date

import pytest

from cre.definitions import get_form
from cre.json_path import json_path
from cre.records import new_record
from cre.rules import Context
from cre.validate import schema_problems, schema_refusal


@pytest.mark.parametrize("parts, path", [
    ([], "$"),
    (["answers"], "$.answers"),
    (["answers", "age"], "$.answers.age"),
    (["answers", "immediate_actions", 0, "action"], "$.answers.immediate_actions[0].action"),
    (["sections", 0, "items", 12], "$.sections[0].items[12]"),
    (deque(["answers", "exploitation_levels", "cce"]), "$.answers.exploitation_levels.cce"),  # jsonschema's paths
])
def test_keys_follow_a_dot_and_list_indexes_sit_in_brackets(parts, path):
    assert json_path(parts) == path


def test_a_rule_points_at_an_answer_or_a_part_of_it():
    context = Context(form=get_form("dd-cre-2022"), answers={}, record={}, today=date(2026, 11, 30), suggestion={})
    assert context.path("age") == "$.answers.age"
    assert context.path("immediate_actions", 1, "action") == "$.answers.immediate_actions[1].action"
    assert context.path("exploitation_levels", "cse") == "$.answers.exploitation_levels.cse"


def test_a_schema_refusal_names_where_the_value_is():
    form = get_form("dd-cre-2022")
    record = new_record(form.id)
    record["answers"] = {"immediate_actions": [{"action": "x" * 100_001}], "no_such_question": "x"}
    found, _ = schema_problems(record, form)
    assert {p["path"] for p in found} == {"$.answers.immediate_actions[0].action", "$.answers.no_such_question"}
    del record["answers"]["no_such_question"]
    record["created"] = 5
    assert schema_refusal(record, form) == "the value at $.created is not the right kind of answer"


def test_the_build_names_where_a_definition_is_malformed(tmp_path, capsys):
    pytest.importorskip("yaml")  # the build runs in CPython only
    from cre_build.compile import main
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "vocabulary.yaml").write_text("kind: vocabulary\nfloor_age: 13\noption_sets: {levels: [{value: low}]}\n",
                                           encoding="utf-8")
    assert main(["--forms", str(forms), "--out", str(tmp_path / "out")]) == 1
    assert "vocabulary.yaml: $.option_sets.levels[0]: 'label' is a required property" in capsys.readouterr().err
