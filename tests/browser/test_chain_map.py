import pytest

from honours.models import ChainLeader
from tests.conftest import PASSWORD
from tests.factories import MemberFactory, RepresentativeFactory
from tests.honours.factories import ChainFactory, LeaderFactory, LinkFactory, PlacementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINKS = ["模具材料", "模具设计", "模具零部件", "模具加工装备", "模具装配", "检测与技术服务"]


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_map_of_a_chain_with_a_hundred_members(page, live_server, screenshot):
    chain = ChainFactory(name="模具产业链")
    links = [
        LinkFactory(
            chain=chain, name=name, position=n, programmes="" if n == 5 else "模具设计与制造"
        )
        for n, name in enumerate(LINKS)
    ]
    for n in range(100):
        link = links[n % 4]  # the last two links stay empty: gaps
        member = MemberFactory(name=f"东莞市链上{n:03d}精密模具有限公司")
        PlacementFactory(link=link, member=member)
        if n < 3:
            LeaderFactory(chain=chain, member=member)
        elif n < 12:
            LeaderFactory(chain=chain, member=member, tier=ChainLeader.Tier.SUB, link=link)
    log_in(page, live_server, RepresentativeFactory().user)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/chains/")
        assert page.locator("[data-testid=chain-link]").count() == 6
        assert page.locator(".chain-member:not(.chain-legend .chain-member)").count() == 100
        assert page.locator(".chain-links .chain-member-chief").count() == 3
        assert page.locator(".chain-links .chain-member-sub").count() == 9
        assert page.locator(".chain-link-gap").count() == 2
        screenshot(f"chain-map-{width}")
