"""Reading a record from untrusted bytes: size, encoding, JSON, shape and form are checked before anything else
sees it. Every refusal is an UnusableInput whose message is one plain sentence for the practitioner or the CLI."""

import json

from .definitions import UnknownForm, get_form

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64


class UnusableInput(ValueError):
    """The input cannot be read as a record at all (as opposed to a record with problems)."""


def _reject_constant(name):
    raise UnusableInput(f"the file is not valid JSON: it contains {name}, which JSON does not allow")


def _depth(value):
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_json(data):
    """Bytes (or text) to a JSON value, refusing oversize, non-UTF-8, non-JSON and over-deep input."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise UnusableInput(f"the file is {len(data) / 1048576:.1f} MB; records are at most 5 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput("the file is not UTF-8 text, so it is not a record") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise UnusableInput(f"the file nests deeper than {MAX_DEPTH} levels; records never do") from None
    except json.JSONDecodeError as error:
        raise UnusableInput(f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    if _depth(value) > MAX_DEPTH:
        raise UnusableInput(f"the file nests deeper than {MAX_DEPTH} levels; records never do")
    return value


def read_record(data):
    """Bytes to (record, form): a JSON object naming a form and version this toolkit knows."""
    record = parse_json(data)
    if not isinstance(record, dict):
        raise UnusableInput("the file is JSON but not a record: a record is a JSON object")
    form = record.get("form")
    if not isinstance(form, dict) or not isinstance(form.get("id"), str) or not isinstance(form.get("version"), str):
        raise UnusableInput('the file is not a CRE record: it does not say which form it is ("form": {"id", "version"})')
    try:
        return record, get_form(form["id"], form["version"])
    except UnknownForm as error:
        raise UnusableInput(str(error)) from None
