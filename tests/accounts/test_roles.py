"""Staff roles: groups from the migration, least privilege, 403 naming the role, menus."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts import services
from accounts.models import User
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_NAMES = {
    "secretary_general",
    "member_affairs",
    "projects",
    "enrollment_reviewer",
    "reports",
    "auditor",
}


def test_the_six_roles_are_groups_made_by_the_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= ROLE_NAMES


def test_staff_without_a_role_opens_the_dashboard_and_nothing_else(client_for):
    client = client_for(StaffFactory(roles=[]))
    assert client.get(reverse("staff_dashboard")).status_code == 200
    for name in ("staff_member_list", "staff_project_list", "staff_queue", "staff_reports"):
        assert client.get(reverse(name)).status_code == 403, name


def test_a_refused_page_names_the_roles_that_may_open_it(client_for):
    response = client_for(StaffFactory(roles=["projects"])).get(reverse("staff_member_list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "成员事务" in page and "秘书长" in page


def test_a_refused_endpoint_names_the_role_in_its_json(api_client):
    api_client.force_authenticate(StaffFactory(roles=["member_affairs"]))
    response = api_client.get("/api/v1/data-calls/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "统计报告" in response.json()["detail"]


def test_the_auditor_reads_but_does_not_change(client_for, member):
    client = client_for(StaffFactory(roles=["auditor"]))
    assert client.get(reverse("staff_member_detail", args=[member.pk])).status_code == 200
    assert client.get(reverse("staff_member_edit", args=[member.pk])).status_code == 403
    response = client.post(reverse("staff_member_suspend", args=[member.pk]))
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == "active"


def test_a_superuser_without_roles_may_do_everything(client_for):
    client = client_for(UserFactory(is_staff=True, is_superuser=True))
    for name in ("staff_member_list", "staff_team", "staff_datacall_create", "staff_queue"):
        assert client.get(reverse(name)).status_code == 200, name


def test_the_menu_shows_only_what_the_role_may_open(client_for):
    page = client_for(StaffFactory(roles=["projects"])).get(reverse("staff_dashboard"))
    html = page.content.decode()
    assert reverse("staff_project_list") in html
    for name in ("staff_member_list", "staff_enrollment", "staff_datacall_list", "staff_team"):
        assert reverse(name) not in html, name


def test_the_secretary_general_menu_has_every_area(client_for):
    html = client_for(StaffFactory()).get(reverse("staff_dashboard")).content.decode()
    for name in ("staff_member_list", "staff_project_list", "staff_enrollment", "staff_team"):
        assert reverse(name) in html, name


def test_the_secretary_general_gives_and_takes_roles(client_for):
    teacher = StaffFactory(roles=[])
    client = client_for(StaffFactory())
    url = reverse("staff_team_roles", args=[teacher.pk])
    response = client.post(url, {"roles": ["enrollment_reviewer", "auditor"]})
    assert response.status_code == 302
    assert set(teacher.groups.values_list("name", flat=True)) == {"enrollment_reviewer", "auditor"}
    client.post(url, {"roles": ["auditor"]})
    assert set(teacher.groups.values_list("name", flat=True)) == {"auditor"}


def test_removing_the_last_secretary_general_is_refused_whole(client_for):
    only = StaffFactory()
    url = reverse("staff_team_roles", args=[only.pk])
    response = client_for(only).post(url, {"roles": ["auditor"]})
    assert response.status_code == 400
    assert "至少" in response.content.decode()
    assert list(only.groups.values_list("name", flat=True)) == ["secretary_general"]


def test_a_second_secretary_general_lets_the_first_step_down():
    first, _second = StaffFactory(), StaffFactory()
    services.staff_roles_set(user=first, roles=["reports"], by=first)
    assert list(first.groups.values_list("name", flat=True)) == ["reports"]


def test_roles_of_an_inactive_secretary_general_do_not_count():
    only = StaffFactory()
    StaffFactory(is_active=False)
    with pytest.raises(services.RoleError):
        services.staff_roles_set(user=only, roles=[], by=only)


def test_an_unknown_role_or_a_non_staff_user_is_refused():
    with pytest.raises(services.RoleError):
        services.staff_roles_set(user=StaffFactory(roles=[]), roles=["janitor"], by=None)
    with pytest.raises(services.RoleError):
        services.staff_roles_set(user=UserFactory(), roles=["auditor"], by=None)


def test_roles_count_only_for_active_staff(client_for):
    not_staff = UserFactory()
    not_staff.groups.add(Group.objects.get(name="secretary_general"))
    assert client_for(not_staff).get(reverse("staff_member_list")).status_code == 403


def test_the_demo_makes_one_staff_user_per_role(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    for role in ROLE_NAMES:
        assert User.objects.filter(is_staff=True, groups__name=role).count() == 1, role
    logins = (tmp_path / "staff-login.txt").read_text()
    assert all(role in logins for role in ROLE_NAMES)
    reviewer = User.objects.get(groups__name="enrollment_reviewer")
    assert reviewer.reviewed_intakes.exists()


def test_buttons_for_changes_show_only_to_roles_that_may_change(client_for):
    create = reverse("staff_member_create")
    auditor = client_for(StaffFactory(roles=["auditor"]))
    assert create not in auditor.get(reverse("staff_member_list")).content.decode()
    affairs = client_for(StaffFactory(roles=["member_affairs"]))
    assert create in affairs.get(reverse("staff_member_list")).content.decode()
