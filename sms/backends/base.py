class TransientError(Exception):
    """Worth trying again later (network trouble, the vendor's rate limit, a 5xx answer)."""


class PermanentError(Exception):
    """Trying again will not help (bad number, template not approved, no balance)."""


class BaseBackend:
    def send(self, *, phone: str, text: str, purpose: str, params: dict) -> str:
        """Send one message to an 11-digit mainland number; return the vendor's id ('' if
        none). Raise TransientError or PermanentError when it does not go out."""
        raise NotImplementedError
