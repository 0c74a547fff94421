"""Record files that must never be opened: each is refused with one plain sentence that says why, before any rule,
the page or JavaScript sees it. The browser shows the sentence as "That file cannot be opened: {message}. Your open
draft is unchanged.", the CLI as one line on stderr. Runs in CPython and inside Pyodide (the browser's Python).
"""

import json
import time

import pytest

from cre.convert import prepare_import
from cre.inputs import MAX_BYTES, MAX_DEPTH, UnusableInput, check_size, parse_json, read_record
from cre.records import new_record
from tests_support import complete_record

BROWSER_SENTENCE = "That file cannot be opened: {message}. Your open draft is unchanged."
NAME = "Łucja Żółć-Ελένη"


def refusal(data):
    """The message read_record refuses data with (the test fails if it is accepted)."""
    with pytest.raises(UnusableInput) as caught:
        read_record(data if isinstance(data, bytes) else json.dumps(data).encode("utf-8"))
    return str(caught.value)


def import_refusal(record):
    """The message prepare_import refuses a record with, after read_record accepted it."""
    read, form = read_record(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    with pytest.raises(ValueError) as caught:
        prepare_import(read, form)
    return str(caught.value)


def one_sentence(message):
    """What the practitioner reads: one line, no full stop of its own (the page adds it), short enough to read."""
    shown = BROWSER_SENTENCE.format(message=message)
    assert "\n" not in message and not message.endswith(".") and message[:1].islower(), shown
    assert len(message) < 250, shown
    return shown


def record_with(path, value):
    """A complete record with `value` put at path (a list of keys), creating dicts on the way."""
    record = complete_record()
    node = record
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[path[-1]] = value
    return record


# --- keys that would be dangerous in JavaScript ---------------------------------------------------------------------
@pytest.mark.parametrize("key", ["__proto__", "constructor", "prototype"])
@pytest.mark.parametrize("where", [
    [],                                        # beside "form" and "answers"
    ["answers"],                               # as if it were a question
    ["answers", "exploitation_levels"],        # inside an answer
    ["answers", "immediate_actions", 0],       # inside a table row
    ["conversion", "from"],                    # inside the envelope
])
def test_a_javascript_object_key_anywhere_is_refused(key, where):
    record = complete_record()
    record["conversion"] = {"from": {}}
    node = record
    for step in where:
        node = node[step]
    node[key] = {"isAdmin": True}
    message = refusal(record)
    assert f'"{key}"' in message and "JavaScript" in message
    one_sentence(message)


def test_a_javascript_object_key_deep_in_a_list_is_refused():
    message = refusal(record_with(["answers", "why_at_risk"], [[[{"a": [{"__proto__": None}]}]]]))
    assert '"__proto__"' in message


@pytest.mark.parametrize("word", ["__proto__", "constructor", "prototype"])
def test_the_same_words_typed_as_answers_are_kept(word):
    record = record_with(["answers", "why_at_risk"], f"{word} {NAME}")
    read, form = read_record(json.dumps(record).encode("utf-8"))
    assert prepare_import(read, form)["answers"]["why_at_risk"] == f"{word} {NAME}"


# --- what JSON and records never are --------------------------------------------------------------------------------
@pytest.mark.parametrize("data, says", [
    (b"", "not valid JSON"),
    (b"{'form': 1}", "not valid JSON (line 1, column 2"),
    (b'{"a": NaN}', "NaN, which JSON does not allow"),
    (b'{"a": -Infinity}', "-Infinity, which JSON does not allow"),
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b'"a record"', "a record is a JSON object"),
    (b"[]", "a record is a JSON object"),
    (b'{"answers": {}}', 'does not say which form it is'),
    (b'{"form": {"id": "dd-cre-2022", "version": 2}}', 'does not say which form it is'),
    (b'{"form": {"id": "dd-cre-1999", "version": "1"}}', "dd-cre-1999"),
    (b'{"form": {"id": "dd-cre-2022", "version": "99"}}', "99"),
    (b'{"age": 1e400}', "a number too large for any answer"),
    (b'{"age": ' + b"9" * 5000 + b"}", "a number too long for any answer"),
    (b'{"child_name": "\\ud800"}', "not valid Unicode"),
    (b'{"\\udfff": 1}', "not valid Unicode"),
])
def test_what_is_not_a_record_is_refused_with_its_reason(data, says):
    message = refusal(data)
    assert says in message
    one_sentence(message)


