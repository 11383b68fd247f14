"""SMS backends, chosen by the SMS_URL setting like EMAIL_URL chooses the mail backend.

(empty)                         one UTF-8 file per message in <data dir>/sms/
console://                      print each message
aliyun://KEY_ID:KEY_SECRET@?sign_name=...&template_code=...
tencent://SECRET_ID:SECRET_KEY@?sdk_app_id=...&sign_name=...&template_id=...
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import BaseBackend, PermanentError, TransientError

__all__ = ["BaseBackend", "PermanentError", "TransientError", "get_backend", "backend_from_url"]


def backend_from_url(url: str) -> BaseBackend:
    from .console import ConsoleBackend
    from .local import LocalFileBackend

    if not url or url.startswith("file://"):
        folder = url.removeprefix("file://") if url else ""
        return LocalFileBackend(folder or settings.DATA_DIR / "sms")
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    if parts.scheme == "console":
        return ConsoleBackend()
    if parts.scheme == "aliyun":
        from .aliyun import AliyunBackend

        return AliyunBackend(key_id=user, key_secret=password, **options)
    if parts.scheme == "tencent":
        from .tencent import TencentBackend

        return TencentBackend(secret_id=user, secret_key=password, **options)
    raise ImproperlyConfigured(f"SMS_URL: unknown scheme {parts.scheme!r}")


def get_backend() -> BaseBackend:
    return backend_from_url(settings.SMS_URL)
