"""Reading the local SMS folder as the contract describes it: one UTF-8 file per message, the
11-digit number on the first line, then the text; a code is the only run of exactly 6 digits."""

import re
from pathlib import Path

CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def read_sms(folder: Path) -> list[tuple[str, str]]:
    if not folder.exists():
        return []
    messages = []
    for path in sorted(folder.glob("*.txt"), key=lambda p: (p.stat().st_mtime_ns, p.name)):
        number, _, text = path.read_text(encoding="utf-8").partition("\n")
        messages.append((number, text.strip()))
    return messages


def last_code(folder: Path, number: str) -> str:
    texts = [text for to, text in read_sms(folder) if to == number]
    assert texts, f"no SMS to {number}"
    codes = CODE.findall(texts[-1])
    assert len(codes) == 1, texts[-1]
    return codes[0]
