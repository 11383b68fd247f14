"""Time a 10,000-row member import: build the sheet, read it, preview it, import it.

    .venv/bin/python benchmarks/members_import.py [rows]

Runs on a throwaway SQLite database in a temporary folder unless DATABASE_URL is set (then use a
database you can afford to fill, e.g. postgres://postgres@127.0.0.1:5432/bench).
"""

import io
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
from openpyxl import Workbook  # noqa: E402

from members import importing  # noqa: E402
from members.demo import demo_credit_code  # noqa: E402
from members.models import Member  # noqa: E402

KINDS = ["企业", "职业院校", "行业协会", "高等院校", "科研机构", "政府部门"]


def sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("成员单位")
    ws.append([header for _field, header in importing.COLUMNS[:9]])
    for n in range(rows):
        kind = KINDS[n % len(KINDS)]
        ws.append(
            [
                f"广东省基准测试单位{n:05d}有限公司",
                kind,
                demo_credit_code(Member.Kind.ENTERPRISE, 70_000_000 + n),
                "东莞市长安镇",
                "模具制造",
                "正常",
                "成员单位",
                "2021-09-15",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    call_command("migrate", verbosity=0)
    Member.objects.filter(name__startswith="广东省基准测试单位").delete()
    content = sheet(rows)
    t0 = time.perf_counter()
    raw = importing.read_sheet(content, "bench.xlsx")
    t1 = time.perf_counter()
    preview = importing.build_preview(raw)
    t2 = time.perf_counter()
    assert preview.ok, preview.bad_rows[:3]
    created = importing.members_import(preview=preview, by=None)
    t3 = time.perf_counter()
    db = django.db.connection.vendor
    print(f"members import, {rows} rows, {db}, file {len(content) / 1e6:.1f} MB")
    print(f"  read sheet   {t1 - t0:6.2f} s")
    print(f"  preview      {t2 - t1:6.2f} s  (validation, duplicate checks)")
    print(f"  import       {t3 - t2:6.2f} s  ({created} members with history rows)")
    print(f"  total        {t3 - t0:6.2f} s")
    Member.objects.filter(name__startswith="广东省基准测试单位").delete()
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
