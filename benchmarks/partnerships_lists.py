"""Query counts and response times of the project and pool lists at 10,000 projects.

    VETGROUP_TESTING=1 .venv/bin/python benchmarks/partnerships_lists.py [projects]

Runs against a throw-away SQLite database in memory (or DATABASE_URL's test database is not
touched: the script always builds its own). Prints one line per page.
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("VETGROUP_TESTING", "1")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetgroup.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from members.models import Member, Representative  # noqa: E402
from partnerships.models import InternshipOffer, Participant, Project  # noqa: E402


def build(n: int) -> tuple[User, User]:
    call_command("migrate", verbosity=0)
    members = Member.objects.bulk_create(
        Member(name=f"成员单位{i}", kind="enterprise", joined_on=date(2015, 1, 1))
        for i in range(200)
    )
    kinds, statuses = Project.Kind.values, Project.Status.values
    projects = Project.objects.bulk_create(
        Project(
            title=f"项目{i}",
            kind=kinds[i % len(kinds)],
            status=statuses[i % len(statuses)],
            signed_on=date(2014 + i % 10, 1 + i % 12, 1),
            students=i % 50,
        )
        for i in range(n)
    )
    Participant.objects.bulk_create(
        Participant(project=p, member=members[(i + k) % len(members)], role=role)
        for i, p in enumerate(projects)
        for k, role in enumerate(["school", "enterprise"])
    )
    InternshipOffer.objects.bulk_create(
        InternshipOffer(
            member=members[i % len(members)],
            position=f"岗位{i}",
            places=10,
            programmes="模具制造技术",
            location="东莞市长安镇",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 8, 31),
            supervisor="王工",
        )
        for i in range(2000)
    )
    staff = User.objects.create(username="staff", is_staff=True, is_superuser=True)
    rep = User.objects.create(username="rep")
    Representative.objects.create(user=rep, member=members[0])
    return staff, rep


def measure(client: Client, url: str, rounds: int = 5) -> tuple[int, float, int]:
    client.get(url)  # warm up
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    started = time.perf_counter()
    for _ in range(rounds):
        client.get(url)
    return len(queries), (time.perf_counter() - started) / rounds * 1000, response.status_code


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    staff, rep = build(n)
    print(f"{Project.objects.count()} projects, {Participant.objects.count()} participants")
    for user, urls in [
        (
            staff,
            [
                "/staff/projects/",
                "/staff/projects/?year=2021&kind=order_class",
                "/staff/projects/?search=项目99",
                "/staff/projects/board/",
                "/api/v1/projects/?page_size=200",
                "/api/v1/projects/?year=2020",
                "/internships/",
                "/api/v1/internship-offers/?page_size=200",
            ],
        ),
        (rep, ["/member/projects/", "/api/v1/projects/"]),
    ]:
        client = Client()
        client.force_login(user)
        for url in urls:
            count, ms, status = measure(client, url)
            print(f"{user.username:6} {url:48} HTTP {status}  {count:3d} queries  {ms:7.1f} ms")


if __name__ == "__main__":
    main()