def test_an_escaped_emoji_is_text_not_a_lone_surrogate():
    record = complete_record()
    data = json.dumps(record).replace(json.dumps(record["answers"]["child_name"]), '"Ann \\ud83d\\ude00"')
    read, _ = read_record(data.encode("utf-8"))
    assert read["answers"]["child_name"] == "Ann \U0001F600"


def test_over_5_mb_is_refused_before_it_is_parsed():
    data = b'{"x": "' + b"a" * MAX_BYTES + b'"}'
    message = refusal(data)
    assert "records are at most 5 MB" in message and "5.0 MB" in message


def test_a_file_too_large_is_refused_by_its_size_alone_in_the_same_words():
    """The page asks for a chosen file's size before reading it (cre.browser.files): same limit, same sentence."""
    with pytest.raises(UnusableInput) as by_size:
        check_size(1500 * 1048576)
    assert str(by_size.value) == "the file is 1500.0 MB; records are at most 5 MB"
    with pytest.raises(UnusableInput) as read:
        parse_json(b" " * (MAX_BYTES + 1))
    assert str(read.value) == "the file is 5.0 MB; records are at most 5 MB"
    check_size(MAX_BYTES)


def nested(depth):
    return "[" * (depth - 1) + "{}" + "]" * (depth - 1)


def test_nesting_is_allowed_to_64_levels_and_refused_beyond():
    record = complete_record()
    accepted = json.dumps(record)[:-1] + f', "deep": {nested(MAX_DEPTH - 1)}}}'  # the record itself is level 1
    assert read_record(accepted.encode())[0]["deep"]
    refused = json.dumps(record)[:-1] + f', "deep": {nested(MAX_DEPTH)}}}'
    assert f"nests deeper than {MAX_DEPTH} levels" in refusal(refused.encode())


def test_a_file_of_100_000_brackets_is_refused_not_a_crash():
    """The JSON parser recurses: in the browser's Python a crash here would take the page down with it."""
    assert "nests deeper than" in refusal(b"[" * 100_000 + b"]" * 100_000)
    assert "nests deeper than" in refusal(b'{"a":' * 50_000 + b"1" + b"}" * 50_000)


def test_brackets_in_text_are_not_nesting_and_an_unterminated_string_hides_none():
    record = record_with(["answers", "child_name"], "[" * 100 + '"\\' + "{" * 100)
    assert read_record(json.dumps(record).encode())[0]["answers"]["child_name"].startswith("[[[")
    # Brackets after a quote that never closes are text to the parser, which stops at the quote: no recursion.
    assert "Unterminated string" in refusal(b'{"a": "' + b"[" * 100_000)


# --- files shaped to take long --------------------------------------------------------------------------------------
# The string check once scanned again from every escaped quote to the end of an unterminated string (96 KB took 17 s
# in the CLI; 1 MB would take hours) and jsonschema compared every pair of items of a list it could not sort (a
# 50 KB checkbox answer took 34 s). SLOW_LIMIT_S holds for 1 MB on a loaded machine and in Pyodide; only an
# algorithm quadratic in the file's length breaks it.
SLOW_LIMIT_S = 5.0
SLOW_SIZES = (128 * 1024, 1024 * 1024)  # the small one first: a quadratic check fails in a minute, not hours


