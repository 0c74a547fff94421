"""The generated form pages (cre_build.form_page): the HTML and the field naming contract (cre.form_values) agree,
every field is labelled, nothing runs inline, and text from the data stays text. The ids and attributes the page's
Python finds are cre.page_contract's, checked against both sides in test_page_contract.py.

The pages are parsed with html.parser, as a browser's FormData would see them: filling every field of a page and
reading the entries back with answers_from_entries must give an answer to every question of its form.
"""

import copy
from html.parser import HTMLParser

import pytest

from cre import definitions, page_contract as contract, progress
from cre.form_values import TRUE, answers_from_entries, entries_from_answers, field_name
from cre_build import form_page
from cre_build.form_page import document, grouped, sections
from tests_support import BASES

PAGES = {page: form_id for form_id, page in contract.form_pages().items()}  # {page: the form it shows}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE = "<img src=x onerror=alert(1)>"
PAGE_NEEDS = [*contract.IDS, *contract.BOOT_IDS, "cre-tasks", "cre-finish"]  # Python, boot.js, the stylesheet


class Page(HTMLParser):
    """What a browser would make of a page: its fields (outside <template>), labels, ids, scripts and links."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.stack, self.fields, self.template_fields = [], [], []
        self.label_for, self.ids, self.scripts, self.links, self.inline, self.elements = set(), [], [], [], [], []
        self.title, self.form_attrs, self.sections_listed = "", {}, []
        self.feed(text)
        self.close()

    def inside(self, name):
        return [info for tag, info in self.stack if tag == name]

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        self.elements.append(tag)
        self.inline += [(tag, name) for name, _ in attr_list if name.startswith("on") or name == "style"]
        if "id" in attrs:
            self.ids.append(attrs["id"])
        in_template = bool(self.inside("template"))
        if tag == "script":
            self.scripts.append(attrs)
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        elif tag == "label" and "for" in attrs and not in_template:
            self.label_for.add(attrs["for"])
        elif tag == "legend" and self.inside("fieldset"):
            self.inside("fieldset")[-1]["legend"] = True
        elif tag == "form" and attrs.get("id") == contract.FORM:  # not the drafts panel's passphrase forms
            self.form_attrs = attrs
        elif tag == "li" and "data-section" in attrs:
            self.sections_listed.append(attrs["data-section"])
        in_record = any(info.get("id") == contract.FORM for info in self.inside("form"))
        if tag in ("input", "textarea", "select") and in_record:  # the record's fields, not the page's
            field = {"tag": tag, **attrs, "wrapped": bool(self.inside("label")),
                     "legend": any(info.get("legend") for info in self.inside("fieldset"))}
            (self.template_fields if in_template else self.fields).append(field)
        if tag not in VOID:
            self.stack.append((tag, {"id": attrs.get("id")} if tag == "form" else {}))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.inside("title"):
            self.title += data

    def names(self):
        return {field["name"] for field in self.fields}


@pytest.fixture(scope="module")
def pages():
    return form_page.pages()


@pytest.fixture(scope="module", params=sorted(PAGES))
def page(request, pages):
    return request.param, Page(pages[request.param]), definitions.get_form(PAGES[request.param])


def expected_names(item):
    """The field names cre.form_values reads for an item, written out from its table of names."""
    kind, item_id = item.type, item.id
    if kind == "note":
        return set()
    if kind == "typed_indicator":
        return {field_name(item_id, part) for part in ("cce", "cse", "level")}
    if kind == "factor":
        return {field_name(item_id, part) for part in ("historic", "current")} | (
            {field_name(item_id, "commentary")} if item.raw.get("commentary") else set())
    if kind == "type_levels":
        return {field_name(item_id, option["value"]) for option in item.options}
    if kind == "table":
        return {field_name(item_id, row, column["id"])
                for row in range(grouped.ROWS_AT_FIRST) for column in item.raw["columns"]}
    if kind == "date":
        return {field_name(item_id, part) for part in ("day", "month", "year")}
    return {item_id}


def fill(fields):
    """FormData entries after one radio (the last with a value) and one checkbox per group is ticked and every
    text field is filled."""
    entries, radios, ticked = [], {}, set()
    for field in fields:
        kind, name = field.get("type", field["tag"]), field["name"]
        if kind == "radio":
            if field["value"]:
                radios[name] = field["value"]
        elif kind == "checkbox":
            if name not in ticked:
                ticked.add(name)
                entries.append((name, field["value"]))
        elif name.endswith((".day", ".month", ".year")):  # a date input: 20 11 2026
            entries.append((name, {"day": "20", "month": "11", "year": "2026"}[name.rsplit(".", 1)[1]]))
        elif field.get("inputmode") == "numeric":
            entries.append((name, "12"))
        else:
            entries.append((name, "Some text"))
    return entries + list(radios.items())


def test_the_pages_and_the_stylesheet(pages):
    assert set(pages) == {"form.html", "form-earlier.html", "form-blank.html", "app/form.css"}
    css = pages["app/form.css"]
    assert "[hidden]" in css and "#ffdd00" in css and "@media print" in css
    assert "@import" not in css and "url(" not in css  # no external fonts or images


def test_the_fields_are_named_as_form_values_reads_them(page):
    _, parsed, form = page
    assert parsed.form_attrs[contract.DATA_FORM_ID] == form.id
    assert parsed.form_attrs[contract.DATA_FORM_VERSION] == form.version
    wanted = set().union(*(expected_names(item) for item in form.items.values()))
    assert parsed.names() == wanted
    answers = answers_from_entries(form, fill(parsed.fields))
    assert set(answers) == {item.id for item in form.items.values() if item.answerable}


def test_the_choices_offer_exactly_the_values_the_record_takes(page):
    _, parsed, form = page
    offered = {}
    for field in parsed.fields:
        if field.get("type") in ("radio", "checkbox"):
            offered.setdefault(field["name"], []).append(field["value"])
    ratings = [option["value"] for option in definitions.vocabulary("ratings")]
    levels = [option["value"] for option in definitions.vocabulary("levels")]
    for item in form.items.values():
        if item.type in ("choice", "checkboxes"):
            assert offered[item.id] == [option["value"] for option in item.options]
        elif item.type == "indicator":
            assert offered[item.id] == ratings
        elif item.type == "typed_indicator":
            assert offered[f"{item.id}.cce"] == offered[f"{item.id}.cse"] == [TRUE]
            assert offered[f"{item.id}.level"] == ["", *levels]
        elif item.type == "factor":
            assert offered[f"{item.id}.historic"] == offered[f"{item.id}.current"] == [TRUE]
        elif item.type == "type_levels":
            for option in item.options:
                assert offered[f"{item.id}.{option['value']}"] == ["", *levels]
    checked = [field for field in parsed.fields if "checked" in field]
    assert all(field["value"] == "" for field in checked)  # only "Not identified" starts ticked


def test_a_saved_draft_can_be_shown_on_the_page(page):
    _, parsed, form = page
    base = next(base for base in BASES.values() if base["form"] == form.id)
    present = {(field["name"], field.get("value")) for field in parsed.fields}
    for name, value in entries_from_answers(form, base["answers"]):
        assert name in parsed.names(), name
        if any(field["name"] == name and field.get("type") in ("radio", "checkbox") for field in parsed.fields):
            assert (name, value) in present, (name, value)


def test_every_date_is_a_govuk_date_input(page):
    """Day, Month and Year boxes (text, numeric keyboard) in a fieldset whose legend is the question; the error
    summary still links to the item's wrapper."""
    _, parsed, form = page
    for item in form.of_type("date"):
        boxes = [field for field in parsed.fields if field["name"].startswith(item.id + ".")]
        assert [field["name"] for field in boxes] == [field_name(item.id, part) for part in ("day", "month", "year")]
        for field, part, width in zip(boxes, ("day", "month", "year"), (2, 2, 4)):
            assert field["id"] == f"{item.id}-{part}" and field["type"] == "text" and field["inputmode"] == "numeric"
            assert f"govuk-input--width-{width}" in field["class"] and "govuk-date-input__input" in field["class"]
            assert field["legend"] and field["id"] in parsed.label_for
        assert f"item-{item.id}" in parsed.ids and item.id in parsed.ids
    html = sections.render_item(form.item(form.of_type("date")[0].id))
    assert 'class="govuk-date-input"' in html and 'role="group"' in html and ">Day</label>" in html


