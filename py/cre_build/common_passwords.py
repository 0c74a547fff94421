"""Write cre/data/common-passwords.json: the most common passwords, which cre.passphrase refuses when one is chosen.

    python -m cre_build.common_passwords [--out py/cre/data] [--top 3000]

The list is the `passwords` frequency list of the `zxcvbn` package (the Python port of Dropbox's password-strength
estimator, MIT licence; pinned in pyproject.toml's build extra): 30,000 passwords from leaked password sets, most
common first. The top ones are kept, each in cre.passphrase's normal form (so "p@ssw0rd1" and "password" are one
entry), without repeats. Nothing is typed by hand and the runtime never imports zxcvbn.
"""

import argparse
import json
import sys
from pathlib import Path

from cre.passphrase import LIST_FILE, normal_form

ROOT = Path(__file__).resolve().parents[2]
TOP = 3000
SOURCE = "zxcvbn"


def ranked_passwords():
    """The source list, most common first."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return FREQUENCY_LISTS["passwords"]


def common_passwords(ranked, top=TOP):
    """The first `top` of `ranked` in normal form, once each, in rank order; those with no letters are left out
    (cre.passphrase refuses runs and repeats of digits by other rules)."""
    kept, seen = [], set()
    for password in ranked[:top]:
        form = normal_form(password)
        if form and form not in seen:
            seen.add(form)
            kept.append(form)
    return kept


def document(top=TOP):
    from importlib.metadata import version

    return {"source": f"{SOURCE} {version(SOURCE)}: frequency list 'passwords' (MIT licence)", "top": top,
            "passwords": common_passwords(ranked_passwords(), top)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cre_build.common_passwords", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=ROOT / "py" / "cre" / "data", type=Path)
    parser.add_argument("--top", default=TOP, type=int)
    args = parser.parse_args(argv)
    data = document(args.top)
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    (args.out / LIST_FILE).write_text(text, encoding="utf-8")
    print(f"wrote {len(data['passwords'])} common passwords into {args.out / LIST_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
