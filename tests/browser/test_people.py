import pytest
from django.core.management import call_command

from people.models import Person, Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_staff_browse_the_registry_and_the_2021_dashboard(page, live_server, staff, screenshot):
    call_command("load_demo", "--no-login")
    log_in(page, live_server, staff)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/staff/people/?q=周发印")
    page.click("text=周发印")
    assert "东莞市艾尔玛科技有限公司" in page.locator("[data-testid=person-roles]").inner_text()
    screenshot("people-person-1366")
    page.goto(live_server.url + "/staff/people/?role=intern")
    assert "共 65 人" in page.content()
    screenshot("people-list-1366")
    page.goto(live_server.url + "/staff/?year=2021")
    figures = page.locator("[data-testid=people-figures]").inner_text()
    assert "65" in figures and "816" in figures
    screenshot("people-dashboard-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/staff/people/?role=part_time_teacher")
    screenshot("people-list-390")


def test_representative_records_an_intern(page, live_server, representative, member, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, representative)
    page.goto(live_server.url + "/member/people/")
    page.click("text=登记人员")
    page.fill("input[name=full_name]", "张同学")
    page.fill("input[name=origin_region]", "云南巧家")
    page.fill("input[name=phone]", "13812345678")
    page.click("main form button[type=submit]")
    assert "已登记 张同学" in page.content()
    assert "138****5678" in page.content() and "13812345678" not in page.content()
    page.click("[data-testid=add-role] >> text=实习生")
    page.select_option("select[name=partner]", str(member.pk))
    page.fill("input[name=starts_on]", "2021-07-01")
    page.fill("input[name=ends_on]", "2021-06-30")
    page.click("main form button[type=submit]")
    assert "结束日期不能早于开始日期" in page.content()
    screenshot("people-role-error-390")
    page.fill("input[name=ends_on]", "2022-06-30")
    page.check("input[name=agreement_on_file]")
    page.click("main form button[type=submit]")
    assert "角色已保存" in page.content()
    screenshot("people-person-390")
    person = Person.objects.get(full_name="张同学")
    assert not person.is_confirmed
    assert Role.objects.get(person=person).agreement_on_file
