"""Time the enrollment demo (target: under 10 s) and the staff review queue on its 936 rows.

    VETGROUP_DATA_DIR=/tmp/bench DEBUG=1 .venv/bin/python benchmarks/enrollment_demo.py
(uses a fresh SQLite file in VETGROUP_DATA_DIR; set DATABASE_URL for PostgreSQL)."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetgroup.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from enrollment import demo  # noqa: E402
from enrollment.selectors import intakes_with_funnel, review_queue  # noqa: E402

call_command("migrate", verbosity=0)
for label in ("first load", "second load (idempotent)"):
    started = time.perf_counter()
    with transaction.atomic():
        summary = demo.load()
    print(f"demo {label}: {time.perf_counter() - started:.2f} s — {summary}")

started = time.perf_counter()
rows = list(review_queue({"q": ""}).qs[:50])
print(f"review queue, first 50 of all with duplicate flags: {time.perf_counter() - started:.3f} s")
started = time.perf_counter()
funnels = list(intakes_with_funnel())
print(f"funnel of {len(funnels)} intakes: {time.perf_counter() - started:.3f} s")
