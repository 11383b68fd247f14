"""The main pages run under the Content-Security-Policy without a single violation in Chromium."""

import pytest
from django.core.management import call_command

from tests.conftest import PASSWORD
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = ["/", "/news/", "/members/", "/internships/", "/open-data/", "/intakes/",
          "/accounts/login/", "/accounts/signup/", "/join/", "/api/docs/"]  # fmt: skip
STAFF = [
    "/staff/", "/staff/members/", "/staff/members/new/", "/staff/members/import/",
    "/staff/projects/", "/staff/projects/board/", "/staff/plans/", "/staff/enrollment/",
    "/staff/enrollment/intakes/new/", "/staff/enrollment/applications/", "/staff/reports/",
    "/staff/reports/network/", "/staff/trends/", "/staff/years/", "/staff/data-calls/",
    "/staff/notices/", "/staff/notices/new/", "/staff/news/new/", "/inbox/", "/admin/",
]  # fmt: skip

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
    [e.violatedDirective, e.blockedURI || "inline", e.sourceFile, e.lineNumber].join(" ")));
"""


def violations_on(page, url: str) -> list[str]:
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security" in m.text else None)
    response = page.goto(url)
    assert response.status < 400, url
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return console + page.evaluate("window.__csp")


def log_in(page, base: str, user) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_public_and_staff_pages_break_no_rule_of_the_policy(page, live_server):
    call_command("load_demo", "--no-login")
    page.add_init_script(RECORD_VIOLATIONS)
    found = {url: violations_on(page, live_server.url + url) for url in PUBLIC}
    staff = StaffFactory(username="csp-staff", is_superuser=True)
    log_in(page, live_server.url, staff)
    from members.models import Member
    from partnerships.models import Project, WorkPlan
    from website.models import Article

    details = [
        f"/staff/members/{Member.objects.first().pk}/",
        f"/staff/projects/{Project.objects.first().pk}/",
        f"/staff/plans/{WorkPlan.objects.first().pk}/",
        Article.objects.published().first().get_absolute_url(),
    ]
    found |= {url: violations_on(page, live_server.url + url) for url in STAFF + details}
    assert {url: v for url, v in found.items() if v} == {}


def test_the_applicant_form_breaks_no_rule_and_its_script_runs(page, live_server):
    from tests.enrollment.factories import IntakeFactory

    intake = IntakeFactory()
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, live_server.url, UserFactory(username="csp-applicant"))
    assert violations_on(page, f"{live_server.url}/applicant/apply/{intake.pk}/") == []
    page.fill("#id_id_number", "44190019880517123X")
    # The script (a static file now) still reads the ID number as it is typed.
    assert page.locator("#id-facts").is_visible()
