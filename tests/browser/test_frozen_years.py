"""Frozen years, trends and open data in a real browser (issue 9)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.models import YearSnapshot
from tests.conftest import PASSWORD
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--no-login")


@pytest.fixture
def staff_page(page, live_server, staff, demo):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + "/staff/")
    return page


def test_staff_freeze_a_year_then_correct_it_and_see_the_difference(staff_page, screenshot):
    page = staff_page
    page.click("a.nav-link:has-text('年度数据封存')")
    page.wait_for_url("**/staff/years/")
    years = page.locator("[data-testid=frozen-years]")
    assert "已封存 v1" in years.locator("tr[data-year='2020']").inner_text()
    # The demo's data calls froze 2021 and last year when they closed; this year is open.
    this = timezone.localdate().year
    assert "已封存 v1" in years.locator("tr[data-year='2021']").inner_text()
    assert "尚未封存" in years.locator(f"tr[data-year='{this}']").inner_text()
    # No reason: refused with a message, the chosen year kept.
    page.select_option("#id_year", str(this))
    page.click("[data-testid=freeze-submit]")
    assert "年度未封存" in page.locator(".alert").first.inner_text()
    assert page.locator("#id_year").input_value() == str(this)
    assert page.locator(".invalid-feedback").is_visible()
    page.fill("[data-testid=freeze-reason]", f"{this} 年度数据征集结束，秘书处审定")
    page.click("[data-testid=freeze-submit]")
    page.wait_for_url(f"**/staff/years/{this}/v1/")
    assert f"{this} 年度数据征集结束" in page.locator("[data-testid=snapshot-meta]").inner_text()
    page.goto(page.url.replace(f"/staff/years/{this}/v1/", "/staff/years/"))
    screenshot("frozen-years-list")

    # A member recorded late: the correction is version 2, with its difference.
    MemberFactory(name="东莞市补录模具有限公司", joined_on=date(2021, 6, 1))
    page.click("tr[data-year='2021'] a:has-text('v1')")
    page.fill("[data-testid=freeze-reason]", "补录一家 2021 年加入的企业")
    page.click("[data-testid=freeze-submit]")
    page.wait_for_url("**/staff/years/2021/v2/")
    diff = page.locator("[data-testid=snapshot-diff]")
    assert "v1 到 v2 的变化" in diff.inner_text()
    assert "members_total" in diff.inner_text() and "+1" in diff.inner_text()
    assert YearSnapshot.objects.filter(year=2021).count() == 2
    screenshot("frozen-year-version-diff")

    # The report page now says which version it is written from.
    page.goto(page.url.split("/staff/")[0] + "/staff/reports/?year=2021")
    assert "数据版本 v2" in page.locator("[data-testid=data-version]").inner_text()


def test_the_trends_chart_reads_the_frozen_years_and_marks_the_live_year(
    staff_page, live_server, screenshot
):
    page = staff_page
    page.click("a.nav-link:has-text('趋势')")
    page.wait_for_url("**/staff/trends/")
    page.wait_for_function("() => Chart.getChart('trend-chart') !== undefined")
    labels = page.evaluate("() => Chart.getChart('trend-chart').data.labels")
    current = timezone.localdate().year
    assert labels[0] == "2013" and labels[-1] == f"{current}（实时）"
    assert "2020" in labels
    assert page.locator("[data-testid=live-year]").is_visible()
    page.wait_for_timeout(1500)  # let the chart's animation finish
    screenshot("trends-chart")
    page.goto(live_server.url + "/staff/")
    page.wait_for_function("() => Chart.getChart('trend-chart') !== undefined")


def test_the_open_data_page_in_chinese_and_in_english(page, live_server, demo, screenshot):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + "/")
    page.click("[data-testid=footer-open-data]")
    page.wait_for_url("**/open-data/")
    table = page.locator("[data-testid=open-data]")
    assert "开放数据" in page.locator("h1").inner_text()
    page.click("[data-testid=open-data-years] a[data-year='2020']")
    page.wait_for_url("**/open-data/?year=2020")
    assert "v1" in table.locator("th[data-year='2020']").inner_text()
    assert "年末成员单位" in table.inner_text() or "成员单位" in table.inner_text()
    screenshot("open-data-zh")
    page.click("[data-testid=language-en]")
    page.wait_for_url("**/open-data/?year=2020")
    assert "Open data" in page.locator("h1").inner_text()
    assert "Member organisations at the end of the year" in table.inner_text()
    screenshot("open-data-en")
