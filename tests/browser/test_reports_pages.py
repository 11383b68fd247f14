"""The secretariat's dashboard and annual report page in a real browser."""

import pytest
from django.core.management import call_command

from reports.models import AnnualReportJob
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(page, live_server, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--no-login")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + "/staff/")
    return page


def test_dashboard_draws_its_charts(staff_page, screenshot):
    page = staff_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.reload()
    assert "秘书处工作台" in page.locator("h1").inner_text()
    page.wait_for_function("() => Chart.getChart('members-by-kind') !== undefined")
    assert page.evaluate("() => Chart.getChart('members-joined').data.labels.length") == 10
    assert page.evaluate("() => Chart.getChart('enrollment-funnel') !== undefined")
    assert "东莞市长安镇" in page.locator("[data-testid=members-by-region]").inner_text()
    page.wait_for_timeout(1500)  # let the charts' animation finish
    screenshot("staff-dashboard-charts")


def test_dashboard_shows_the_work_plan_progress_and_leads_to_the_plan(
    staff_page, live_server, screenshot
):
    page = staff_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.select_option("select#year", "2022")  # the demo's work plan is the 2022 plan
    page.wait_for_url("**/staff/?year=2022")
    card = page.locator("[data-testid=plan-progress]")
    assert "2022 年工作计划进展" in card.inner_text()
    late = card.locator("[data-testid=late-tasks] tbody tr")
    assert late.count() >= 1
    assert "已逾期" in card.inner_text()
    card.scroll_into_view_if_needed()
    screenshot("staff-dashboard-work-plan")
    late.first.locator("a").click()
    page.wait_for_url("**/staff/plans/*/")
    assert page.locator("[data-testid=plan-tasks]").is_visible()


def test_staff_writes_texts_with_live_figures_and_generates_the_report(
    staff_page, live_server, screenshot
):
    page = staff_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.click("a.nav-link:has-text('年度报告')")
    page.select_option("select#year", "2021")
    page.wait_for_url("**/staff/reports/?year=2021")
    problems = page.locator("textarea[name=problems]")
    problems.fill("成员单位共 ")
    page.click("button.insert-figure[data-code=members_total]")
    preview = page.locator("[data-preview-for=id_problems]")
    assert preview.inner_text().strip() == "成员单位共 128"  # the demo group at the end of 2021
    page.click("[data-testid=draft-form] button[type=submit]")
    assert "已保存" in page.locator(".alert").first.inner_text()
    page.click("[data-testid=generate]")
    # Celery runs eagerly in tests: the job is done when the page comes back.
    versions = page.locator("[data-testid=versions]")
    assert "已完成" in versions.inner_text()
    job = AnnualReportJob.objects.get(year=2021)
    with page.expect_download() as download:
        page.click(f"a[href='/staff/reports/jobs/{job.pk}/pdf/']")
    assert download.value.suggested_filename.endswith(".pdf")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("staff-annual-report")


def test_report_page_on_a_phone(staff_page, live_server, screenshot):
    page = staff_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/staff/reports/?year=2021")
    assert page.locator("[data-testid=generate]").is_visible()
    screenshot("staff-annual-report-phone")


def test_progress_bar_follows_a_running_job_until_it_is_done(staff_page, live_server, staff):
    page = staff_page
    job = AnnualReportJob.objects.create(year=2020, created_by=staff)  # no worker picks it up
    page.goto(live_server.url + "/staff/reports/?year=2020")
    assert page.locator("[data-testid=job-progress]").is_visible()
    assert not page.locator("[data-testid=generate]").count()
    AnnualReportJob.objects.filter(pk=job.pk).update(status="running", progress=45)
    page.wait_for_function(
        "() => document.querySelector('#job-progress .job-percent').textContent === '45%'"
    )
    assert page.locator("#job-progress .job-status").inner_text() == "生成中"
    AnnualReportJob.objects.filter(pk=job.pk).update(status="failed", error="磁盘已满")
    page.wait_for_selector("[data-testid=generate]")  # the page reloaded: the job is over
    assert "磁盘已满" in page.locator("[data-testid=versions]").inner_text()


def test_cooperation_network_draws_partners(staff_page, live_server, screenshot):
    from datetime import date

    from members.models import Member
    from partnerships.models import Participant, Project

    school = Member.objects.get(name="东莞市机电工程学校")
    enterprises = Member.objects.filter(kind="enterprise").order_by("name")[:12]
    for n, firm in enumerate(enterprises):
        project = Project.objects.create(
            title=f"合作项目{n}", kind="order_class", status="running", signed_on=date(2021, 3, 1)
        )
        Participant.objects.create(project=project, member=school, role="school")
        Participant.objects.create(project=project, member=firm, role="enterprise")
    page = staff_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.click("a:has-text('合作网络')")
    page.select_option("select#year", "2021")
    page.wait_for_url("**/staff/reports/network/?year=2021")
    from reports.selectors import cooperation_network

    # The twelve new pairs, plus the demo group's own projects of 2021.
    edges = cooperation_network(2021).edges
    assert sum(1 for a, b, _ in edges if "东莞市机电工程学校" in (a.name, b.name)) >= 12
    assert page.locator("[data-testid=network] line").count() == len(edges)
    assert "东莞市机电工程学校" in page.locator("[data-testid=network]").text_content()
    screenshot("staff-cooperation-network")
