"""Time the annual indicators (and the whole report) at 1x and 10x data.

    .venv/bin/python benchmarks/indicators.py [--scale 0.1] [--full]

1x is a province-sized group: 10,000 members, 20,000 projects, 100,000 applications, times
--scale (0.1 by default, so that generating 10x stays quick on a laptop; --scale 1 for the real
thing). Runs on a throw-away SQLite database unless DATABASE_URL is set (then use an empty
database of its own: the script adds rows to it). Prints the time and query count at 1x and 10x
and their ratio: the indicators are SQL aggregates in a fixed number of queries, so the query
count must not change; the time grows with what the database must scan.
"""

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["VETGROUP_DATA_DIR"] = tempfile.mkdtemp(prefix="vetgroup-bench-")
    atexit.register(shutil.rmtree, os.environ["VETGROUP_DATA_DIR"], ignore_errors=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetgroup.settings")
os.environ.setdefault("VETGROUP_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from accounts.models import User  # noqa: E402
from core.validators import resident_id_check_character  # noqa: E402
from enrollment.models import Application, Intake  # noqa: E402
from members.models import Member  # noqa: E402
from partnerships.models import Project  # noqa: E402
from reports.exporters import render_docx, render_xlsx  # noqa: E402
from reports.indicators import annual_indicators  # noqa: E402
from reports.selectors import year_figures  # noqa: E402
from reports.services import year_freeze  # noqa: E402
from reports.summary import build_summary  # noqa: E402

YEAR = 2021
BATCH = 5000


def add_data(members: int, projects: int, applications: int, rng: random.Random) -> None:
    """Add rows until the tables hold the given numbers."""
    start = Member.objects.count()
    rows = []
    for n in range(start, members):
        joined = date(2010, 1, 1) + timedelta(days=rng.randrange(4700))
        left = joined + timedelta(days=rng.randrange(2000)) if n % 9 == 0 else None
        rows.append(
            Member(
                name=f"基准测试单位{n}",
                kind=rng.choice(Member.Kind.values),
                region=f"广东省第{n % 120}区",
                joined_on=joined,
                left_on=left,
            )
        )
    Member.objects.bulk_create(rows, batch_size=BATCH)
    start = Project.objects.count()
    Project.objects.bulk_create(
        (
            Project(
                title=f"基准测试项目{n}",
                kind=rng.choice(Project.Kind.values),
                status=rng.choice(Project.Status.values),
                signed_on=date(2015, 1, 1) + timedelta(days=rng.randrange(3000)),
                students=rng.randrange(60),
                investment_cny=rng.randrange(1_000_000),
            )
            for n in range(start, projects)
        ),
        batch_size=BATCH,
    )
    applicant = User.objects.get_or_create(username="benchmark-applicant")[0]
    start = Application.objects.count()
    statuses = Application.Status.values
    rows = []
    intakes: dict[int, Intake] = {}
    for n in range(start, applications):
        intake_no, serial = divmod(n, 1000)  # one ID number per intake: serials 000-999
        if intake_no not in intakes:
            intakes[intake_no] = Intake.objects.get_or_create(
                programme=f"基准专业{intake_no}",
                year=2019 + intake_no % 4,
                defaults={
                    "opens_at": datetime(2019, 1, 1, tzinfo=UTC),
                    "closes_at": datetime(2023, 1, 1, tzinfo=UTC),
                },
            )[0]
        intake = intakes[intake_no]
        status = rng.choice(statuses)
        first17 = f"441900199001{1 + intake_no % 28:02d}{serial:03d}"
        rows.append(
            Application(
                intake=intake,
                applicant=applicant,
                full_name=f"学员{n}",
                id_number=first17 + resident_id_check_character(first17),
                phone="13800138000",
                education="初中",
                status=status,
                submitted_at=None if status == "draft" else datetime(2021, 4, 1, tzinfo=UTC),
            )
        )
        rows[-1].set_lookups()  # what save() does, for bulk_create
        if len(rows) >= BATCH:
            Application.objects.bulk_create(rows)
            rows = []
    Application.objects.bulk_create(rows)


def measure(function, repeat: int = 3) -> tuple[float, int]:
    best = float("inf")
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - began)
    return best, len(queries)


def full_report() -> None:
    with translation.override("zh-hans"):
        summary = build_summary(YEAR)
        render_xlsx(summary)
        render_docx(summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1x = province size times this")
    parser.add_argument("--full", action="store_true", help="also time XLSX + DOCX")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(2021)
    base = [int(10_000 * args.scale), int(20_000 * args.scale), int(100_000 * args.scale)]
    results = {}
    for factor in (1, 10):
        began = time.perf_counter()
        add_data(*(n * factor for n in base), rng=rng)
        print(
            f"{factor:>2}x: {Member.objects.count():,} members, {Project.objects.count():,} "
            f"projects, {Application.objects.count():,} applications "
            f"(generated in {time.perf_counter() - began:.1f} s)"
        )
        results[factor] = {"indicators": measure(lambda: annual_indicators(YEAR))}
        # A frozen year is read from its snapshot: the same one query whatever the data size.
        year_freeze(year=YEAR, by=None, reason=f"benchmark at {factor}x")
        results[factor]["year_figures, frozen year"] = measure(lambda: year_figures(YEAR))
        if args.full:
            results[factor]["full report (XLSX+DOCX)"] = measure(full_report, repeat=1)
        for name, (seconds, queries) in results[factor].items():
            print(f"     {name}: {seconds * 1000:,.1f} ms in {queries} queries")
    print(f"database: {connection.vendor}")
    for name in results[1]:
        (t1, q1), (t10, q10) = results[1][name], results[10][name]
        print(f"ratio 10x/1x, {name}: time {t10 / t1:.2f}, queries {q10}/{q1}")


if __name__ == "__main__":
    main()
