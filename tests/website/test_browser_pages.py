"""The public site and the inbox in headless Chromium, on a desktop and on a phone."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notices import services
from notices.models import Notice
from tests.browser.conftest import CHROMIUM, browser_type_launch_args, screenshot  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import MemberFactory, RepresentativeFactory
from tests.notices.factories import NoticeFactory

from .factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not found"),
]

PHONE = {"width": 390, "height": 844}


def news(count: int) -> None:
    now = timezone.now()
    for i in range(count):
        ArticleFactory(
            title=f"东莞模具职教集团校企合作动态第{i + 1}期",
            summary="端品模具研发及工程中心签约，25名学生组建项目班。",
            published_at=now - timezone.timedelta(days=i + 1),
        )


def test_public_news_list_pages_on_a_desktop(page, live_server, screenshot):  # noqa: F811
    news(12)
    page.goto(live_server.url + "/news/")
    assert page.locator("h1").inner_text() == "新闻动态"
    assert page.locator("[data-testid=news-list] article").count() == 10
    assert page.locator("meta[property='og:title']").get_attribute("content") == "新闻动态"
    screenshot("website-news-list")
    page.click("a[rel=next]")
    assert page.locator("[data-testid=news-list] article").count() == 2
    page.locator("[data-testid=news-list] article a.stretched-link").first.click()
    assert "第11期" in page.locator("h1").inner_text()


def test_public_news_list_on_a_phone(page, live_server, screenshot):  # noqa: F811
    news(3)
    MemberFactory(name="东莞市端品精密科技有限公司", group_role="vice_chair")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/news/")
    cards = page.locator("[data-testid=news-list] article")
    assert cards.count() == 3
    # One card a row on a phone: the card is nearly as wide as the screen.
    assert cards.first.bounding_box()["width"] > 300
    screenshot("website-news-list-phone")
    page.goto(live_server.url + "/members/")
    assert "东莞市端品精密科技有限公司" in page.content()
    screenshot("website-showcase-phone")


def test_representative_reads_a_notice_in_the_inbox_and_confirms(
    page,
    live_server,
    screenshot,  # noqa: F811
):
    rep = RepresentativeFactory(user__username="rep").user
    for title in ("关于报送2025年度数据的通知", "2026年理事会会议通知"):
        notice = NoticeFactory(
            title=title,
            response=Notice.Response.REPLY,
            reply_prompt="贵单位是否派人参加3月15日的理事会？",
            kind="event",
        )
        services.notice_release(notice_id=notice.pk, statuses=["draft"])
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", rep.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + "/inbox/")
    expect(page.locator("[data-testid=unread-count]")).to_have_text("2")
    screenshot("notices-inbox")
    page.locator("[data-testid=inbox-list] a").first.click()
    page.check("input[name=reply][value=yes]")
    page.fill("textarea[name=reply_text]", "两人参加")
    page.click("[data-testid=reply] button[type=submit]")
    assert "您的回复已提交给秘书处" in page.content()
    expect(page.locator("[data-testid=unread-count]")).to_have_text("1")
    page.goto(live_server.url + "/news/")  # the badge on any page, fetched after load
    expect(page.locator("[data-testid=unread-count]")).to_have_text("1")
    screenshot("notices-inbox-detail")


def test_staff_approve_a_member_news_item_and_it_shows(
    page,
    live_server,
    screenshot,  # noqa: F811
):
    from tests.factories import StaffFactory
    from website.models import Article

    rep = RepresentativeFactory(member__name="东莞市艾尔玛科技有限公司")
    Article.objects.create(
        title="艾尔玛与学校共建注塑实训室",
        summary="企业投入设备，工程师驻校授课。",
        body="<p>艾尔玛科技与东莞市机电工程学校共建注塑实训室。</p>",
        category=Article.Category.MEMBER,
        status=Article.Status.PENDING,
        member=rep.member,
        submitted_by=rep.user,
    )
    staff = StaffFactory(username="editor")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + "/staff/news/")
    expect(page.locator("[data-testid=pending-count]")).to_have_text("1")
    screenshot("website-staff-news-pending")
    page.click("text=审核通过")
    assert "新闻已发布" in page.content()
    page.goto(live_server.url + "/news/")
    page.click("text=艾尔玛与学校共建注塑实训室")
    expect(page.locator("[data-testid=article-body]")).to_contain_text("共建注塑实训室")
    screenshot("website-article")
