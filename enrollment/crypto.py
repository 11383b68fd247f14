"""Personal data at rest (PIPL): field encryption plus keyed hashes for lookups.

ID numbers and phones are stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256, from the
maintained `cryptography` package), so a database dump alone does not reveal them. Equality
lookups (one application per ID number and intake, duplicates, search) use an HMAC-SHA256 of
the normalised value under a second key. Both keys derive from FIELD_ENCRYPTION_KEY (from the
environment; SECRET_KEY when unset, fine for development: set it in production and keep it).
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django import forms
from django.conf import settings
from django.db import models

TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte and timestamp)


def _master_key() -> str:
    return getattr(settings, "FIELD_ENCRYPTION_KEY", "") or settings.SECRET_KEY


@lru_cache(maxsize=4)
def _fernet(master: str) -> Fernet:
    digest = hashlib.sha256(b"vetgroup field encryption\x00" + master.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


@lru_cache(maxsize=4)
def _hash_key(master: str) -> bytes:
    return hashlib.sha256(b"vetgroup lookup hash\x00" + master.encode()).digest()


def encrypt(value: str) -> str:
    return _fernet(_master_key()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX):
        return token  # a value stored before encryption was introduced
    try:
        return _fernet(_master_key()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("A personal data field cannot be decrypted: wrong key?") from exc


def lookup_hash(value: str) -> str:
    """A keyed hash of the normalised value, for equality lookups and unique constraints."""
    normalised = (value or "").strip().upper()
    return hmac.new(_hash_key(_master_key()), normalised.encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """A short text stored encrypted; only the Python side sees the clear value.

    Lookups on the column itself are meaningless: filter on the matching *_hash field."""

    def __init__(self, *args, form_max_length: int | None = None, **kwargs):
        self.form_max_length = form_max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.form_max_length is not None:
            kwargs["form_max_length"] = self.form_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return value if value in (None, "") else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value in (None, "") else encrypt(str(value))

    def formfield(self, **kwargs):
        return forms.CharField(
            label=self.verbose_name,
            max_length=self.form_max_length,
            required=not self.blank,
            help_text=self.help_text,
            **{k: v for k, v in kwargs.items() if k in ("widget",)},
        )
