"""The demo group's part-time intakes and applications (seed 000); filled in by Enrollment."""


def load() -> str:
    return "no intakes yet"
