"""The yearly review as people do it: staff open it, the representative confirms from its home
page, staff pass the member, the representative downloads the certificate and its QR code's
page says it is valid (looked at on a phone)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Certificate
from tests.conftest import PASSWORD
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_a_review_from_opening_to_a_verified_certificate(page, live_server, screenshot, tmp_path):
    member = MemberFactory(name="东莞市横沥模具科技有限公司", group_role="vice_chair")
    MemberFactory.create_batch(3)
    rep = RepresentativeFactory(member=member).user
    staff = StaffFactory(roles=["member_affairs"])
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/reviews/")
    year = timezone.localdate().year - 1
    page.fill("input[name=year]", str(year))
    page.fill("input[name=deadline]", (timezone.localdate() + timedelta(days=30)).isoformat())
    page.click("text=发起年检")
    assert page.locator("[data-testid=review-row]").count() == 4

    log_in(page, live_server, rep)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/member/")
    assert "请在" in page.locator("[data-testid=review-task-alert]").inner_text()
    page.click("text=立即确认")
    page.click("[data-testid=review-confirm]")
    assert "谢谢" in page.content()
    screenshot("member-review-390")

    log_in(page, live_server, staff)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/staff/reviews/")
    page.click(f"text={year}")
    page.click("[data-testid=show-silent]")
    assert page.locator("[data-testid=review-row]").count() == 3  # the others have not answered
    page.click('a[href="?show=all"]')
    row = page.locator("[data-testid=review-row]", has_text=member.name)
    row.locator("select[name=result]").select_option("passed")
    row.locator("button[type=submit]", has_text="保存").click()
    assert "合格" in page.locator("[data-testid=review-row]", has_text=member.name).inner_text()
    screenshot("staff-review-1366")

    log_in(page, live_server, rep)
    page.goto(live_server.url + f"/member/{member.pk}/review/")
    with page.expect_download() as download:
        page.click("[data-testid=certificate-download]")
    assert download.value.suggested_filename.endswith(".pdf")
    certificate = Certificate.objects.get(member=member)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/certificates/{certificate.token}/")
    assert "证书真实有效" in page.locator("[data-testid=certificate-state]").inner_text()
    screenshot("certificate-verify-390")
