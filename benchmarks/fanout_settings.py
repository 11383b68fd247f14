"""The portal's settings with the fan-out benchmark's mail backend (benchmarks/notice_fanout.py)."""

from vetgroup.settings import *  # noqa: F403

EMAIL_BACKEND = "benchmarks.mailsink.SerialisingBackend"
