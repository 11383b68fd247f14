"""The speed targets of issue 8, measured side by side in one run; prints a table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vet_bench_run .venv/bin/python benchmarks/run.py

The database named in DATABASE_URL is DROPPED and created again (its name must contain "bench").
The script builds the data, starts gunicorn on a free loopback port with benchmarks.settings (the
portal plus two bare comparison views that exist only there) and measures:

1. member directory API, page of 50 of 10,000 members, vs a bare view: one .values() query as JSON
2. an application submission through the API (create: validation, encryption, uniqueness check;
   submit: row lock, audit row, notification queued) vs the fair bare pair: the same two
   token-authenticated requests through the same middleware doing a raw INSERT and a raw UPDATE
3. the annual indicators at 10x data vs 1x (1x = 1,000 members, 2,000 projects, 10,000 applications)
4. a 100,000-row XLSX export (the intake roster, enrollment.exports.roster_xlsx) in a subprocess:
   peak resident memory of that whole process (VmHWM of /proc/self/status, Linux)
5. query counts of the list pages and every API list endpoint at 10,000 rows: equal for page
   sizes 20/50/100 and for the first and last page
6-9. (issue 19, benchmarks/scale.py) every list at full size (BENCH_LIST_ROWS, default 10,000
   rows per list) vs 1/100, first and last page; name search by two and three characters vs
   the unfiltered page; the dashboard full vs 1/100; the member import's write step vs a bare
   bulk_create. They build two more databases (the name + "_full" and "_small") and write
   their own section of RESULTS.md. `--only N` (repeatable) runs a subset.

The HTTP comparisons alternate rounds (real, bare, bare, real, ...) so that noise from other
processes hits both alike. The load generator is this script: threads, each with its own
keep-alive connection (http.client). Writes benchmarks/RESULTS.md.
"""

import argparse
import http.client
import itertools
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
NOTES = ROOT / "benchmarks" / "notes.md"  # the analysis of the missed targets, kept by hand
SPIKE = ROOT / "test-artifacts" / "spike.md"  # written by tests/proof/test_spike.py
CONCURRENCY = 8
ROUNDS = 4
ROUND_SECONDS = 4.0
EXPORT_ROWS = 100_000
LIST_ROWS = 10_000
LIST_TIMEOUT = 30  # seconds per query in the query-count part


def prepare_environment() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own: the HTTP figures "
                 "are only meaningful on PostgreSQL (SQLite serialises every write).")  # fmt: skip
    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"The database {name!r} is dropped and rebuilt: its name must contain 'bench'.")
    data_dir = os.environ.get("VETGROUP_DATA_DIR") or tempfile.mkdtemp(prefix="vetgroup-bench-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "VETGROUP_TESTING": "0",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "VETGROUP_DATA_DIR": data_dir,
            "STATIC_ROOT": str(Path(data_dir) / "static"),
            "CONN_MAX_AGE": "60",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no TLS proxy in front
            "STAFF_MFA_REQUIRED": "false",  # the staff pages' logins are made by force_login
        }
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    return data_dir


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username,
        password=parts.password, dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    name = parts.path.lstrip("/")
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


# --- data -------------------------------------------------------------------------------


def valid_id_number(n: int) -> str:
    """A distinct valid resident ID number for each n below 366,000."""
    from core.validators import resident_id_check_character

    day, serial = divmod(n, 1000)
    born = datetime(1990, 1, 1) + timedelta(days=day)
    first17 = f"441900{born:%Y%m%d}{serial:03d}"
    return first17 + resident_id_check_character(first17)


def open_intake(programme: str):
    from enrollment.models import Intake

    now = datetime.now(UTC)
    return Intake.objects.create(
        programme=programme,
        year=now.year,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )


def applicants_with_tokens(count: int, prefix: str) -> list[str]:
    """Ready-made applicant accounts (one submission each), returned as API tokens."""
    from rest_framework.authtoken.models import Token

    from accounts.models import User

    users = User.objects.bulk_create(
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.com", password="!")
        for n in range(count)
    )
    tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=u) for u in users)
    return [t.key for t in tokens]


def roster_rows(intake, count: int, applicant) -> None:
    from enrollment.models import Application

    rows = []
    for n in range(count):
        row = Application(
            intake=intake, applicant=applicant, full_name=f"导出学员{n}",
            id_number=valid_id_number(n), phone=f"139{n:08d}", education="高中",
            employer="东莞市模具有限公司", status=Application.Status.APPROVED,
            submitted_at=datetime(2026, 3, 1, tzinfo=UTC),
        )  # fmt: skip
        row.set_lookups()
        rows.append(row)
        if len(rows) == 5000:
            Application.objects.bulk_create(rows)
            rows = []
    Application.objects.bulk_create(rows)


