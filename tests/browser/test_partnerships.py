import pytest
from django.core.management import call_command

from members.models import Member
from partnerships.models import Project
from tests.conftest import PASSWORD
from tests.factories import RepresentativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_staff_enters_an_industry_college_and_signs_it(
    page, live_server, staff, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--no-login")
    page.set_viewport_size({"width": 1400, "height": 900})
    log_in(page, live_server, staff)
    page.goto(live_server.url + "/staff/projects/new/")
    page.fill("input[name=title]", "捷荣精密结构件产业学院")
    page.select_option("select[name=kind]", "industry_college")
    page.select_option("select[name=status]", "negotiating")
    for index, (name, role) in enumerate(
        [
            ("东莞捷荣技术股份有限公司", "enterprise"),
            ("广东日信高精密科技有限公司", "site_provider"),
            ("长安人力资源分局", "coordinator"),
        ]
    ):
        page.select_option(f"select[name=participants-{index}-member]", label=name)
        page.select_option(f"select[name=participants-{index}-role]", role)
    page.click("form[data-testid=project-form] button[type=submit]")
    page.wait_for_selector("[data-testid=participants]")
    project = Project.objects.get(title="捷荣精密结构件产业学院")
    assert page.locator("[data-testid=participants] tr").count() == 3

    # Move it to signed, then record the agreement with a PDF.
    page.click("[data-testid=move-form] button[value=signed]")
    page.wait_for_selector(".alert-success")
    assert page.locator("[data-testid=project-status]").inner_text() == "已签约"
    page.click("button[data-bs-target='#agreement-form']")
    pdf = tmp_path / "agreement.pdf"
    pdf.write_bytes(PDF)
    page.fill("#agreement-form input[name=signed_on]", "2021-06-18")
    page.fill("#agreement-form input[name=expires_on]", "2024-06-17")
    page.set_input_files("#agreement-form input[name=document]", str(pdf))
    page.click("#agreement-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "agreement" in page.locator("[data-testid=agreement]").inner_text()
    project.refresh_from_db()
    assert project.status == "signed" and str(project.signed_on) == "2021-06-18"
    screenshot("partnerships-project-page")

    page.goto(live_server.url + "/staff/projects/board/")
    signed = page.locator("section[data-status=signed]")
    assert "捷荣精密结构件产业学院" in signed.inner_text()
    screenshot("partnerships-board")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/staff/projects/{project.pk}/")
    screenshot("partnerships-project-page-phone")
    page.set_viewport_size({"width": 1400, "height": 900})

    page.goto(live_server.url + "/staff/projects/?year=2021")
    assert "端品模具研发及工程中心" in page.locator("[data-testid=project-table]").inner_text()
    screenshot("partnerships-project-list")

    plan = project.plan_tasks.model.objects.get(number=1).plan
    page.goto(live_server.url + f"/staff/plans/{plan.pk}/")
    assert page.locator("[data-testid=plan-tasks] tbody tr").count() == 13
    screenshot("partnerships-work-plan")


def test_representatives_see_projects_offer_places_and_a_school_finds_them(
    page, live_server, screenshot, browser
):
    call_command("load_demo", "--no-login")
    rixin = Member.objects.get(name="广东日信高精密科技有限公司")
    rep = RepresentativeFactory(member=rixin, user__username="rixin").user
    school = Member.objects.get(name="东莞市机电工程学校")
    school_rep = RepresentativeFactory(member=school, user__username="jidian").user

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, rep)
    page.goto(live_server.url + "/member/projects/")
    assert "捷荣模具产业学院" in page.locator("[data-testid=member-projects]").inner_text()
    screenshot("partnerships-member-projects")

    page.goto(live_server.url + "/member/internships/new/")
    page.fill("input[name=position]", "精密模具钳工（岗位实习）")
    page.fill("input[name=places]", "8")
    page.fill("input[name=programmes]", "模具制造技术")
    page.fill("input[name=location]", "东莞市长安镇")
    page.fill("input[name=starts_on]", "2027-03-01")
    page.fill("input[name=ends_on]", "2027-08-31")
    page.fill("input[name=supervisor]", "日信模具部主管")
    page.click("form[data-testid=offer-form] button[type=submit]")
    page.wait_for_selector("[data-testid=places-free]")
    assert page.locator("[data-testid=places-free]").inner_text() == "8"

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    school_page = context.new_page()
    log_in(school_page, live_server, school_rep)
    school_page.goto(live_server.url + "/internships/?programme=模具&available_from=2027-03-01")
    offers = school_page.locator("[data-testid=offers]").inner_text()
    assert "精密模具钳工" in offers
    school_page.screenshot(path=str(_artifact("partnerships-pool")), full_page=True)
    context.close()


def _artifact(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
