from datetime import date, timedelta

import pytest
from django.utils import timezone

from partnerships.selectors import members_gone_quiet
from tests.factories import MemberFactory, RepresentativeFactory

from .factories import ParticipantFactory

OLD = date(2015, 1, 1)


def quiet_names(months: int = 12) -> set[str]:
    return {m.name for m in members_gone_quiet(months)}


@pytest.mark.django_db
def test_quiet_member_is_listed_and_signs_of_life_remove_it():
    MemberFactory(name="沉默", joined_on=OLD)
    MemberFactory(name="新加入", joined_on=timezone.localdate() - timedelta(days=30))
    MemberFactory(name="更新过", joined_on=OLD, profile_updated_at=timezone.now())
    RepresentativeFactory(
        member=MemberFactory(name="登录过", joined_on=OLD),
        user__last_login=timezone.now() - timedelta(days=10),
    )
    ParticipantFactory(member=MemberFactory(name="有项目", joined_on=OLD))
    ParticipantFactory(
        member=MemberFactory(name="旧项目", joined_on=OLD),
        project__status="finished",
        project__signed_on=date(2016, 1, 1),
    )
    MemberFactory(name="已退出", joined_on=OLD, status="left", left_on=date(2020, 1, 1))
    from partnerships.models import Project

    Project.objects.filter(status="finished").update(
        updated_at=timezone.now() - timedelta(days=800)
    )
    assert quiet_names(12) == {"沉默", "旧项目"}
    assert quiet_names(36) == {"沉默"}


def test_gone_quiet_page_is_for_staff(client_for, staff, representative, outsider):
    MemberFactory(name="沉默", joined_on=OLD)
    response = client_for(staff).get("/staff/members/quiet/", {"months": 6})
    assert response.status_code == 200
    assert "沉默" in response.content.decode()
    assert client_for(representative).get("/staff/members/quiet/").status_code == 403
    assert client_for(outsider).get("/staff/members/quiet/").status_code == 403
