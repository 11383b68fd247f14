"""Staff write a notice to all enterprise members in the browser, count, send, and watch."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from members.models import Member
from notices.models import Delivery, Notice
from tests.browser.conftest import CHROMIUM, browser_type_launch_args, screenshot  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

from .factories import ContactFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not found"),
]


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_staff_send_a_notice_to_all_enterprises_and_see_the_states(
    page,
    live_server,
    screenshot,  # noqa: F811
):
    staff = StaffFactory(username="secretary")
    for i in range(3):
        member = MemberFactory(name=f"东莞市第{i}精密模具有限公司")
        RepresentativeFactory(member=member)
        ContactFactory(member=member, name=f"人事{i}")
    school = MemberFactory(name="东莞市机电工程学校", kind=Member.Kind.VOCATIONAL_SCHOOL)
    ContactFactory(member=school)
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/notices/")
    page.click("text=新建通知")
    page.fill("input[name=title]", "关于召开2026年度理事会的通知")
    # The formatting toolbar, built by a script once the page has loaded.
    expect(page.locator("[role=toolbar] button")).to_have_count(7)
    page.fill("textarea[name=body]", "<p>定于<strong>3月15日</strong>召开理事会。</p>")
    page.select_option("select[name=kind]", "event")
    page.select_option("select[name=response]", "reply")
    page.fill("input[name=reply_prompt]", "贵单位是否派人参加？")
    page.check("input[name=kinds][value=enterprise]")
    page.click("[data-testid=count-recipients]")
    assert "6 人" in page.locator("[data-testid=recipient-count]").inner_text()
    page.click("button[name=save]")
    assert "6" in page.locator("[data-testid=send-panel]").inner_text()
    screenshot("notices-staff-before-send")
    page.click("[data-testid=send-now]")
    page.wait_for_load_state()
    notice = Notice.objects.get()
    assert notice.deliveries.in_state(Delivery.Status.SENT).count() == 6
    assert "通知正在发送给 6 位收件人" in page.content()
    page.reload()
    assert page.locator("[data-testid=deliveries] tbody tr").count() == 6
    screenshot("notices-staff-deliveries")