def slow_shapes(size):
    """(what the file is, about `size` bytes of it, what its refusal says)."""
    half, not_json = size // 2, "the file is not valid JSON (line 1, column 1: Unterminated string"
    choice = "“Agencies already involved?” is not one of the choices"
    return [
        ("escaped quotes, unterminated", b'"' + b'\\"' * half, not_json),
        ("backslashes, unterminated", b'"' + b"\\" * size, not_json),
        ("escaped quotes in a record", json.dumps(record_with(["app_version"], '"' * half)).encode(),
         "the value at $.app_version must be 64 characters or fewer"),
        ("brackets and no strings", b"[" * size, f"nests deeper than {MAX_DEPTH} levels"),
        ("short strings", b"[" + b'"a",' * (size // 4) + b'"a"]', "a record is a JSON object"),
        ("a checkbox answer of objects",
         json.dumps(record_with(["answers", "agencies_involved"], [{"a": n} for n in range(size // 13)])).encode(),
         choice),
        ("a checkbox answer of numbers and text",
         json.dumps(record_with(["answers", "agencies_involved"], [x for n in range(size // 15) for x in (n, str(n))])
                    ).encode(), choice),
    ]


def opening_refusal(data):
    """What opening a file as the page and the CLI do says (read_record, then prepare_import)."""
    try:
        prepare_import(*read_record(data))
    except ValueError as error:  # UnusableInput is one
        return str(error)
    raise AssertionError("the file was opened")


def test_files_shaped_to_be_slow_are_refused_in_one_pass():
    for size in SLOW_SIZES:
        for name, data, says in slow_shapes(size):
            started = time.perf_counter()
            message = opening_refusal(data)
            took = time.perf_counter() - started
            assert says in message, name
            assert took < SLOW_LIMIT_S, f"{name}: {len(data):,} bytes took {took:.1f} s"
            one_sentence(message)


# --- records that do not match their form ---------------------------------------------------------------------------
def test_a_name_in_the_age_field_is_refused_naming_the_question_not_the_name():
    message = import_refusal(record_with(["answers", "age"], NAME))
    assert message == ("it does not match its form: the answer to “Age:” is not the right kind of answer "
                       "(at $.answers.age)")
    assert NAME not in message
    one_sentence(message)


@pytest.mark.parametrize("path, value, says", [
    (["answers", "cce02"], "<img src=x onerror=alert(1)>", "“Regularly missing from home"),
    (["answers", "cce02"], "<img src=x onerror=alert(1)>", "is not one of the choices (at $.answers.cce02)"),
    (["answers", "immediate_actions"], [{"action": 3}], "(at $.answers.immediate_actions[0].action)"),
    (["answers", "immediate_actions"], [{"script": "x"}], "has “script”, which this form does not have"),
    (["answers", "child_name"], "x" * 100_001, "“Name of Child:” must be 100,000 characters or fewer"),
    (["answers", "onerror"], "alert(1)", "an answer named “onerror”, which is not a question of this form"),
    (["answers", "a" * 500], "x", "an answer named “" + "a" * 40 + "…”"),
    (["record_id"], 5, "the value at $.record_id is not the right kind of answer"),
    (["extra"], True, "the record has “extra”, which this form does not have"),
    (["answers"], [], "the value at $.answers is not the right kind of answer"),
])
def test_a_record_that_does_not_match_its_form_is_refused_saying_where(path, value, says):
    message = import_refusal(record_with(path, value))
    assert message.startswith("it does not match its form: ") and says in message
    assert "<img" not in message and "alert" not in message.replace("“onerror”", "")
    one_sentence(message)


def test_a_record_without_answers_is_refused_saying_what_is_missing():
    record = complete_record()
    del record["answers"]
    assert import_refusal(record) == "it does not match its form: the record is missing “answers” (at $)"


def test_a_matching_record_opens_and_an_earlier_form_record_is_converted():
    record = complete_record()
    read, form = read_record(json.dumps(record).encode())
    assert prepare_import(read, form) == record
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": NAME}
    read, form = read_record(json.dumps(earlier).encode())
    converted = prepare_import(read, form)
    assert converted["form"]["id"] == "dd-cre-2022" and converted["answers"]["child_name"] == NAME


@pytest.mark.parametrize("key, shown", [("\n", "\\u000a"), ("a\u202eb", "a\\u202eb"), ("\u200b", "\\u200b")])
def test_a_key_from_the_file_is_quoted_without_its_control_characters(key, shown):
    message = import_refusal(record_with([key], 1))
    assert f"the record has “{shown}”, which this form does not have" in message
    one_sentence(message)