# --- 3. indicators ----------------------------------------------------------------------


def vacuum_analyze() -> None:
    """What autovacuum does after a bulk load: planner statistics and the visibility map
    (without it PostgreSQL cannot answer from an index alone)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def indicators_at_1x_and_10x() -> dict:
    import random

    from benchmarks.indicators import YEAR, add_data, measure
    from reports.indicators import annual_indicators

    rng = random.Random(2021)
    out = {}
    for factor in (1, 10):
        began = time.perf_counter()
        add_data(1_000 * factor, 2_000 * factor, 10_000 * factor, rng=rng)
        vacuum_analyze()
        print(f"  {factor}x data built in {time.perf_counter() - began:.0f} s", flush=True)
        out[factor] = measure(lambda: annual_indicators(YEAR), repeat=7)
        print(f"  {factor}x: {out[factor][0] * 1000:.0f} ms, {out[factor][1]} queries", flush=True)
    return out


# --- 5. query counts --------------------------------------------------------------------


def query_counts() -> list[tuple[str, int, dict, bool]]:
    """The list tests of tests/test_list_query_counts.py, with 10,000 rows per list."""
    from django.db import OperationalError, connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.authtoken.models import Token

    from tests import test_list_query_counts as lists
    from tests.factories import StaffFactory

    setup_test_environment()  # response.context, for the pages' paginators
    lists.ROWS = LIST_ROWS
    with connection.cursor() as cursor:  # a list that takes longer is a finding, not a hang
        cursor.execute(f"SET statement_timeout = '{LIST_TIMEOUT}s'")
    rows = []
    staff = StaffFactory()
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff).key}")
    for path, build in sorted(lists.API_DATA.items()):
        if build is None:  # the inbox: the staff user's own deliveries
            lists.deliveries_to(staff)
        else:
            build()
        total = api.get(path).json()["count"]
        counts = lists.counts_per_page(api.get, path, lists.API_SIZES, "page_size", total)
        rows.append((path, total, counts, len(set(counts.values())) == 1))
    for build in lists.PAGES:
        user, path, size_parameter, sizes = build()
        browser = Client()
        if user is not None:
            browser.force_login(user)
        try:
            total = browser.get(path).context["page"].paginator.count
            counts = lists.counts_per_page(browser.get, path, sizes, size_parameter, total)
        except OperationalError:
            rows.append((path, 0, {"timed out": f"a query ran over {LIST_TIMEOUT} s"}, False))
            continue
        rows.append((path, total, counts, len(set(counts.values())) == 1))
    return rows


# --- 4. export memory -------------------------------------------------------------------


def export_probe(intake_id: int, user_id: int) -> None:
    """Run in a subprocess: the roster export, then print the peak RSS as JSON."""
    import django

    django.setup()
    from accounts.models import User
    from enrollment.exports import roster_xlsx
    from enrollment.models import Intake

    intake, user = Intake.objects.get(pk=intake_id), User.objects.get(pk=user_id)
    before = memory_kib("VmRSS")
    began = time.perf_counter()
    _name, _type, content = roster_xlsx(intake=intake, user=user)
    seconds = time.perf_counter() - began
    print(json.dumps({"before_kib": before, "peak_kib": memory_kib("VmHWM"), "bytes": len(content),
                      "seconds": seconds}))  # fmt: skip


def memory_kib(field: str) -> int:
    """The process's resident memory now (VmRSS) or at its peak (VmHWM), in KiB.

    Not resource.getrusage: its ru_maxrss survives exec, so a child of this large process
    would report the parent's peak; VmHWM starts afresh with the new program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def export_peak(intake_id: int, user_id: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--export-probe", str(intake_id), str(user_id)],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


# --- HTTP -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, log: Path, env: dict | None = None) -> subprocess.Popen:
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "vetgroup.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--worker-class", "gthread", "--threads", "4",
             "--keep-alive", "30", "--chdir", str(ROOT)],
            cwd=ROOT, env=env or os.environ, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/bare-members/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start:\n" + log.read_text()[-3000:])


class Load:
    """CONCURRENCY threads, each on its own keep-alive connection, repeating one operation."""

    def __init__(self, port: int):
        self.port = port

    def run(self, operation, seconds: float) -> tuple[int, int]:
        done, failed = [0], [0]
        lock = threading.Lock()
        deadline = time.monotonic() + seconds

        def worker():
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            ok = bad = 0
            while time.monotonic() < deadline:
                try:
                    if operation(connection):
                        ok += 1
                    else:
                        bad += 1
                except (OSError, http.client.HTTPException):
                    bad += 1
                    connection.close()
            with lock:
                done[0] += ok
                failed[0] += bad

        threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return done[0], failed[0]


