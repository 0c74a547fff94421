"""The `cre` command: JSON out, exit codes, one-line refusals. Run in this process through cre.cli.main (what the
installed `cre` calls), on real files; a few smoke tests at the end run the installed command itself, for its real
exit codes, a real pipe and real output encoding."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cre.cli import main
from cre.definitions import get_form
from tests_support import complete_record

CRE = [str(Path(sys.executable).with_name("cre"))]
NOW = ["--now", "2026-11-23T10:00"]  # the day the case records were completed


@pytest.fixture
def run(capsys):
    """run(*args): `cre ARGS` in this process: (exit code, stdout, stderr)."""
    def run(*args):
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as stop:  # argparse's own refusals
            code = stop.code
        out, err = capsys.readouterr()
        out.encode("utf-8"), err.encode("utf-8")  # as a real process must write them: a lone surrogate would stop it
        return code, out, err
    return run


def write(tmp_path, data, name="record.json"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return str(path)


def test_forms_lists_both_forms_and_the_earlier_definition(run):
    code, out, _ = run("forms")
    assert code == 0
    assert {(f["id"], f["version"], f["status"]) for f in json.loads(out)["forms"]} == {
        ("dd-cre-2022", "2.2", "current"), ("dd-cre-2022", "2.1", "revised"), ("dd-cre-2022", "2", "revised"),
        ("cre-ra-legacy", "1", "superseded")}


def test_validate_complete_record_exits_0_and_with_complete_flag_too(run, tmp_path):
    path = write(tmp_path, complete_record())
    assert run("validate", path, *NOW)[0] == 0
    assert run("validate", path, "--complete", *NOW)[0] == 0
    draft = write(tmp_path, {**complete_record(), "answers": {}}, "draft.json")
    assert run("validate", draft, "--complete", *NOW)[0] == 1


def test_an_invalid_record_exits_1_listing_every_problem(run, tmp_path):
    record = complete_record()
    record["answers"].update({"age": 12, "dob": "2010-01-01", "exploitation_levels": {"cce": "low"}, "date_completed": "2030-01-01"})
    code, out, _ = run("validate", write(tmp_path, record), *NOW)
    assert code == 1
    problems = {(p["code"], p["path"], p["severity"]) for p in json.loads(out)["problems"]}
    assert ("age_dob_mismatch", "$.answers.age", "error") in problems
    assert ("date_future", "$.answers.date_completed", "error") in problems


def test_route_at_a_given_moment(run, tmp_path):
    path = write(tmp_path, complete_record())
    code, out, _ = run("route", path, "--now", "2026-11-28T14:00")
    routing = json.loads(out)
    assert code == 0 and routing["out_of_hours"] is True
    steps = {s["id"]: s for s in routing["steps"]}
    assert "tel:01332956606" in [c["tel"] for c in steps["derby_new_referral_ooh"]["contacts"]]
    assert all(s["deadline"] in ("immediately", "within_24_hours", "none", "next_working_day", "at_review")
               for s in routing["steps"])
    assert steps["derby_irt_next_working_day"]["deadline_date"] == "2026-11-30"


def test_schema_prints_the_published_schema(run):
    code, out, _ = run("schema", "dd-cre-2022")
    published = Path(__file__).resolve().parents[2] / "schemas" / "record-dd-cre-2022.schema.json"
    assert code == 0 and json.loads(out) == json.loads(published.read_text(encoding="utf-8"))


def test_convert_an_earlier_form_record(run, tmp_path):
    _, blank, _ = run("new", "cre-ra-legacy")
    record = json.loads(blank)
    record["answers"] = {"child_name": "Łucja Żółć", "ind02": {"cce": True, "level": "high"}, "immediate_concerns": "Seen at a known address"}
    code, out, _ = run("convert", write(tmp_path, record))
    converted = json.loads(out)
    assert code == 0 and converted["form"] == {"id": "dd-cre-2022", "version": get_form("dd-cre-2022").version}
    assert converted["answers"]["cce02"] == "high"
    assert converted["conversion"]["unmapped"][0]["answer"] == "Seen at a known address"
    code, out, _ = run("validate", write(tmp_path, converted, "converted.json"))
    assert code == 0 and "conversion_review" in {p["code"] for p in json.loads(out)["problems"]}


def test_pdf_is_written(run, tmp_path):
    out_pdf = tmp_path / "out.pdf"
    code, out, err = run("pdf", write(tmp_path, complete_record()), "-o", str(out_pdf), "--now", "2026-11-23T10:00")
    assert code == 0, err
    assert out_pdf.read_bytes().startswith(b"%PDF-") and json.loads(out)["bytes"] == out_pdf.stat().st_size


# A lone surrogate escape once reached `cre convert`'s output and stopped it with a traceback (a smoke test below
# runs it through the installed command too).
LONE_SURROGATE = b"{\"form\": {\"id\": \"cre-ra-legacy\", \"version\": \"1\"}, \"answers\": {\"child_name\": \"\\ud800\"}}"


@pytest.mark.parametrize("content, says", [
    (None, "no such file"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"{\"form\": ", "not valid JSON"),
    (b"[1, 2, 3]", "not a record"),
    (b"{\"answers\": {}}", "does not say which form"),
    (b"{\"form\": {\"id\": \"dd-cre-2022\", \"version\": \"9\"}}", "unknown form"),
    (b"{\"form\": {\"id\": \"other-form\", \"version\": \"1\"}}", "unknown form"),
    (b" " * (5 * 1024 * 1024 + 1), "at most 5 MB"),
    (b"[" * 65 + b"]" * 65, "deeper than 64"),
    (b"[" * 100000, "deeper than 64"),
    (b"{\"a\": NaN}", "not valid JSON"),
    (b"{\"form\": {\"id\": \"dd-cre-2022\", \"version\": \"2\"}, \"answers\": {\"__proto__\": {}}}", "JavaScript"),
    (LONE_SURROGATE, "not valid Unicode"),
])
def test_unusable_input_gets_one_clear_line_and_exit_2(run, tmp_path, content, says):
    path = str(tmp_path / "missing.json") if content is None else write(tmp_path, content)
    for command in (["validate", path], ["route", path], ["convert", path], ["pdf", path, "-o", str(tmp_path / "x.pdf")]):
        code, out, err = run(*command)
        assert code == 2 and out == ""
        assert says in err and "Traceback" not in err and err.count("\n") == 1, err


def test_unknown_form_for_new_is_exit_2(run):
    code, _, err = run("new", "no-such-form")
    assert code == 2 and err.startswith("cre: unknown form") and "Traceback" not in err


@pytest.mark.parametrize("when, says", [
    ("tomorrow", "is not an ISO 8601 date and time"),
    ("9999-12-31T23:59:59-14:00", "is outside the years 1 to 9999"),  # past the last moment Python holds
])
def test_a_moment_that_cannot_be_used_is_refused_in_one_line(run, tmp_path, when, says):
    code, out, err = run("route", write(tmp_path, complete_record()), "--now", when)
    assert code == 2 and out == "" and says in err and "Traceback" not in err


def test_review_starts_a_review_that_diff_compares_with_the_assessment_it_reviews(run, tmp_path):
    old = complete_record("complete-000")
    code, out, err = run("review", write(tmp_path, old, "old.json"), "--now", "2026-11-30T09:15")
    assert code == 0, err
    review = json.loads(out)
    assert review["review"]["of"]["record_id"] == old["record_id"] and review["created"] == "2026-11-30T09:15:00Z"
    assert review["answers"]["previously_assessed"] == "yes" and review["answers"]["cce02"] == old["answers"]["cce02"]
    review["answers"].update(cce02="medium", cse11="low")
    new = write(tmp_path, review, "new.json")
    code, out, _ = run("validate", new)
    assert code == 0 and json.loads(out)["status"] == "draft-valid"
    code, out, _ = run("diff", str(tmp_path / "old.json"), new)
    found = json.loads(out)
    assert code == 0 and {r["item"]: r["change"] for r in found["indicators"]} == {"cce02": "lowered", "cse11": "new"}
    code, text, _ = run("diff", str(tmp_path / "old.json"), new, "--text")
    assert code == 0 and text.startswith("Changes since the assessment of 23 November 2026\n")
    assert "CCE 2, lowered (High → Medium)" in text


def test_review_and_diff_refuse_what_they_cannot_use(run, tmp_path):
    old = write(tmp_path, complete_record("complete-000"), "old.json")
    code, out, err = run("diff", old, write(tmp_path, {"hello": 1}, "other.json"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "not a CRE record" in err
    broken = complete_record("complete-000")
    broken["answers"]["age"] = "fourteen"
    code, out, _ = run("review", write(tmp_path, broken, "broken.json"))
    assert code == 1 and json.loads(out)["status"] == "invalid"
    code, _, err = run("diff", old, str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err


# --- smoke tests: the installed `cre` as a user runs it (real processes, real exit codes, a real pipe) -------------
def cre(*args, stdin=None):
    result = subprocess.run([*CRE, *args], input=stdin, capture_output=True, timeout=60)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def test_the_installed_command_lists_the_forms_and_exits_0():
    code, out, err = cre("forms")
    assert code == 0 and err == ""
    assert "dd-cre-2022" in {f["id"] for f in json.loads(out)["forms"]}


def test_new_piped_into_validate_is_a_valid_draft():
    code, blank, _ = cre("new", "dd-cre-2022")
    assert code == 0
    code, out, err = cre("validate", "-", stdin=blank.encode())
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["status"] == "draft-valid"
    assert all({"path", "message", "severity"} <= set(p) for p in report["problems"])


def test_the_installed_command_exits_1_for_a_record_with_problems(tmp_path):
    draft = write(tmp_path, {**complete_record(), "answers": {}}, "draft.json")
    code, out, _ = cre("validate", draft, "--complete", *NOW)
    assert code == 1 and json.loads(out)["status"] == "draft-valid"


def test_the_installed_command_exits_2_with_one_line_for_unusable_input(tmp_path):
    code, out, err = cre("convert", write(tmp_path, LONE_SURROGATE))
    assert code == 2 and out == ""
    assert "not valid Unicode" in err and "Traceback" not in err and err.count("\n") == 1, err
