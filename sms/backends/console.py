import sys

from core.phones import mask_mobile

from .base import BaseBackend


class ConsoleBackend(BaseBackend):
    def send(self, *, phone: str, text: str, purpose: str, params: dict) -> str:
        sys.stdout.write(f"SMS to {mask_mobile(phone)} ({purpose}):\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return ""