def call(connection, method: str, path: str, token: str | None = None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def side_by_side(load: Load, real, bare) -> dict:
    """Alternating rounds; requests (operations) per second of each."""
    load.run(real, 1.0)  # warm up both
    load.run(bare, 1.0)
    totals = {"real": [0, 0, 0.0], "bare": [0, 0, 0.0]}
    for round_no in range(ROUNDS):
        order = (("real", real), ("bare", bare))
        for name, operation in order if round_no % 2 == 0 else order[::-1]:
            began = time.perf_counter()
            ok, failed = load.run(operation, ROUND_SECONDS)
            totals[name][0] += ok
            totals[name][1] += failed
            totals[name][2] += time.perf_counter() - began
    return {
        name: {"per_second": ok / seconds, "ok": ok, "failed": failed}
        for name, (ok, failed, seconds) in totals.items()
    }


def directory_ops(token: str):
    pages = itertools.cycle(range(1, 201))

    def real(connection):
        status, _body = call(connection, "GET", f"/api/v1/members/?page={next(pages)}", token)
        return status == 200

    def bare(connection):
        status, _body = call(connection, "GET", f"/bench/bare-members/?page={next(pages)}")
        return status == 200

    return real, bare


def submission_ops(intake_id: int, tokens: list[str]):
    """The real pair (create, then submit) and its fair bare: the same two authenticated
    requests through the same middleware doing a raw INSERT and a raw UPDATE. Each pair
    uses an applicant of its own (one application per applicant and intake)."""
    real_numbers = itertools.count(1)
    bare_numbers = itertools.count(len(tokens) // 2)
    lock = threading.Lock()

    def fresh(numbers, limit: int) -> tuple[int, str]:
        with lock:
            n = next(numbers)
        if n >= limit:
            raise RuntimeError("the benchmark ran out of ready-made applicants")
        return n, tokens[n]

    def form(n: int) -> dict:
        return {"intake": intake_id, "full_name": f"压测学员{n}", "id_number": valid_id_number(n),
                "phone": f"138{n:08d}", "education": "高中"}  # fmt: skip

    def pair(connection, numbers, limit: int, create: str, submit: str) -> bool:
        n, token = fresh(numbers, limit)
        status, body = call(connection, "POST", create, token, form(n))
        if status != 201:
            return False
        pk = json.loads(body)["id"]
        return call(connection, "POST", submit.format(pk=pk), token)[0] == 200

    def real(connection):
        return pair(connection, real_numbers, len(tokens) // 2,
                    "/api/v1/enrollment/applications/",
                    "/api/v1/enrollment/applications/{pk}/submit/")  # fmt: skip

    def bare(connection):
        return pair(connection, bare_numbers, len(tokens),
                    "/bench/bare-create/", "/bench/bare-create/{pk}/submit/")  # fmt: skip

    return real, bare


# --- report -----------------------------------------------------------------------------


def machine() -> dict:
    import django
    from django.db import connection

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": f"{mem_kib / 2**20:.1f} GiB",
        "load": " ".join(f"{n:.2f}" for n in os.getloadavg()),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg,
    }


def verdict(ok: bool, missed_by: str) -> str:
    return "PASS" if ok else f"MISSED BY {missed_by}"


class Figures(dict):
    """Each figure is printed as soon as it is measured: a later failure loses none."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        print(f"  = {key}: {json.dumps(value, default=str)}", flush=True)


def report(figures: dict, counts: list, info: dict, load_note: str) -> str:
    d, s = figures["directory"], figures["submit"]
    ind, ex = figures["indicators"], figures["export"]
    r1 = d["real"]["per_second"] / d["bare"]["per_second"]
    r2 = s["real"]["per_second"] / s["bare"]["per_second"]
    r3 = ind[10][0] / ind[1][0]
    peak_mb = ex["peak_kib"] / 1024
    counts_ok = all(ok for *_rest, ok in counts)
    rows = [
        ("1. member directory API, page of 50 of 10,000", "≥ 50% of bare",
         f"{d['real']['per_second']:.0f} vs {d['bare']['per_second']:.0f} req/s",
         f"{r1:.0%}", verdict(r1 >= 0.5, f"{0.5 - r1:.0%} points")),
        ("2. application submission (create + submit)", "≥ 50% of bare",
         f"{s['real']['per_second']:.1f} vs {s['bare']['per_second']:.1f} per s",
         f"{r2:.0%}", verdict(r2 >= 0.5, f"{0.5 - r2:.0%} points")),
        ("3. annual indicators, 10x vs 1x data", "≤ 2.0",
         f"{ind[10][0] * 1000:.0f} vs {ind[1][0] * 1000:.0f} ms ({ind[10][1]}/{ind[1][1]} queries)",
         f"{r3:.2f}", verdict(r3 <= 2, f"{r3 - 2:.2f}")),
        (f"4. XLSX export of {EXPORT_ROWS:,} rows, peak RSS", "< 150 MB",
         f"{peak_mb:.0f} MB ({ex['seconds']:.0f} s, {ex['bytes'] / 2**20:.1f} MB file)",
         f"{peak_mb / 150:.2f}", verdict(peak_mb < 150, f"{peak_mb - 150:.0f} MB")),
        ("5. list query counts at 10,000 rows", "equal",
         f"{sum(ok for *_r, ok in counts)}/{len(counts)} lists equal", "",
         verdict(counts_ok, f"{sum(not ok for *_r, ok in counts)} lists")),
    ]  # fmt: skip
    lines = [
        "# Benchmark results",
        "",
        'Latest run of `benchmarks/run.py` (see the README, "Benchmarks and load tests").',
        "",
        f"- date: {info['date']}",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; load average at "
        f"start {info['load']}",
        f"- Python {info['python']}, Django {info['django']}, PostgreSQL {info['postgresql']}",
        f"- {load_note}",
        "",
        "| benchmark | target | measured | ratio | result |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "HTTP failures: directory real/bare "
        f"{d['real']['failed']}/{d['bare']['failed']}, submission real/bare "
        f"{s['real']['failed']}/{s['bare']['failed']}. Export memory: peak resident set "
        f"(VmHWM) of a subprocess that runs only the export (the process held "
        f"{ex['before_kib'] / 1024:.0f} MB after loading Django, before the export).",
        "",
        "Why a target can miss here: (1) the API authenticates the token, counts the 10,000 "
        "rows for the page links and serialises 20 fields per row through DRF, the bare view "
        "runs one query and json.dumps; (2) one submission is counted as the two API requests "
        "an applicant makes (create: validation, encryption, the uniqueness check; submit: "
        "row lock, audit row, Celery message), since the work the target names spans both; "
        "the bare is the same two token-authenticated requests through the same middleware "
        "doing one raw INSERT and one raw UPDATE; (3) inherent: the generated 10x data puts "
        "ten times as many rows into "
        "the same years, and they all count, so the aggregates read ten times as many rows "
        '(the applications already from a covering index, see "Why targets 1, 2 and 3 miss" '
        "below), while at 1x the time is mostly the fixed cost of three round trips. The "
        "client, server and database share the cores: compare runs by their load average.",
        "",
        NOTES.read_text() if NOTES.exists() else "",
        "## Query counts per list (page size / page → queries)",
        "",
        "| list | rows | queries | equal |",
        "|---|---|---|---|",
        *(
            f"| `{path}` | {total:,} | {', '.join(f'{k}: {v}' for k, v in c.items())} | "
            f"{'yes' if ok else 'NO'} |"
            for path, total, c, ok in counts
        ),
        "",
        "## The spike (tests/proof/test_spike.py)",
        "",
        SPIKE.read_text() if SPIKE.exists() else "Not run on this machine yet (see the README).",
    ]
    return "\n".join(lines) + "\n"


def http_figures(figures: dict, only, data_dir: str, staff, staff_token: str) -> None:
    submissions = open_intake("基准压测专业")
    tokens = applicants_with_tokens(20_000, "bench-applicant-")
    port = free_port()
    server = start_gunicorn(port, Path(data_dir) / "gunicorn.log")
    try:
        load = Load(port)
        if 1 in only:
            print("1. member directory API vs bare view ...", flush=True)
            figures["directory"] = side_by_side(load, *directory_ops(staff_token))
        if 2 in only:
            print("2. application submission vs the fair bare pair ...", flush=True)
            figures["submit"] = side_by_side(load, *submission_ops(submissions.pk, tokens))
    finally:
        server.terminate()
        server.wait(timeout=30)


def scale_figures(figures: dict, only: set, data_dir: str) -> None:
    """Benchmarks 6-8 (benchmarks/scale.py): two databases of their own next to the run's."""
    from benchmarks import scale

    url = os.environ["DATABASE_URL"]
    urls = {"full": scale.sibling_url(url, "_full"), "small": scale.sibling_url(url, "_small")}
    built, seconds = {}, {}
    for size, rows in (("small", scale.LIST_SMALL_ROWS), ("full", scale.LIST_FULL_ROWS)):
        print(f"6-8. building the {size} database ({rows:,} rows per list) ...", flush=True)
        built[size] = scale.build_database(urls[size], rows, recreate_database)
        seconds[size] = built[size]["seconds"]
    figures["built"] = seconds
    ports = {size: free_port() for size in urls}
    servers = [
        start_gunicorn(ports[size], Path(data_dir) / f"gunicorn-{size}.log",
                       {**os.environ, "DATABASE_URL": urls[size]})
        for size in urls
    ]  # fmt: skip
    try:
        if 6 in only:
            print("6. every list, full vs 1/100 ...", flush=True)
            figures["lists"] = scale.lists(ports["full"], ports["small"], built["full"],
                                           built["small"])  # fmt: skip
        if 7 in only:
            print("7. name search vs the unfiltered page ...", flush=True)
            figures["search"] = scale.searches(ports["full"], built["full"])
        if 8 in only:
            print("8. dashboard, full vs 1/100 ...", flush=True)
            figures["dashboard"] = scale.dashboard(ports["full"], ports["small"], built["full"],
                                                   built["small"])  # fmt: skip
            uncached = scale.dashboard_uncached(urls["full"], urls["small"])
            figures["dashboard"] = {**figures["dashboard"], "uncached": uncached}
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    if not os.environ.get("BENCH_KEEP_DATABASES"):
        for url in urls.values():
            drop_database(url)


def drop_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username,
                             password=parts.password, dbname="postgres")  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-probe", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build-lists", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dashboard-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only", type=int, choices=range(1, 10), metavar="N", action="append",
        help="run only benchmark N (1-9, repeatable) and print its figures; RESULTS.md keeps "
        "the others (benchmarks 2 and 6-9 update their own section of it)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.export_probe:
        export_probe(*args.export_probe)
        return
    if args.build_lists or args.dashboard_probe:
        import django

        django.setup()
        from benchmarks import scale

        if args.build_lists:
            print(json.dumps(scale.build_lists(args.build_lists)))
        else:
            print(scale.dashboard_uncached_ms())
        return
    data_dir = prepare_environment()
    recreate_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest production pages need
    info = machine()
    only = set(args.only or range(1, 10))
    figures = Figures()
    if only & {1, 3}:  # its 11,000 members are also the directory of benchmark 1
        print("3. indicators at 1x and 10x ...", flush=True)
        figures["indicators"] = indicators_at_1x_and_10x()
    staff = User.objects.create(username="bench-staff", is_staff=True, is_superuser=True)
    staff_token = Token.objects.create(user=staff).key
    if 4 in only:
        print(f"4. export of {EXPORT_ROWS:,} rows ...", flush=True)
        roster = open_intake("基准导出专业")
        roster_rows(roster, EXPORT_ROWS, staff)
        figures["export"] = export_peak(roster.pk, staff.pk)
    if only & {1, 2}:
        http_figures(figures, only, data_dir, staff, staff_token)
    if 9 in only:
        from benchmarks import scale

        print("9. member import write step vs bare bulk_create ...", flush=True)
        figures["import"] = scale.import_write_step()
    if only & {6, 7, 8}:
        scale_figures(figures, only, data_dir)
    counts = []
    if 5 in only:
        print(f"5. query counts of the lists at {LIST_ROWS:,} rows ...", flush=True)
        counts = query_counts()
    if args.only:
        print(json.dumps(figures, indent=1, default=str))
    else:
        write_report(figures, counts, info)
    if figures.keys() & {"submit", "lists", "search", "dashboard", "import"}:
        from benchmarks import scale

        after = " ".join(f"{x:.2f}" for x in os.getloadavg())
        load = f"load average at start {info['load']}, at the end {after}"
        print(scale.write_section(RESULTS, figures, load))
    if not os.environ.get("VETGROUP_DATA_DIR_KEEP"):
        shutil.rmtree(data_dir, ignore_errors=True)


def write_report(figures: dict, counts: list, info: dict) -> None:
    load_note = (
        f"load generator: this script, {CONCURRENCY} threads with keep-alive connections "
        f"(http.client), {ROUNDS} alternating rounds of {ROUND_SECONDS:.0f} s each; gunicorn "
        "2 gthread workers × 4 threads; client, server and PostgreSQL share the machine"
    )
    text = report(figures, counts, info, load_note)
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
