"""The cooperation network: who partners with whom, and who stands alone."""

from datetime import date

import pytest

from members.models import Member
from partnerships.models import Participant, Project
from reports.selectors import cooperation_network
from tests.factories import MemberFactory

from .factories import ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db
URL = "/staff/reports/network/"


@pytest.fixture
def partners():
    school = MemberFactory(
        name="东莞市机电工程学校", kind=Member.Kind.VOCATIONAL_SCHOOL, joined_on=date(2013, 10, 18)
    )
    firm = MemberFactory(name="东莞市艾尔玛科技有限公司", joined_on=date(2013, 10, 18))
    for title in ("艾尔玛模具制造191班", "艾尔玛顶岗实习"):
        project = ProjectFactory(title=title, signed_on=date(2021, 3, 10))
        ParticipantFactory(project=project, member=school, role=Participant.Role.SCHOOL)
        ParticipantFactory(project=project, member=firm, role=Participant.Role.ENTERPRISE)
    talks = ProjectFactory(status=Project.Status.NEGOTIATING, signed_on=date(2021, 1, 1))
    lonely = MemberFactory(name="只在洽谈的企业", joined_on=date(2015, 1, 1))
    ParticipantFactory(project=talks, member=lonely)
    ParticipantFactory(project=talks, member=school, role=Participant.Role.SCHOOL)
    return school, firm, lonely


def test_members_sharing_projects_are_joined_and_the_rest_stand_alone(partners):
    school, firm, lonely = partners
    network = cooperation_network(2021)
    assert [(a.name, b.name, n) for a, b, n in network.edges] == [(school.name, firm.name, 2)]
    positions = {node.name: node.x for node in network.nodes}
    assert positions[school.name] < positions[firm.name]  # schools left, enterprises right
    assert [m.name for m in network.alone] == [lonely.name]  # talks do not count
    assert network.alone_count == 1


def test_network_page_for_staff(client_for, staff, partners, django_assert_max_num_queries):
    client = client_for(staff)
    # one for the staff user's roles, two for the site's texts (read once per cache period)
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"year": 2021})
    page = response.content.decode()
    assert 'data-testid="network"' in page
    assert "只在洽谈的企业" in page


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_see_the_network(client_for, request, user_fixture):
    assert client_for(request.getfixturevalue(user_fixture)).get(URL).status_code == 403


def test_anonymous_is_sent_to_login_from_the_network(client, db):
    assert client.get(URL).url.startswith("/accounts/login/")