def test_a_table_row_template_numbers_every_field(page):
    _, parsed, form = page
    for item in form.of_type("table"):
        assert f"rows-{item.id}" in parsed.ids and f"row-template-{item.id}" in parsed.ids
        names = {field["name"] for field in parsed.template_fields if field["name"].startswith(item.id + ".")}
        assert names == {field_name(item.id, "__ROW__", column["id"]) for column in item.raw["columns"]}
        assert all("__ROW__" in field["id"] for field in parsed.template_fields)


def test_every_field_is_labelled(page):
    _, parsed, _ = page
    for field in parsed.fields:
        assert field["id"] in parsed.label_for or field["wrapped"], field
        if field.get("type") in ("radio", "checkbox"):
            assert field["legend"], field
    assert parsed.label_for <= set(parsed.ids)


def test_no_field_a_practitioner_types_in_is_spell_checked(page):
    """A browser's enhanced spell check may send what is typed to a service away from the device."""
    _, parsed, _ = page
    typed = [f for f in parsed.fields + parsed.template_fields if f["tag"] == "textarea" or f.get("type") == "text"]
    assert typed and [f["id"] for f in typed if f.get("spellcheck") != "false"] == []


def test_ids_are_unique_and_python_finds_what_it_needs(page):
    _, parsed, form = page
    assert len(parsed.ids) == len(set(parsed.ids)), [i for i in parsed.ids if parsed.ids.count(i) > 1]
    for needed in PAGE_NEEDS:
        assert needed in parsed.ids, needed
    for item in form.items.values():
        assert contract.item_id(item.id) in parsed.ids
        if item.answerable:
            assert contract.error_id(item.id) in parsed.ids
    assert parsed.sections_listed == [section["id"] for section in form.sections]
    assert all(f"section-{section['id']}" in parsed.ids for section in form.sections)


