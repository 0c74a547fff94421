"""data-safety.md: how drafts are protected, and the fault and bad-input suite's table with the figures each test
produced (tests/e2e/fault-suite.yaml, which the tests themselves keep true: tests/e2e/fault_rows.py)."""

from pathlib import Path

import yaml

from cre import sealing

from .markdown import esc, page, table

SUITE = Path(__file__).resolve().parents[3] / "tests" / "e2e" / "fault-suite.yaml"
FIGURES = ("faults injected", "inputs tried", "records lost", "plaintext found")


def rows():
    return yaml.safe_load(SUITE.read_text(encoding="utf-8"))["rows"]


def figure(row, name):
    value = (row.get("figures") or {}).get(name)
    return "–" if value is None else f"{value:,}"


def render():
    suite = rows()
    total = {name: sum((row.get("figures") or {}).get(name, 0) for row in suite) for name in FIGURES}
    lines = [(esc(row["fault"]), esc(row["outcome"]), *(figure(row, name) for name in FIGURES)) for row in suite]
    blocks = [
        "# Data safety",
        "A draft holds a child's identity, the exploitation they face and the people who exploit them, often on a "
        "shared computer. This page says how the form protects it, and lists every fault the toolkit's test suite "
        "injects, with what the practitioner sees and the figures the test produced.",
        "## How drafts are protected",
        "\n".join([
            f"- **Encrypted at rest.** Every draft is stored encrypted with AES-GCM (256-bit key) through the "
            f"browser's own WebCrypto. The key is derived from the practitioner's passphrase with PBKDF2-SHA256 at "
            f"{sealing.ITERATIONS:,} rounds and a random salt; it cannot be read out of the browser, lives only in "
            "the open page's memory, and the passphrase itself is never stored.",
            f"- **A fresh random {sealing.IV_BYTES * 8}-bit nonce on every save**, and additional data binding each "
            "ciphertext to its record id and form version: a draft moved or relabelled does not open.",
            "- **Lost passphrase, lost drafts.** Nobody can recover them, IT included: download the record (JSON) "
            "to keep a copy. An encrypted copy, opened only by this tool with the passphrase, moves a draft to "
            "another computer.",
            "- **Auto-lock.** After 15 minutes without activity (the site's configuration may change it) the page "
            "warns, then saves, forgets the key and clears every answer from the screen. With no passphrase set, "
            "nothing can be saved: the page warns, then clears the answers all the same. A question left open on "
            "the page (Delete, Finish and wipe) does not stop it.",
            "- **Finish and wipe** removes every draft and the passphrase from the browser, and every other "
            "database of the site, so that the browser rewrites its files: after a wipe and a restart, no file of "
            "the browser's profile holds a name, the salt, the passphrase check or any ciphertext (tested). Anyone "
            "at the computer can wipe, without the passphrase; the page says so.",
            "- **Drafts found unencrypted** (kept by the toolkit's first version, or put there by another page on "
            "the same host) are encrypted when the passphrase is entered, listed by what their answers are, and "
            "flagged for checking.",
            "- **One tab per draft.** A second tab shows the draft read only; a write from an out-of-date page is "
            "refused, never laid over newer answers.",
            "- **Nothing leaves the device.** No answer goes into an address, the page title, the browser console, "
            "Web Storage or the offline cache, and the site asks no other host for anything.",
        ]),
        "## The fault and bad-input suite",
        f"{len(suite)} faults and hostile inputs; in all, {total['faults injected']:,} faults injected and "
        f"{total['inputs tried']:,} inputs tried, with **{total['records lost']} records lost** and "
        f"**{total['plaintext found']} plaintext found**. Each row is one test in `tests/e2e/`; the test checks "
        "its own figures against this table, so the table cannot fall out of date.",
        table(["Fault", "What the practitioner sees", "Faults injected", "Inputs tried", "Records lost",
               "Plaintext found"], lines),
        "### Where each row is tested",
        "\n".join(f"- {esc(row['fault'])}: `{row['test']}`" for row in suite),
    ]
    return page(*blocks)
