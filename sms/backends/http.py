import json
import urllib.error
import urllib.request

from .base import TransientError

TIMEOUT = 10


def get_json(method: str, url: str, *, body: bytes | None = None, headers=None) -> tuple[int, dict]:
    """(HTTP status, JSON answer) from a vendor; network trouble is a TransientError."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TransientError(f"Cannot reach the SMS vendor: {error}") from error
    try:
        return status, json.loads(raw.decode("utf-8") or "{}")
    except ValueError as error:
        if status >= 500:
            raise TransientError(f"HTTP {status} from the SMS vendor") from error
        raise TransientError(f"Unreadable answer (HTTP {status}) from the SMS vendor") from error
