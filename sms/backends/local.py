import os
import uuid
from datetime import datetime
from pathlib import Path

from .base import BaseBackend


class LocalFileBackend(BaseBackend):
    """One UTF-8 file per message: the number on the first line, then the text."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def send(self, *, phone: str, text: str, purpose: str, params: dict) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
        tmp = self.folder / f".{name}.tmp"
        tmp.write_text(f"{phone}\n{text}\n", encoding="utf-8")
        os.replace(tmp, self.folder / f"{name}.txt")  # readers never see half a file
        return name
