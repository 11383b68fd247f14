"""Notice fan-out (issue 19): how fast a released notice reaches its recipients through the
outbox, against a bare loop of send_messages over the same recipients and backend; one Celery
worker against two.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vg_outbox \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/3 \\
    /work/main/.venv/bin/python benchmarks/notice_fanout.py --recipients 4000

The database is migrated (not dropped); the recipients are the contacts of one benchmark member,
created once. Real: from the staff's "send" (notices.services.notice_send_now: deliveries,
rendering once, recording the messages) until every message is marked sent by the workers
(solo pool, one process each). Bare: the same number of EmailMultiAlternatives, each with the
notice's text and HTML, sent in chunks of the outbox's size over one connection each
(get_connection().send_messages), in this process. Both use benchmarks.mailsink (each message
serialised to MIME bytes, then dropped). Appends its table to benchmarks/RESULTS.md.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
REGION = "扇出基准市"  # only the benchmark's member is in it


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (SQLite serialises the workers).")
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        sys.exit("Set CELERY_BROKER_URL to a Redis database of its own.")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.fanout_settings",
            "VETGROUP_TESTING": "1",  # the local secret key; tasks still go through the broker
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_RESULT_BACKEND": os.environ["CELERY_BROKER_URL"],
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def recipients(count: int):
    from members.models import Contact, Member

    member, _ = Member.objects.get_or_create(
        name="扇出基准测试企业",
        defaults={
            "kind": "enterprise",
            "status": "active",
            "region": REGION,
            "joined_on": date(2020, 1, 1),
        },  # fmt: skip
    )
    have = member.contacts.count()
    Contact.objects.bulk_create(
        Contact(member=member, name=f"联系人{i}", email=f"fanout{i:06d}@example.com")
        for i in range(have, count)
    )
    return member


def bare(count: int, chunk: int) -> float:
    """Seconds for the bare loop: build each message, send_messages a chunk per connection."""
    from django.core.mail import EmailMultiAlternatives, get_connection

    from notices.emails import NAME, NoticeEmail
    from notices.models import Notice

    notice = Notice(title="扇出基准测试通知", body="<p>请于<strong>3月15日</strong>到会。</p>")
    text, html = (part.replace(NAME, "联系人") for part in NoticeEmail._render(notice, ""))
    started = time.perf_counter()
    for start in range(0, count, chunk):
        messages = []
        for i in range(start, min(start + chunk, count)):
            message = EmailMultiAlternatives(
                notice.title, text, None, [f"fanout{i:06d}@example.com"]
            )
            message.attach_alternative(html, "text/html")
            messages.append(message)
        get_connection().send_messages(messages)
    return time.perf_counter() - started


def start_workers(n: int, log: Path) -> list[subprocess.Popen]:
    env = {**os.environ}
    with log.open("a") as out:
        return [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "vetgroup",
                    "worker",
                    "--pool=solo",
                    "-n",
                    f"fanout{i}@%h",
                    "--without-heartbeat",
                    "--without-mingle",
                    "--without-gossip",
                    "--loglevel=WARNING",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            for i in range(n)
        ]


def wait_ready(n: int) -> None:
    from vetgroup.celery import app

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0) or []) >= n:
            return
    sys.exit("workers did not start")


def real(member, workers: int, log: Path) -> tuple[float, int]:
    """Seconds from "send" until every message of the notice is marked sent."""
    from notices.models import Notice
    from notices.services import notice_send_now
    from outbox.models import Message
    from vetgroup.celery import app

    app.control.purge()
    processes = start_workers(workers, log)
    try:
        wait_ready(workers)
        notice = Notice.objects.create(
            title="扇出基准测试通知",
            body="<p>请于<strong>3月15日</strong>到会。</p>",
            audience={"scope": "members", "regions": [member.region]},
        )
        started = time.perf_counter()
        count = notice_send_now(notice=notice)
        batch = Message.objects.filter(batch=f"notice:{notice.pk}")
        waiting = batch.filter(status__in=["queued", "sending"])
        while waiting.exists():
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        sent = batch.filter(status="sent").count()
        assert sent == count, f"{sent} of {count} sent"
        return elapsed, count
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=4000)
    args = parser.parse_args()
    setup()
    from outbox.services import CHUNK

    member = recipients(args.recipients)
    log = ROOT / "test-artifacts" / "fanout-workers.log"
    log.parent.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    bare_s = bare(args.recipients, CHUNK)
    one_s, count = real(member, 1, log)
    two_s, _ = real(member, 2, log)
    bare_again_s = bare(args.recipients, CHUNK)
    load_after = os.getloadavg()
    bare_rate = count / min(bare_s, bare_again_s)
    one, two = count / one_s, count / two_s
    lines = [
        "",
        f"## Notice fan-out through the outbox ({datetime.now():%Y-%m-%d %H:%M}, "
        "`benchmarks/notice_fanout.py`)",
        "",
        f"- {count} recipients, chunks of {CHUNK}; load average before "
        f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
        f"{' '.join(f'{x:.2f}' for x in load_after)} (the workers, PostgreSQL, Redis and "
        "this script share the machine's cores)",
        "",
        "| measure | per second | ratio | target | result |",
        "|---|---|---|---|---|",
        f"| bare send_messages loop (best of 2) | {bare_rate:.0f} |  |  |  |",
        f"| notice fan-out, 1 worker | {one:.0f} | {one / bare_rate:.0%} of bare | ≥ 50% | "
        f"{'PASS' if one / bare_rate >= 0.5 else 'MISSED'} |",
        f"| notice fan-out, 2 workers | {two:.0f} | {two / one:.2f}× one worker | > 1× | "
        f"{'PASS' if two > one else 'MISSED'} |",
        "",
    ]
    print("\n".join(lines))
    with RESULTS.open("a") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    main()
