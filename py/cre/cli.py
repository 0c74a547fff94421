"""The `cre` command: the same functions the browser runs, on files.

    cre forms                      the forms this toolkit knows
    cre new FORM_ID [--version V]  a blank record
    cre validate FILE [--complete] [--now ISO]
    cre route FILE [--now ISO]     who to call, which number, by when
    cre convert FILE               an earlier-form record as a current-form draft
    cre review FILE [--now ISO]    a new draft reviewing the record: answers carried over, marked
    cre diff OLD NEW [--text]      what changed between two assessments of a child
    cre pdf FILE -o OUT.pdf [--now ISO]
    cre schema FORM_ID [--version V]
    cre serve DIR [--port 8000] [--base /sub/path/]   host a built site

FILE may be "-" for standard input. Output is JSON on stdout. Exit 0: done (for validate: the record is valid);
1: the record has problems (each listed with its JSON path, message and severity); 2: the input is unusable
(one line on stderr, never a traceback).
"""

import argparse
import json
import sys
from datetime import timezone
from pathlib import Path

from .assessment import assess, moment
from .convert import CannotConvert, convert
from .definitions import DataMissing, UnknownForm, get_form, index
from .inputs import MAX_BYTES, UnusableInput, read_record
from .records import new_record
from .review import CannotReview, as_text, changes, snapshot, start_review
from .validate import COMPLETE, INVALID, validate

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


class Unusable(Exception):
    """Stop with one line on stderr and exit 2."""


def _read(path):
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unusable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise Unusable(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise Unusable(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return read_record(data)
    except UnusableInput as error:
        raise Unusable(f"{path}: {error}") from None


def _print(data):
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _moment(text):
    try:
        return moment(text)
    except ValueError:
        raise Unusable(f"--now {text!r} is not an ISO 8601 date and time (for example 2026-11-22T18:30)") from None
    except OverflowError:  # 9999-12-31T23:59:59-14:00 is past the last moment Python can hold
        raise Unusable(f"--now {text!r} is outside the years 1 to 9999") from None


def cmd_forms(args):
    _print({"forms": [{key: entry[key] for key in ("id", "version", "title", "status")} for entry in index()]})
    return EXIT_OK


def cmd_new(args):
    _print(new_record(args.form_id, args.version))
    return EXIT_OK


def cmd_schema(args):
    _print(get_form(args.form_id, args.version).record_schema)
    return EXIT_OK


def cmd_validate(args):
    record, form = _read(args.file)
    report = assess(record, form, _moment(args.now))["validation"]
    _print(report)
    ok = report["status"] == COMPLETE if args.complete else report["status"] != INVALID
    return EXIT_OK if ok else EXIT_PROBLEMS


def cmd_route(args):
    record, form = _read(args.file)
    result = assess(record, form, _moment(args.now))
    _print({"status": result["validation"]["status"], **result["routing"]})
    return EXIT_OK


def _refuse_invalid(report):
    """Stop when a record fails its schema: converting or printing it would guess at what it means."""
    schema = [p for p in report["problems"] if p["code"] in ("schema", "unknown_answer")]
    if schema:
        _print({"status": INVALID, "problems": schema})
        return True
    return False


def cmd_convert(args):
    record, form = _read(args.file)
    if _refuse_invalid(validate(record, form)):
        return EXIT_PROBLEMS
    try:
        _print(convert(record))
    except CannotConvert as error:
        raise Unusable(f"{args.file}: {error}") from None
    return EXIT_OK


def _read_valid(path):
    """A record that passed its schema; None (after printing why) if it did not."""
    record, form = _read(path)
    return None if _refuse_invalid(validate(record, form)) else record


def _utc(moment_):
    return moment_.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def cmd_review(args):
    record = _read_valid(args.file)
    if record is None:
        return EXIT_PROBLEMS
    try:
        _print(start_review(record, now=_utc(_moment(args.now)) if args.now else None))
    except CannotReview as error:
        raise Unusable(f"{args.file}: {error}") from None
    return EXIT_OK


def cmd_diff(args):
    old, new = _read_valid(args.old), _read_valid(args.new)
    if old is None or new is None:
        return EXIT_PROBLEMS
    try:
        before, after = snapshot(old), snapshot(new)
        if before["form"]["id"] != after["form"]["id"]:
            raise Unusable(f"{args.old} and {args.new} are records of different forms, so cannot be compared")
        found = changes(before, after)
    except CannotReview as error:
        raise Unusable(f"{args.new}: {error}") from None
    if args.text:
        sys.stdout.write(as_text(found) + "\n")
    else:
        _print(found)
    return EXIT_OK


def cmd_pdf(args):
    from .pdf import render_pdf  # the PDF stack loads only when a PDF is asked for

    record, form = _read(args.file)
    result = assess(record, form, _moment(args.now))
    if _refuse_invalid(result["validation"]):
        return EXIT_PROBLEMS
    data = render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"])
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        raise Unusable(f"{args.output}: cannot be written ({error.strerror})") from None
    _print({"pdf": str(args.output), "bytes": len(data), "status": result["validation"]["status"]})
    return EXIT_OK


def cmd_serve(args):
    from .serve import make_server

    if not Path(args.directory, "index.html").is_file():
        raise Unusable(f"{args.directory}: no index.html here; build the site first (make build)")
    try:
        server = make_server(args.directory, args.host, args.port, args.base)
    except OSError as error:
        raise Unusable(f"cannot listen on {args.host}:{args.port} ({error.strerror})") from None
    print(f"Serving {args.directory} at http://{args.host}:{args.port}{server.base} (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def parser():
    top = argparse.ArgumentParser(prog="cre", description="CRE Risk Assessment toolkit: forms, records, rules, "
                                  "routing and PDF.", epilog="Exit status: 0 done, 1 record has problems, 2 unusable input.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, function, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=function)
        return sub

    command("forms", cmd_forms, "list the forms this toolkit knows")
    for name, function, help_text in (("new", cmd_new, "print a blank record of a form"),
                                      ("schema", cmd_schema, "print a form's record JSON Schema")):
        sub = command(name, function, help_text)
        sub.add_argument("form_id", metavar="FORM_ID")
        sub.add_argument("--version", help="form version (default: the newest)")
    sub = command("validate", cmd_validate, "check a record: status, every problem, the suggested level")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--complete", action="store_true", help="exit 1 unless the record is complete")
    sub.add_argument("--now", help="judge dates as of this moment (ISO 8601, UK time unless an offset is given)")
    sub = command("route", cmd_route, "who to call, which number, by when")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--now", help="the moment to route for (ISO 8601); decides office hours or out of hours")
    sub = command("convert", cmd_convert, "convert an earlier-form record to a current-form draft")
    sub.add_argument("file", metavar="FILE")
    sub = command("review", cmd_review, "start a review of an assessment: a new draft with its answers carried over")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--now", help="when the review is started (ISO 8601; default: now)")
    sub = command("diff", cmd_diff, "what changed between two assessments of a child (JSON, or --text)")
    sub.add_argument("old", metavar="OLD")
    sub.add_argument("new", metavar="NEW")
    sub.add_argument("--text", action="store_true", help="a readable summary instead of JSON")
    sub = command("pdf", cmd_pdf, "write the assessment as an A4 PDF")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument("--now", help="the moment for the routing steps (ISO 8601)")
    sub = command("serve", cmd_serve, "host a built site folder (MIME types, headers, any sub-path)")
    sub.add_argument("directory", metavar="DIR")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--base", default="/", help="the sub-path to serve under, e.g. /cre/")
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (Unusable, UnknownForm, DataMissing) as error:
        print(f"cre: {error}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
