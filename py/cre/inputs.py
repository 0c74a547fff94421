"""Reading a record from untrusted bytes: size, encoding, JSON, shape and form are checked before anything else
sees it. Every refusal is an UnusableInput whose message is one plain sentence for the practitioner or the CLI.

Besides what JSON itself forbids, a record file is refused when it nests deeper than any record does, has a number
no record could hold (too long to read, or beyond a float), text that is not Unicode (a lone surrogate escape, which
no UTF-8 output can carry) or a key that JavaScript treats as an object's machinery (`__proto__`, `constructor`,
`prototype`): the browser hands records to JavaScript, where such a key could change how every object behaves.
"""

import json
import math
import re
from itertools import accumulate

from .definitions import UnknownForm, get_form

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64


class UnusableInput(ValueError):
    """The input cannot be read as a record at all (as opposed to a record with problems)."""


FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})
# Everything but a bracket outside strings, in one pass. A string runs to its closing quote or, unterminated, to the
# end of the text: were an unterminated string skipped instead, each quote escaped inside it would start another scan
# to the end, and a file of escaped quotes would take hours (the parser refuses such a file anyway). The quantifiers
# are possessive, so nothing is ever scanned twice.
_NOT_BRACKET = re.compile(r'(?:"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+(?:"|\\?\Z)|[^"\[\]{}]++)++')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _reject_constant(name):
    raise UnusableInput(f"the file is not valid JSON: it contains {name}, which JSON does not allow")


def _finite(text):
    number = float(text)
    if not math.isfinite(number):
        raise UnusableInput(f"the file holds a number too large for any answer ({text[:20]})")
    return number


def _unicode(text):
    """Whether text can be written out as UTF-8 (a lone surrogate, from an escape such as \\ud800, cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _nesting(text):
    """How deep the brackets of JSON text nest (outside strings), counted without parsing it: the parser recurses,
    and in the browser's Python a file of many thousand brackets overflows the stack and stops Python itself."""
    brackets = _NOT_BRACKET.sub("", text)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _check_shape(value):
    """Walks parsed JSON once, without recursion: keys JavaScript would misread, text that is not Unicode."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if not _unicode(node):
                raise UnusableInput("the file has text that is not valid Unicode (an unpaired surrogate escape such "
                                    "as \\ud800), so it is not a record")
        elif isinstance(node, dict):
            bad = FORBIDDEN_KEYS.intersection(node)
            if bad:
                raise UnusableInput(f'the file has a key named "{min(bad)}", which no record has and which would '
                                    "be dangerous to hand to the page's JavaScript")
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def check_size(size):
    """Refuses a file larger than any record: the browser asks before reading one, which for a film chosen by
    mistake would take seconds and hold the page."""
    if size > MAX_BYTES:
        raise UnusableInput(f"the file is {size / 1048576:.1f} MB; records are at most 5 MB")


def parse_json(data):
    """Bytes (or text) to a JSON value, refusing oversize, non-UTF-8, non-JSON, over-deep and hostile input."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    check_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput("the file is not UTF-8 text, so it is not a record") from None
    if _nesting(text) > MAX_DEPTH:
        raise UnusableInput(f"the file nests deeper than {MAX_DEPTH} levels; records never do")
    try:
        value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite)
    except json.JSONDecodeError as error:
        raise UnusableInput(f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except UnusableInput:
        raise
    except ValueError:  # an integer of thousands of digits: Python refuses to read it (int_max_str_digits)
        raise UnusableInput("the file holds a number too long for any answer") from None
    _check_shape(value)
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
