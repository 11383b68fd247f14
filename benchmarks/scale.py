"""Issue 19's figures: every list at full size against the same list at 1/100 of its rows,
name search against the unfiltered page, the dashboard at both sizes, and the member import's
write step against a bare bulk_create. Called by benchmarks/run.py (benchmarks 6 to 9).

Two databases are built, each in a subprocess of its own (`run.py --build-lists ROWS`, with
the builders of tests/test_list_query_counts.py): the full one with LIST_FULL_ROWS rows per
list, the small one with 1/100 of that. One gunicorn serves each, and every figure alternates
a request to the full server and one to the small one, so the machine's load hits both alike.
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
LIST_FULL_ROWS = int(os.environ.get("BENCH_LIST_ROWS", "10000"))
LIST_SMALL_ROWS = LIST_FULL_ROWS // 100
REPEAT = 7  # alternated requests per figure; the median is kept

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌宇浩凯鹏辉晨欣怡雪琳婷佳俊峰亮健波春燕云飞鑫宏海林新慧丹萍晶莉颖倩楠瑞博思源子涵雨轩梓睿嘉诚泽昊天宁家豪晓东立军永清成龙德"  # noqa: E501
PLACES = ["东莞市", "广州市", "深圳市", "佛山市", "惠州市", "中山市", "珠海市", "江门市"]
TRADES = ["精密", "模具", "五金", "电子", "塑胶", "机械", "智能", "数控", "汽车", "光电",
          "新材料", "自动化", "注塑", "冲压", "压铸", "检测"]  # fmt: skip
SUFFIXES = ["有限公司", "科技有限公司", "制造有限公司", "职业技术学校", "行业协会"]


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


# --- building one database (in its own process) --------------------------------------------


def build_lists(rows: int) -> dict:
    """Every list of tests/test_list_query_counts.py with `rows` rows, realistic names for
    the searched columns, and a login (session cookie or token) per list."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.authtoken.models import Token

    from tests import test_list_query_counts as lists
    from tests.factories import StaffFactory

    call_command("migrate", verbosity=0)
    setup_test_environment()  # response.context, for the pages' paginators
    lists.ROWS = rows
    staff = StaffFactory()
    token = Token.objects.create(user=staff).key
    api = []
    for path, build in sorted(lists.API_DATA.items()):
        lists.deliveries_to(staff) if build is None else build()
        api.append({"path": path, "token": token, "size": 50})
    pages = []
    for build in lists.PAGES:
        user, path, _size_parameter, sizes = build()
        browser = Client()
        cookie = ""
        if user is not None:
            browser.force_login(user)
            cookie = f"sessionid={browser.cookies['sessionid'].value}"
        pages.append({"path": path, "cookie": cookie, "size": sizes[0], "browser": browser})
    api_client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for item in api:
        count = api_client.get(f"{item['path']}?page_size=50").json()["count"]
        item["last"] = max(1, -(-count // 50))
    for item in pages:
        item["last"] = item.pop("browser").get(item["path"]).context["page"].paginator.num_pages
    rename(rows)
    browser = Client()
    browser.force_login(staff)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    session = browser.cookies["sessionid"].value
    return {"api": api, "pages": pages, "staff_cookie": f"sessionid={session}", "token": token}


def rename(rows: int) -> None:
    """Applicants get Chinese personal names, members company names, as a search meets them."""
    from django.db import connection
    from psycopg2.extras import execute_values

    rng = random.Random(rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM enrollment_application ORDER BY id")
        names = [(pk, person_name(rng)) for (pk,) in cursor.fetchall()]
        execute_values(
            cursor.cursor, "UPDATE enrollment_application a SET full_name = v.name"
            " FROM (VALUES %s) AS v(id, name) WHERE a.id = v.id", names, page_size=5000,
        )  # fmt: skip
        cursor.execute("SELECT id FROM members_member ORDER BY id")
        names = [(pk, f"{rng.choice(PLACES)}{rng.choice(TRADES)}{rng.choice(TRADES)}{pk}"
                      f"{rng.choice(SUFFIXES)}") for (pk,) in cursor.fetchall()]  # fmt: skip
        execute_values(
            cursor.cursor, "UPDATE members_member m SET name = v.name"
            " FROM (VALUES %s) AS v(id, name) WHERE m.id = v.id", names, page_size=5000,
        )  # fmt: skip


def build_database(url: str, rows: int, recreate) -> dict:
    saved = ROOT / "test-artifacts" / f"bench-{urlparse(url).path.lstrip('/')}-{rows}.json"
    if os.environ.get("BENCH_REUSE_DATABASES") and saved.exists():
        return json.loads(saved.read_text())
    recreate(url)
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--build-lists", str(rows)],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        sys.exit(f"building {url} failed:\n{out.stderr[-3000:]}")
    built = json.loads(out.stdout.strip().splitlines()[-1])
    built["seconds"] = time.perf_counter() - began
    saved.parent.mkdir(exist_ok=True)
    saved.write_text(json.dumps(built))
    return built


def sibling_url(url: str, suffix: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=parts.path + suffix))


# --- measuring --------------------------------------------------------------------------


def get_ms(connection, path: str, cookie: str = "", token: str = "") -> float:
    headers = {"Cookie": cookie} if cookie else {}
    if token:
        headers["Authorization"] = f"Token {token}"
    began = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {body[:300]!r}")
    return (time.perf_counter() - began) * 1000


def median_pair(a, b) -> tuple[float, float]:
    """Alternating a() and b() REPEAT times (after one warm-up each); their median ms."""
    a(), b()
    times_a, times_b = [], []
    for n in range(REPEAT):
        first, second = (a, b) if n % 2 == 0 else (b, a)
        x, y = first(), second()
        (times_a if first is a else times_b).append(x)
        (times_b if first is a else times_a).append(y)
    return statistics.median(times_a), statistics.median(times_b)


def lists(full_port: int, small_port: int, full: dict, small: dict) -> list[dict]:
    big = http.client.HTTPConnection("127.0.0.1", full_port, timeout=120)
    little = http.client.HTTPConnection("127.0.0.1", small_port, timeout=120)
    rows = []
    for kind in ("api", "pages"):
        for item_full, item_small in zip(full[kind], small[kind], strict=True):
            token_full = item_full.get("token", "")
            token_small = item_small.get("token", "")
            size_query = f"page_size={item_full['size']}&" if kind == "api" else ""
            cookie_full, cookie_small = item_full.get("cookie", ""), item_small.get("cookie", "")
            for which in ("first", "last"):
                pages = (1, 1) if which == "first" else (item_full["last"], item_small["last"])
                sep = "&" if "?" in item_full["path"] else "?"
                path_full = f"{item_full['path']}{sep}{size_query}page={pages[0]}"
                path_small = f"{item_small['path']}{sep}{size_query}page={pages[1]}"
                ms_full, ms_small = median_pair(
                    partial(get_ms, big, path_full, cookie_full, token_full),
                    partial(get_ms, little, path_small, cookie_small, token_small),
                )
                rows.append({"list": item_full["path"], "page": which, "pages": pages,
                             "full_ms": ms_full, "small_ms": ms_small})  # fmt: skip
                print(f"  {item_full['path']} {which} (page {pages[0]} / {pages[1]}): "
                      f"{ms_full:.0f} vs {ms_small:.0f} ms", flush=True)  # fmt: skip
    return rows


SEARCHES = [
    ("/staff/enrollment/applications/", "q", "cookie"),
    ("/staff/members/", "search", "cookie"),
    ("/api/v1/members/", "search", "token"),
]


def searches(full_port: int, full: dict) -> list[dict]:
    """Each search against the same list unfiltered (its first page), on the full database."""
    connection = http.client.HTTPConnection("127.0.0.1", full_port, timeout=120)
    terms = {
        "/staff/enrollment/applications/": ["王伟", "陈志", "王伟明", "张子涵"],
        "/staff/members/": ["精密", "模具", "东莞市", "自动化"],
        "/api/v1/members/": ["精密", "东莞市"],
    }
    rows = []
    for path, parameter, auth in SEARCHES:
        cookie = full["staff_cookie"] if auth == "cookie" else ""
        token = full["token"] if auth == "token" else ""
        for term in terms[path]:
            query = f"{path}?{parameter}={quote(term)}"
            ms_search, ms_plain = median_pair(
                partial(get_ms, connection, query, cookie, token),
                partial(get_ms, connection, path, cookie, token),
            )
            rows.append({"list": path, "term": term, "search_ms": ms_search, "plain_ms": ms_plain})
            print(f"  {query}: {ms_search:.0f} vs unfiltered {ms_plain:.0f} ms", flush=True)
    return rows


def dashboard(full_port: int, small_port: int, full: dict, small: dict) -> dict:
    big = http.client.HTTPConnection("127.0.0.1", full_port, timeout=120)
    little = http.client.HTTPConnection("127.0.0.1", small_port, timeout=120)
    cached = median_pair(lambda: get_ms(big, "/staff/", full["staff_cookie"]),
                         lambda: get_ms(little, "/staff/", small["staff_cookie"]))  # fmt: skip
    return {"cached": cached}


def dashboard_uncached_ms() -> float:
    """Run in a database's process: the dashboard with no cache (every figure computed)."""
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    from accounts.models import User

    setup_test_environment()  # the test client's host name
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        STAFF_MFA_REQUIRED=False,
    ):
        client = Client()
        client.force_login(staff)
        client.get("/staff/")
        times = []
        for _ in range(5):
            began = time.perf_counter()
            assert client.get("/staff/").status_code == 200
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def dashboard_uncached(full_url: str, small_url: str) -> tuple[float, float]:
    def probe(url: str) -> float:
        out = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--dashboard-probe"],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        return float(out.stdout.strip().splitlines()[-1])

    full, small = [], []
    for _ in range(2):  # alternated
        full.append(probe(full_url))
        small.append(probe(small_url))
    return min(full), min(small)


# --- the member import's write step -----------------------------------------------------


def import_write_step(rows: int = 2000) -> dict:
    """members_import (bulk_create with history rows, one transaction) against a bare
    bulk_create of the same members and contacts, alternated twice each."""
    from django.db import transaction

    from benchmarks.members_import import sheet
    from members import importing
    from members.models import Contact, Member

    content = sheet(rows)

    def fresh_preview():
        Member.objects.filter(name__startswith="广东省基准测试单位").delete()
        preview = importing.build_preview(importing.read_sheet(content, "bench.xlsx"))
        assert preview.ok, preview.bad_rows[:3]
        return preview

    real, bare = [], []
    for round_no in range(4):
        preview = fresh_preview()
        began = time.perf_counter()
        if round_no % 2 == 0:
            importing.members_import(preview=preview, by=None)
            real.append(time.perf_counter() - began)
        else:
            with transaction.atomic():
                Member.objects.bulk_create([r.member for r in preview.rows], batch_size=500)
                contacts = []
                for row in preview.rows:
                    if row.contact is not None:
                        row.contact.member = row.member
                        contacts.append(row.contact)
                Contact.objects.bulk_create(contacts, batch_size=500)
            bare.append(time.perf_counter() - began)
    Member.objects.filter(name__startswith="广东省基准测试单位").delete()
    return {"rows": rows, "real_s": statistics.median(real), "bare_s": statistics.median(bare)}


# --- the report -------------------------------------------------------------------------

BEGIN, END = "<!-- issue 19: begin -->", "<!-- issue 19: end -->"


def verdict(ratio: float, limit: float) -> str:
    return "PASS" if ratio <= limit else f"MISSED ({ratio:.2f} > {limit})"


def section(figures: dict, load: str) -> str:
    lines = [BEGIN, "## Issue 19: lists, search, dashboard, import and submission at scale", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {load}. Client, "
             "servers and PostgreSQL share the machine's cores: the ratios compare requests "
             f"alternated side by side (medians of {REPEAT} each).", ""]  # fmt: skip
    if "submit" in figures:
        s = figures["submit"]
        ratio = s["real"]["per_second"] / s["bare"]["per_second"]
        lines += ["### 2. Application submission against its fair bare", "",
                  "The bare is the same two token-authenticated requests through the same "
                  "middleware doing a raw INSERT and a raw UPDATE.", "",
                  "| real pairs/s | bare pairs/s | ratio | target ≥ 50% |", "|---|---|---|---|",
                  f"| {s['real']['per_second']:.1f} | {s['bare']['per_second']:.1f} | "
                  f"{ratio:.0%} | {'PASS' if ratio >= 0.5 else 'MISSED'} |", ""]  # fmt: skip
    if "lists" in figures:
        built = figures["built"]
        lines += [f"### 6. Every list at full size ({LIST_FULL_ROWS:,} rows per list) against "
                  f"1/100 ({LIST_SMALL_ROWS:,} rows)", "",
                  f"Scale factor: the issue measured 250,000 applications and 60,000 members; "
                  f"here each list has {LIST_FULL_ROWS:,} rows (the builders of "
                  "tests/test_list_query_counts.py, so the members table holds many times "
                  f"that). Building took {built['full']:.0f} s (full) and {built['small']:.0f} s "
                  "(small).", "",
                  "| list | page (full / small) | full ms | 1/100 ms | ratio | target ≤ 1.5 |",
                  "|---|---|---|---|---|---|"]  # fmt: skip
        for row in figures["lists"]:
            ratio = row["full_ms"] / row["small_ms"]
            lines.append(f"| `{row['list']}` | {row['page']} ({row['pages'][0]} / "
                         f"{row['pages'][1]}) | {row['full_ms']:.0f} | {row['small_ms']:.0f} | "
                         f"{ratio:.2f} | {verdict(ratio, 1.5)} |")  # fmt: skip
        lines.append("")
    if "search" in figures:
        lines += ["### 7. Name search against the unfiltered first page (full size)", "",
                  "| list | term | search ms | unfiltered ms | ratio | target ≤ 1.5 |",
                  "|---|---|---|---|---|---|"]  # fmt: skip
        for row in figures["search"]:
            ratio = row["search_ms"] / row["plain_ms"]
            lines.append(f"| `{row['list']}` | {row['term']} | {row['search_ms']:.0f} | "
                         f"{row['plain_ms']:.0f} | {ratio:.2f} | "
                         f"{verdict(ratio, 1.5)} |")  # fmt: skip
        lines.append("")
    if "dashboard" in figures:
        d = figures["dashboard"]
        cached, uncached = d["cached"], d["uncached"]
        lines += ["### 8. The dashboard at full size against 1/100", "",
                  "| dashboard | full ms | 1/100 ms | ratio | target ≤ 1.5 |",
                  "|---|---|---|---|---|",
                  f"| as served (figures cached) | {cached[0]:.0f} | {cached[1]:.0f} | "
                  f"{cached[0] / cached[1]:.2f} | {verdict(cached[0] / cached[1], 1.5)} |",
                  f"| computed, no cache (in process) | {uncached[0]:.0f} | {uncached[1]:.0f} | "
                  f"{uncached[0] / uncached[1]:.2f} | {verdict(uncached[0] / uncached[1], 1.5)} |",
                  ""]  # fmt: skip
    if "import" in figures:
        i = figures["import"]
        ratio = i["real_s"] / i["bare_s"]
        lines += ["### 9. Member import write step against a bare bulk_create", "",
                  "| rows | members_import s | bare bulk_create s | ratio | target ≤ 1.5 |",
                  "|---|---|---|---|---|",
                  f"| {i['rows']:,} | {i['real_s']:.2f} | {i['bare_s']:.2f} | {ratio:.2f} | "
                  f"{verdict(ratio, 1.5)} |", ""]  # fmt: skip
    notes = ROOT / "benchmarks" / "notes-scale.md"
    if notes.exists():
        lines += [notes.read_text()]
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(results: Path, figures: dict, load: str) -> str:
    text = results.read_text() if results.exists() else ""
    block = section(figures, load)
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    results.write_text(text)
    return block
