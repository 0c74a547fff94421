"""Where something is in a JSON document, written as the JSONPath the toolkit's messages use: `$.answers.age`,
`$.answers.immediate_actions[0].action` (a list index in brackets, every other step after a dot)."""


def json_path(parts=()):
    """The path of the value reached by these keys and list indexes from the document's root ("$")."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
