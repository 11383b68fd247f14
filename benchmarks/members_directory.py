"""Time the staff member directory and the API list with 10,000 members, and count queries.

    .venv/bin/python benchmarks/members_directory.py [members]

Runs on a throwaway SQLite database in a temporary folder unless DATABASE_URL is set.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = tempfile.mkdtemp(prefix="vetgroup-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("VETGROUP_DATA_DIR", TMP)
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetgroup.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from members.models import Member  # noqa: E402

KINDS = Member.Kind.values
URLS = [
    "/staff/members/?page_size=50",
    "/staff/members/?page_size=200&page=40",
    "/staff/members/?search=模具&kind=enterprise&sort=-joined",
    "/api/v1/members/?page_size=200&page=30",
    "/api/v1/members/?search=模具&status=active",
    "/members/?page=100",
]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    call_command("migrate", verbosity=0)
    Member.objects.filter(name__startswith="基准目录单位").delete()
    Member.objects.bulk_create(
        [
            Member(
                name=f"基准目录单位{n:05d}{'模具' if n % 3 else '职校'}有限公司",
                kind=KINDS[n % len(KINDS)],
                region=f"东莞市{n % 32}镇",
                industry="模具制造",
                joined_on="2015-03-01",
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    staff, _created = User.objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    print(f"member directory, {Member.objects.count()} members, {connection.vendor}")
    for url in URLS:
        client.get(url)  # warm up
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            runs = 5
            for _run in range(runs):
                response = client.get(url)
            elapsed = (time.perf_counter() - start) / runs
        assert response.status_code == 200, (url, response.status_code)
        print(f"  {elapsed * 1000:7.1f} ms  {len(queries) // runs:2d} queries  {url}")
    Member.objects.filter(name__startswith="基准目录单位").delete()
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
