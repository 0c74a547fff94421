"""The validator records are checked with: jsonschema's Draft 2020-12, except that uniqueItems is checked in one
pass. jsonschema compares every pair of items it cannot sort (a list of objects, or of text and numbers mixed), so a
50 KB file whose checkbox answer held such items held the page and the CLI for half a minute.
"""

import jsonschema

_PLAIN = frozenset({str, int, float, type(None)})  # their Python equality is JSON's: 1 == 1.0, "a" != 1


def json_key(value):
    """A hashable stand-in, equal exactly when JSON Schema calls two values equal: 1 and 1.0 alike, true and 1 not,
    an object's keys in any order."""
    if isinstance(value, dict):
        return "object", frozenset((key, item if type(item) in _PLAIN else json_key(item))
                                   for key, item in value.items())
    if isinstance(value, list):
        return "array", tuple(item if type(item) in _PLAIN else json_key(item) for item in value)
    return ("boolean", value) if isinstance(value, bool) else value


def _unique_items(validator, unique, instance, _schema):
    if unique and validator.is_type(instance, "array") and \
            len(set(item if type(item) in _PLAIN else json_key(item) for item in instance)) < len(instance):
        yield jsonschema.ValidationError("has items that are the same")


RecordValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"uniqueItems": _unique_items})
