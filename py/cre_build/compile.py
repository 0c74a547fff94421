"""Compile forms/ (YAML) to the JSON the runtime reads, after checking every file.

    python -m cre_build.compile [--forms forms] [--out py/cre/data] [--schemas schemas]

Each file is validated against schemas/form-definition.schema.json, then checked across files (every reference
resolves, every id is unique). A malformed definition stops the build with one line per problem: file, path, reason.
Writes: index.json (the forms, the option sets, the floor rule's age), form-<id>.json (definition with options
resolved, plus its record schema), risk-examples.json, contacts.json, routing.json, conversions.json and
bank-holidays.json (England and Wales, from `holidays`).
With --schemas, also (re)writes the published record schemas there.
"""

import argparse
import json
import re
import sys
from pathlib import Path

import jsonschema
import yaml

from cre.definitions import version_key
from cre.json_path import json_path
from cre.record_schema import build_record_schema, section_items

ROOT = Path(__file__).resolve().parents[2]
HOLIDAY_YEARS = range(2018, 2041)


class DefinitionError(Exception):
    """A problem in forms/: its str() is one line naming the file, the path and the reason."""


def load_sources(forms_dir):
    """Every YAML file in forms_dir, validated against the definition schema, keyed by file name."""
    schema = json.loads((ROOT / "schemas" / "form-definition.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    sources, problems = {}, []
    for path in sorted(Path(forms_dir).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{path.name}: not valid YAML: {error}".replace("\n", " "))
            continue
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            problems.append(f"{path.name}: {json_path(error.absolute_path)}: {error.message}")
        sources[path.name] = data
    if problems:
        raise DefinitionError("\n".join(problems))
    return sources


def _one(sources, kind):
    found = [(name, data) for name, data in sources.items() if data["kind"] == kind]
    if len(found) != 1:
        raise DefinitionError(f"forms/: expected exactly one file of kind {kind!r}, found {len(found)}")
    return found[0]


def _resolve_form(name, form, option_sets, example_ids, link_ids):
    """The form with "@set" options replaced by the set, after checking ids and references."""
    problems, seen, answerable = [], set(), {}
    resolved = json.loads(json.dumps(form))
    for section in resolved["sections"]:
        for item in section_items(section):
            where = f"{name}: item {item['id']}"
            if item["id"] in seen:
                problems.append(f"{where}: id used twice")
            seen.add(item["id"])
            options = item.get("options")
            if options is not None:
                item["options"], found = _resolve_options(where, options, option_sets)
                problems += found
            for example in item.get("examples", []):
                if example not in example_ids:
                    problems.append(f"{where}: examples names unknown category {example!r}")
            link = item.get("link", {}).get("ref")
            if link and link not in link_ids:
                problems.append(f"{where}: link names unknown link {link!r}")
            condition = item.get("show_if")
            if condition:
                target = answerable.get(condition["item"])
                if target is None:
                    problems.append(f"{where}: show_if names {condition['item']!r}, not an earlier choice item")
                else:
                    unknown = set(condition["in"]) - {o["value"] for o in target.get("options", [])}
                    if unknown:
                        problems.append(f"{where}: show_if values {sorted(unknown)} are not options of {target['id']}")
            answerable[item["id"]] = item
            if item["type"] != "note":
                _error_words(item)
    return resolved, problems


def _resolve_options(where, options, option_sets):
    """An item's options: a vocabulary set ("@name"), a list of its own, or a set followed by options of its own."""
    if isinstance(options, str):
        options = [options]
    resolved, problems = [], []
    for option in options:
        if not isinstance(option, str):
            resolved.append(option)
        elif option[1:] in option_sets:
            resolved += option_sets[option[1:]]
        else:
            problems.append(f"{where}: options {option!r} is not a vocabulary set")
    values = [option["value"] for option in resolved]
    if len(set(values)) != len(values):
        problems.append(f"{where}: an option value is used twice")
    return resolved, problems


def earlier_versions(name, form):
    """The earlier definitions a form lists (forms/README.md, "A form's versions"), each the resolved form with its
    differences undone. Each difference only narrows what the earlier version asked, so every record made with it
    is a record of the newer version as it stands."""
    derived, problems = {}, []
    items = {item["id"]: item for section in form["sections"] for item in section_items(section)}
    for earlier in form.get("earlier_versions", []):
        where = f"{name}: earlier version {earlier['version']}"
        if version_key(earlier["version"]) >= version_key(form["version"]):
            problems.append(f"{where}: not earlier than {form['version']}")
        old = json.loads(json.dumps({key: value for key, value in form.items() if key != "earlier_versions"}))
        old.update(version=earlier["version"], status="revised", revised_by=form["version"],
                   revision=[difference["what"] for difference in earlier["differences"]])
        old_items = {item["id"]: item for section in old["sections"] for item in section_items(section)}
        for difference in earlier["differences"]:
            item = old_items.get(difference["item"])
            if item is None:
                problems.append(f"{where}: {difference['item']!r} is not an item of {form['id']}")
                continue
            if "options_without" in difference:
                offered = {option["value"] for option in item.get("options", [])}
                missing = set(difference["options_without"]) - offered
                if missing:
                    problems.append(f"{where}: {item['id']} has no options {sorted(missing)}")
                dropped = set(difference["options_without"])
                item["options"] = [o for o in item.get("options", []) if o["value"] not in dropped]
            if "show_if" in difference:
                if items[item["id"]].get("show_if"):  # narrowing one condition to another is not checked: refuse
                    problems.append(f"{where}: {item['id']} is asked on a condition now; say only what it was")
                item["show_if"] = difference["show_if"]
            if difference.get("absent"):
                problems += _drop_item(where, old, item["id"])
        derived[earlier["version"]] = old
    return derived, problems


def _drop_item(where, form, item_id):
    """Take an item out of a definition (an earlier version did not ask it); problems if anything refers to it."""
    for section in form["sections"]:
        for holder in [section, *section.get("subsections", [])]:
            holder["items"] = [item for item in holder.get("items", []) if item["id"] != item_id]
    used = [item["id"] for section in form["sections"] for item in section_items(section)
            if (item.get("show_if") or {}).get("item") == item_id]
    review = form.get("review") or {}
    if item_id in [*review.get("carry", []), *review.get("compare", []), *(review.get("previous") or {}).values()]:
        used.append("review")
    return [f"{where}: {item_id} was not asked, but {', '.join(used)} refer to it"] if used else []


def _check_review(name, form):
    """A form's `review` block names items of the form, of the types its use needs."""
    review = form.get("review")
    if not review:
        return []
    items = {item["id"]: item for section in form["sections"] for item in section_items(section)}
    problems = [f"{name}: review names {item_id!r}, not an item of the form"
                for item_id in [*review["carry"], *review.get("compare", []), *review["previous"].values()]
                if item_id not in items]
    wanted = {"asked": "choice", "date": "date", "type": "text", "level": "choice"}
    problems += [f"{name}: review previous {role} must be a {kind} item"
                 for role, kind in wanted.items() if items.get(review["previous"][role], {}).get("type", kind) != kind]
    return problems


FLOOR_RULE = re.compile(r"no child under (\d+) years[^\"]*? (can (?:immediately )?be assessed as Low Risk)")


def _floor_rule(name, form, vocabulary_name, age):
    """The floor rule as the form prints it: (problems, its closing words). The age must be the one the vocabulary
    gives the rules ("no child under 13 years"); the closing words ("can immediately be assessed as Low Risk", or
    without "immediately") are the form's own, read by cre.levels."""
    printed = FLOOR_RULE.findall(json.dumps(form, ensure_ascii=False))
    if not printed:
        return [f"{name}: the form does not print the floor rule (\"no child under {age} years ... can be assessed "
                f"as Low Risk\")"], None
    problems = [f"{name}: the form says no child under {number} years, but {vocabulary_name} gives floor_age {age}"
                for number in sorted({number for number, _ in printed} - {str(age)})]
    words = {words for _, words in printed}
    if len(words) > 1:
        problems.append(f"{name}: the form words the floor rule two ways: {sorted(words)}")
    return problems, min(words)


def _error_words(item):
    """Fills in how error messages name an item (forms/README.md, "Error messages"): its own error_name, else one
    built from its number (indicators, factors) or its label; error_subject defaults to error_name capitalised."""
    if "error_name" not in item:
        number, group = item.get("number"), item.get("group")
        if item["type"] == "indicator" and number is not None:
            item["error_name"] = f"the level of concern for {str(group).upper()} indicator {number}"
        elif item["type"] == "typed_indicator" and number is not None:
            item["error_name"] = f"the type and level of risk for indicator {number}"
        elif item["type"] == "factor" and number is not None:
            item["error_name"] = f"whether factor {number} is historic or current"
        else:
            label = (item.get("label") or item.get("text") or item["id"]).strip().rstrip(":").strip()
            item["error_name"] = f"an answer to “{label}”"
    if "error_subject" not in item:
        item["error_subject"] = item["error_name"][:1].upper() + item["error_name"][1:]


def _check_routing(name, routing, contact_ids, link_ids):
    problems = []
    passages = {p["id"] for p in routing["passages"]}
    steps = {s["id"] for s in routing["steps"]}
    for passage in routing["passages"]:
        problems += [f"{name}: passage {passage['id']}: unknown link {x!r}" for x in passage.get("links", []) if x not in link_ids]
    for step in routing["steps"]:
        where = f"{name}: step {step['id']}"
        if "source" in step and step["source"] not in passages:
            problems.append(f"{where}: source {step['source']!r} is not a passage")
        problems += [f"{where}: unknown contact {x!r}" for x in step.get("contacts", []) if x not in contact_ids]
        problems += [f"{where}: unknown link {x!r}" for x in step.get("links", []) if x not in link_ids]
    used = set()
    for rule in routing["rules"]:
        for step in rule["steps"]:
            used.add(step)
            if step not in steps:
                problems.append(f"{name}: rule {rule['id']}: unknown step {step!r}")
    problems += [f"{name}: step {s} is used by no rule" for s in sorted(steps - used)]
    return problems


_CONVERTIBLE = {("text", "textarea"), ("textarea", "textarea"), ("text", "text")}


def _check_conversion(name, conversion, forms):
    source = forms.get((conversion["from"]["form"], conversion["from"]["version"]))
    target = forms.get((conversion["to"]["form"], conversion["to"]["version"]))
    if source is None or target is None:
        return [f"{name}: from/to names a form that is not in forms/"]
    items_of = lambda form: {i["id"]: i for s in form["sections"] for i in section_items(s)}  # noqa: E731
    old, new = items_of(source), items_of(target)
    problems = []
    for old_id, rule in conversion["items"].items():
        if old_id not in old:
            problems.append(f"{name}: {old_id} is not an item of {source['id']}")
            continue
        if isinstance(rule, str):
            pairs = [(rule, None)]
        elif "indicator" in rule:
            pairs = [(t, "indicator") for t in rule["indicator"].values()]
        elif "factor" in rule:
            pairs = [(rule["factor"], "factor")]
        elif "join" in rule:
            pairs = [(rule["join"], "join")]
        else:
            pairs = [(rule.get("item") or rule["previous"], None)]
        for new_id, shape in pairs:
            if new_id not in new:
                problems.append(f"{name}: {old_id} -> {new_id}: not an item of {target['id']}")
                continue
            a, b = old[old_id]["type"], new[new_id]["type"]
            same = (shape or a) == b or (a, b) in _CONVERTIBLE
            if shape == "indicator":
                same = a == "typed_indicator" and b == "indicator"
            if shape == "join":
                same = a in ("text", "textarea") and b == "textarea"
            if not same:
                problems.append(f"{name}: {old_id} ({a}) -> {new_id} ({b}): types do not convert")
            elif shape is None and a == b and a in ("choice", "checkboxes"):
                kept = set(rule["answers"]) if isinstance(rule, dict) and "answers" in rule else None
                lost = ({o["value"] for o in old[old_id]["options"]} if kept is None else kept) - {
                    o["value"] for o in new[new_id]["options"]}
                lost |= (kept or set()) - {o["value"] for o in old[old_id]["options"]}
                if lost:
                    problems.append(f"{name}: {old_id} -> {new_id}: options {sorted(lost)} have no counterpart")
    previous = conversion.get("previous")
    if previous and previous["answer"] not in {o["value"] for o in new.get(previous["item"], {}).get("options", [])}:
        problems.append(f"{name}: previous: {previous['item']} is not a question of {target['id']} "
                        f"answered {previous['answer']!r}")
    return problems


def bank_holidays():
    """English bank holidays (the `holidays` package, subdivision ENG) for the years routing may be asked about."""
    import holidays

    table = holidays.country_holidays("GB", subdiv="ENG", years=HOLIDAY_YEARS)
    return {"years": [HOLIDAY_YEARS.start, HOLIDAY_YEARS.stop - 1],
            "dates": {day.isoformat(): name for day, name in sorted(table.items())}}


def compile_all(forms_dir):
    """Every output file name mapped to its JSON-ready content; raises DefinitionError on any problem."""
    sources = load_sources(forms_dir)
    vocabulary_name, vocabulary = _one(sources, "vocabulary")
    option_sets = vocabulary["option_sets"]
    examples_name, examples = _one(sources, "risk_examples")
    contacts_name, contacts = _one(sources, "contacts")
    routing_name, routing = _one(sources, "routing")
    example_ids = {c["id"] for c in examples["categories"]}
    contact_ids = {c["id"] for g in contacts["groups"] for c in g["contacts"]}
    link_ids = {link["id"] for link in contacts["links"]}

    problems, forms, outputs = [], {}, {}
    for name, data in sources.items():
        if data["kind"] == "form":
            resolved, found = _resolve_form(name, data, option_sets, example_ids, link_ids)
            problems += found + _check_review(name, resolved)
            found, resolved["floor_words"] = _floor_rule(name, data, vocabulary_name, vocabulary["floor_age"])
            problems += found
            derived, found = earlier_versions(name, resolved)
            problems += found
            resolved.pop("earlier_versions", None)
            for definition in (resolved, *derived.values()):
                key = (definition["id"], definition["version"])
                if key in forms:
                    problems.append(f"{name}: form {key[0]} version {key[1]} is defined twice")
                forms[key] = definition
    problems += _check_routing(routing_name, routing, contact_ids, link_ids)
    conversions = [(name, data) for name, data in sources.items() if data["kind"] == "conversion"]
    for name, data in conversions:
        problems += _check_conversion(name, data, forms)
    if problems:
        raise DefinitionError("\n".join(problems))

    index = []
    for (form_id, version), definition in sorted(forms.items(), key=lambda pair: (pair[0][0],
                                                                          version_key(pair[0][1]))):
        file = f"form-{form_id}-v{version}.json"
        outputs[file] = {"definition": definition,
                         "record_schema": build_record_schema(definition, option_sets)}
        index.append({"id": form_id, "version": version, "title": definition["title"],
                      "status": definition["status"], "file": file})
    outputs["index.json"] = {"forms": index, "vocabulary": option_sets, "floor_age": vocabulary["floor_age"]}
    outputs["risk-examples.json"] = examples
    outputs["contacts.json"] = contacts
    outputs["routing.json"] = routing
    outputs["conversions.json"] = {"conversions": [data for _, data in conversions]}
    outputs["bank-holidays.json"] = bank_holidays()
    return outputs


def dump(data):
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def record_schema_files(outputs):
    """Published record schemas, from the compiled outputs, each under its own $id (cre.record_schema)."""
    files = {}
    for entry in outputs["index.json"]["forms"]:
        schema = outputs[entry["file"]]["record_schema"]
        files[schema["$id"]] = dump(schema)
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cre_build.compile", description=__doc__.splitlines()[0])
    parser.add_argument("--forms", default=ROOT / "forms", type=Path)
    parser.add_argument("--out", default=ROOT / "py" / "cre" / "data", type=Path)
    parser.add_argument("--schemas", type=Path, help="also write the published record schemas here")
    args = parser.parse_args(argv)
    try:
        outputs = compile_all(args.forms)
    except DefinitionError as error:
        print(str(error), file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (args.out / name).write_text(dump(data), encoding="utf-8")
    if args.schemas:
        for name, text in record_schema_files(outputs).items():
            (args.schemas / name).write_text(text, encoding="utf-8")
    print(f"compiled {len(outputs)} files into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
