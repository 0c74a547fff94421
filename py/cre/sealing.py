"""What the toolkit encrypts, and the encrypted record file: the parameters, the additional data that binds a
ciphertext to its record, and the file's JSON envelope (written, and read back from untrusted bytes).

The cipher itself is the browser's WebCrypto (AES-GCM-256 with a key derived by PBKDF2-SHA256); this module is
plain Python, so the CLI and the tests read envelopes exactly as the page does. A passphrase check (a known text
sealed with the same key) tells a wrong passphrase apart from a changed file.
"""

import base64
import binascii
from dataclasses import dataclass

from .inputs import UnusableInput

ITERATIONS = 600_000  # PBKDF2-SHA256, as OWASP advises (2023 onwards)
MAX_ITERATIONS = 10_000_000  # a file asking for more would hang the page for minutes: refuse it
SALT_BYTES = 16
IV_BYTES = 12  # AES-GCM's 96-bit nonce, fresh and random for every write
CHECK_TEXT = "cre-passphrase-check"
FILE_FORMAT = "cre-encrypted-record"
FILE_VERSION = 1
FILE_NOTE = ("An encrypted CRE Risk Assessment record. Open it in the toolkit's form page (Open a record file) with "
             "the passphrase it was saved with.")


def record_aad(record_id, form_id, form_version):
    """Additional data for a record's ciphertext: decrypting it under another id or form version fails."""
    return f"cre-record|{record_id}|{form_id}|{form_version}"


def check_aad():
    return "cre-passphrase-check|v1"


def b64(data):
    return base64.b64encode(bytes(data)).decode("ascii")


def unb64(text, what):
    if not isinstance(text, str):
        raise UnusableInput(f"the encrypted file is damaged: its {what} is missing")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise UnusableInput(f"the encrypted file is damaged: its {what} is not base64") from None


@dataclass(frozen=True)
class SealedFile:
    """An encrypted record file, checked for shape: everything needed to try a passphrase on it."""

    record_id: str
    form_id: str
    form_version: str
    salt: bytes
    iterations: int
    check_iv: bytes
    check_data: bytes
    iv: bytes
    data: bytes

    @property
    def aad(self):
        return record_aad(self.record_id, self.form_id, self.form_version)


def file_envelope(record, salt, iterations, check, sealed):
    """The encrypted record file's JSON value. check and sealed are (iv, data) pairs of bytes."""
    return {
        "format": FILE_FORMAT,
        "format_version": FILE_VERSION,
        "note": FILE_NOTE,
        "record_id": record["record_id"],
        "form": {"id": record["form"]["id"], "version": record["form"]["version"]},
        "kdf": {"name": "PBKDF2", "hash": "SHA-256", "iterations": iterations, "salt": b64(salt)},
        "cipher": {"name": "AES-GCM", "iv": b64(sealed[0])},
        "check": {"iv": b64(check[0]), "data": b64(check[1])},
        "data": b64(sealed[1]),
    }


def is_sealed_file(value):
    return isinstance(value, dict) and value.get("format") == FILE_FORMAT


def _object(value, key):
    found = value.get(key)
    if not isinstance(found, dict):
        raise UnusableInput(f"the encrypted file is damaged: its {key} is missing")
    return found


def read_file(value):
    """A parsed encrypted record file (is_sealed_file(value) is true) as a SealedFile, or UnusableInput."""
    version = value.get("format_version")
    if version != FILE_VERSION:
        raise UnusableInput("the encrypted file was made by another version of this toolkit, which this one cannot "
                            "open" if isinstance(version, int) else "the encrypted file is damaged: no format version")
    form, kdf, cipher, check = (_object(value, key) for key in ("form", "kdf", "cipher", "check"))
    if kdf.get("name") != "PBKDF2" or kdf.get("hash") != "SHA-256" or cipher.get("name") != "AES-GCM":
        raise UnusableInput("the encrypted file uses a cipher this toolkit does not use")
    iterations = kdf.get("iterations")
    if not isinstance(iterations, int) or isinstance(iterations, bool) or not \
            ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise UnusableInput(f"the encrypted file asks for {iterations!r} key rounds; this toolkit uses "
                            f"{ITERATIONS:,} to {MAX_ITERATIONS:,}")
    texts = (value.get("record_id"), form.get("id"), form.get("version"))
    if not all(isinstance(text, str) and 0 < len(text) <= 200 for text in texts):
        raise UnusableInput("the encrypted file is damaged: it does not say which record and form it holds")
    sealed = SealedFile(*texts, salt=unb64(kdf.get("salt"), "salt"), iterations=iterations,
                        check_iv=unb64(check.get("iv"), "check"), check_data=unb64(check.get("data"), "check"),
                        iv=unb64(cipher.get("iv"), "nonce"), data=unb64(value.get("data"), "data"))
    if len(sealed.salt) < SALT_BYTES or len(sealed.iv) != IV_BYTES or len(sealed.check_iv) != IV_BYTES:
        raise UnusableInput("the encrypted file is damaged: its salt or nonce has the wrong length")
    return sealed
