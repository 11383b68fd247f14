"""The demo group's report texts and work plan (seeds 000 and 004); filled in by Reports."""


def load() -> str:
    return "no report drafts yet"
