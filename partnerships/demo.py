"""The demo group's cooperation projects (seed 000); filled in by the Partnerships work."""


def load() -> str:
    return "no cooperation projects yet"
