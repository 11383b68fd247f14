import pytest
from django.core.management import call_command

from members.models import JoinApplication, Member
from tests.browser.conftest import joined_since_the_seed
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_staff_searches_the_directory_and_opens_a_member(page, live_server, staff, screenshot):
    call_command("load_demo", "--no-login")
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/members/")
    assert "成员单位名录" in page.locator("h1").inner_text()
    count = 128 + joined_since_the_seed()  # the seed's 128 at the end of 2021
    assert f"找到 {count} 家成员单位" in page.locator("[data-testid=result-count]").inner_text()
    screenshot("members-directory")
    page.fill("input[name=search]", "端品")
    page.click("[data-testid=filter-submit]")
    page.wait_for_url("**search=**")
    rows = page.locator("[data-testid=member-table] tbody tr")
    assert rows.count() == 1
    page.click("text=东莞市端品精密科技有限公司")
    assert page.locator("h1").inner_text() == "东莞市端品精密科技有限公司"
    page.click("text=编辑")
    page.fill("input[name=industry]", "精密模具研发")
    page.click("main form button[type=submit]")
    history = page.locator("[data-testid=history]").inner_text()
    assert "精密模具" in history and "精密模具研发" in history
    screenshot("member-page")


def test_representative_edits_its_profile(page, live_server, representative, member, screenshot):
    log_in(page, live_server, representative)
    assert page.url == f"{live_server.url}/member/{member.pk}/"
    page.click("[data-testid=edit-profile]")
    page.fill("input[name=offers_internship_places]", "20")
    page.fill("textarea[name=description]", "注塑与精密模具企业，提供顶岗实习岗位。")
    screenshot("member-profile-form")
    page.click("main form button[type=submit]")
    assert "单位资料已保存" in page.content()
    member.refresh_from_db()
    assert member.offers_internship_places == 20
    screenshot("member-own-page")


def test_join_application_from_form_to_approval(page, live_server, staff, screenshot):
    applicant = UserFactory(email="liu@example.com")
    log_in(page, live_server, applicant)
    page.goto(live_server.url + "/join/")
    page.fill("input[name=name]", "东莞极飞无人机科技有限公司")
    page.select_option("select[name=kind]", "enterprise")
    page.fill("input[name=region]", "东莞市")
    page.fill("input[name=contact_name]", "刘经理")
    page.fill("input[name=contact_phone]", "13800138000")
    screenshot("join-form")
    page.click("[data-testid=join-form] button[type=submit]")
    assert "待审核" in page.content()
    page.click("form[action='/accounts/logout/'] button")

    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/members/?status=applying")
    page.click("text=东莞极飞无人机科技有限公司")
    screenshot("join-review")
    page.click("[data-testid=approve]")
    assert "现为正常成员单位" in page.content()
    member = Member.objects.get(name="东莞极飞无人机科技有限公司")
    assert member.status == "active" and member.joined_on is not None
    assert JoinApplication.objects.get().status == "approved"
    assert member.representatives.filter(user=applicant).exists()


def test_visitor_browses_the_member_showcase(page, live_server, screenshot):
    call_command("load_demo", "--no-login")
    page.goto(live_server.url + "/")
    page.click("nav >> text=成员单位")
    assert "成员单位" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=showcase] .card").count() == 60
    page.click("text=职业院校")
    assert page.locator("[data-testid=showcase] >> text=东莞市机电工程学校").count() == 1
    screenshot("member-showcase")


def test_staff_see_who_has_gone_quiet(page, live_server, staff, screenshot):
    call_command("load_demo", "--no-login")
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/members/")
    page.click("text=沉寂单位")
    page.click("text=24 个月")
    assert "东莞市机电工程学校" in page.content()
    screenshot("members-gone-quiet")


@pytest.mark.parametrize("width", [390, 1366])
def test_staff_import_a_secretariats_own_list(
    page, live_server, staff, screenshot, width, tmp_path
):
    from tests.members.test_import_export import secretariat_list

    path = tmp_path / "成员单位名单.xlsx"
    path.write_bytes(secretariat_list().read())
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/members/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("main form button[type=submit]")
    skipped = page.locator("[data-testid=import-skipped]").inner_text()
    assert "第 4 行" in skipped and "合计行：第 8 行" in skipped and "备注" in skipped
    assert "东莞市塘厦镇" in page.locator("[data-testid=import-ready]").inner_text()
    screenshot(f"member-import-preview-{width}")
    page.click("[data-testid=import-ready] button[type=submit]")
    page.wait_for_url("**/staff/members/")
    assert Member.objects.count() == 3