def test_nothing_runs_inline_and_the_title_says_nothing_personal(page):
    _, parsed, _ = page
    assert parsed.inline == []
    assert parsed.scripts == [{"src": "app/vault.js", "defer": None}, {"src": "app/boot.js", "defer": None}]
    assert parsed.title == document.TITLE == "CRE Risk Assessment – form"


def test_risk_example_links_go_to_categories_that_exist(page):
    _, parsed, form = page
    categories = {category["id"] for category in definitions.risk_examples()["categories"]}
    targets = [link.partition("#")[2] for link in parsed.links if link.startswith("risk-examples.html#")]
    assert targets and set(targets) <= categories
    named = [category for item in form.items.values() for category in item.raw.get("examples", ())]
    assert targets == named


def test_text_from_the_data_stays_text(monkeypatch):
    current, earlier = form_page.current_and_earlier()
    entry = next(e for e in definitions.index() if e["id"] == current.id)
    compiled = copy.deepcopy(definitions.load(entry["file"]))
    compiled["definition"]["title"] = HOSTILE
    compiled["definition"]["sections"][0]["title"] = HOSTILE
    items = {}
    for section in compiled["definition"]["sections"]:
        for raw in section.get("items", []) + [i for sub in section.get("subsections", []) for i in sub["items"]]:
            items[raw["id"]] = raw
    items["child_name"]["label"] = HOSTILE
    items["send"]["hint"] = HOSTILE
    items["send"]["options"][0]["label"] = HOSTILE
    items["cce01"]["text"] = HOSTILE
    hostile_form = definitions.Form(compiled)
    examples = copy.deepcopy(definitions.risk_examples())
    examples["categories"][0]["title"] = examples["categories"][0]["low"] = HOSTILE
    monkeypatch.setattr(definitions, "risk_examples", lambda: examples)
    text = document.render(hostile_form, earlier)
    parsed = Page(text)
    assert "img" not in parsed.elements and parsed.inline == []
    assert HOSTILE not in text and text.count("&lt;img src=x onerror=alert(1)&gt;") >= 7
    assert parsed.title == document.TITLE


def test_an_unknown_item_type_stops_the_build():
    form = definitions.get_form("dd-cre-2022")
    odd = definitions.Item({"id": "odd", "type": "slider", "label": "Odd"}, form.sections[0], None)
    with pytest.raises(ValueError, match="slider"):
        sections.render_item(odd)


def test_the_blank_form_to_print_has_every_question_and_no_script(pages):
    blank, page = pages["form-blank.html"], pages["form.html"]
    parsed_blank, parsed_page = Page(blank), Page(page)
    assert parsed_blank.scripts == []
    assert parsed_blank.names() == parsed_page.names()
    assert 'href="form-blank.html"' in page
    for region in ("cre-drafts", "cre-loading", "cre-routing", "cre-download-pdf"):
        assert f'id="{region}"' not in blank


def test_every_screen_is_on_the_page_with_a_heading_to_focus(page, pages):
    text = pages[page[0]]
    _, parsed, form = page
    for screen in progress.screens(form):
        assert f'id="{screen}"' in text and f'id="{screen}-title"' in text, screen
        heading = text[text.index(f'id="{screen}-title"') - 40:text.index(f'id="{screen}-title"')]
        assert "<h1" in heading, screen
    assert f'id="{progress.SAVE}-title"' in text
    assert text.count("<h1") == len(progress.screens(form)) + 2  # and the passphrase screen and the "wiped" notice


def test_each_continue_leads_to_the_next_screen(page, pages):
    text = pages[page[0]]
    _, _, form = page
    for section in form.sections:
        screen = progress.section_screen(section)
        block = text[text.index(f'<section id="{screen}"'):]
        block = block[:block.index("</section>")]
        after = progress.next_screen(form, screen)
        assert f'href="#{after}"' in block and f'data-continue="{after}"' in block, screen
    assert progress.next_screen(form, progress.section_screen(form.sections[-1])) == progress.RESULT


def test_the_start_button_works_before_python(page, pages):
    text = pages[page[0]]
    _, _, form = page
    first = progress.section_screen(form.sections[0])
    start = text[text.index('id="cre-new"') - 200:text.index('id="cre-new"') + 100]
    assert f'href="#{first}"' in start and "Start a new assessment" in start
