import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from honours import services
from honours.models import Award
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

from .factories import AwardFactory

PDF = b"%PDF-1.4 certificate"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

FIELDS = {
    "level": Award.Level.NATIONAL,
    "competition": "第九届全国数控技能大赛",
    "event": "数字化设计与制造赛项",
    "rank": "教师组冠军",
    "awarded_on": datetime.date(2021, 11, 20),
}


def api_body(**extra) -> dict:
    return {**FIELDS, "awarded_on": "2021-11-20", **extra}


@pytest.mark.django_db
def test_staff_record_is_confirmed_at_once(staff, member):
    award = services.award_record(by=staff, fields=dict(FIELDS), members=[member])
    assert award.status == Award.Status.CONFIRMED
    assert award.confirmed_by == staff
    assert list(award.members.all()) == [member]


@pytest.mark.django_db
def test_representative_record_waits_for_staff(representative, member):
    award = services.award_record(by=representative, fields=dict(FIELDS), members=[member])
    assert award.status == Award.Status.PENDING


@pytest.mark.django_db
def test_award_dated_tomorrow_is_refused_and_nothing_stored(staff, member):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.award_record(by=staff, fields={**FIELDS, "awarded_on": tomorrow}, members=[member])
    assert "awarded_on" in caught.value.message_dict
    assert Award.objects.count() == 0


@pytest.mark.django_db
def test_award_dated_today_is_accepted(staff, member):
    today = timezone.localdate()
    award = services.award_record(
        by=staff, fields={**FIELDS, "awarded_on": today}, members=[member]
    )
    assert award.awarded_on == today


@pytest.mark.django_db
def test_representative_cannot_record_for_another_member(representative):
    other = MemberFactory()
    with pytest.raises(ValidationError) as caught:
        services.award_record(by=representative, fields=dict(FIELDS), members=[other])
    assert "members" in caught.value.message_dict
    assert Award.objects.count() == 0


@pytest.mark.django_db
def test_award_without_any_winner_is_refused(staff):
    with pytest.raises(ValidationError):
        services.award_record(by=staff, fields=dict(FIELDS), members=[])
    award = services.award_record(by=staff, fields={**FIELDS, "winners": "张三"}, members=[])
    assert award.winner_names == ["张三"]


@pytest.mark.django_db
def test_representative_cannot_confirm(representative, member):
    award = services.award_record(by=representative, fields=dict(FIELDS), members=[member])
    with pytest.raises(PermissionDenied):
        services.award_confirm(award=award, by=representative)
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING


@pytest.mark.django_db
def test_nobody_confirms_their_own_entry(member):
    # A staff user who also represents the member records a pending entry? Staff entries are
    # confirmed at once, so the own-entry rule is checked on a pending award they recorded.
    recorder = StaffFactory()
    award = AwardFactory(status=Award.Status.PENDING, recorded_by=recorder)
    with pytest.raises(ValidationError):
        services.award_confirm(award=award, by=recorder)
    other_staff = StaffFactory()
    services.award_confirm(award=award, by=other_staff)
    award.refresh_from_db()
    assert award.status == Award.Status.CONFIRMED
    assert award.confirmed_by == other_staff


@pytest.mark.django_db
def test_public_page_shows_confirmed_awards_only(client):
    AwardFactory(rank="冠军选手单位", status=Award.Status.CONFIRMED)
    AwardFactory(rank="待确认的奖项", status=Award.Status.PENDING)
    body = client.get(reverse("honours")).content.decode()
    assert "冠军选手单位" in body
    assert "待确认的奖项" not in body


@pytest.mark.django_db
def test_representative_records_through_the_page_and_staff_confirm(client, member):
    rep = RepresentativeFactory(member=member).user
    client.force_login(rep)
    evidence = SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("member_award_create"),
        {**api_body(), "members": [member.pk], "winners": "李老师", "evidence": evidence},
    )
    assert response.status_code == 302, response.content.decode()
    award = Award.objects.get()
    assert award.status == Award.Status.PENDING
    assert award.recorded_by == rep
    download = client.get(reverse("award_evidence", args=[award.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    staff = StaffFactory()
    client.force_login(staff)
    client.post(reverse("staff_award_confirm", args=[award.pk]))
    award.refresh_from_db()
    assert award.status == Award.Status.CONFIRMED


@pytest.mark.django_db
def test_evidence_whose_content_is_not_its_type_is_refused_and_input_kept(client, staff, member):
    client.force_login(staff)
    fake = SimpleUploadedFile("certificate.pdf", PNG, content_type="application/pdf")
    response = client.post(
        reverse("staff_award_create"), {**api_body(), "members": [member.pk], "evidence": fake}
    )
    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    assert response.context["form"]["competition"].value() == FIELDS["competition"]
    assert Award.objects.count() == 0


@pytest.mark.django_db
def test_api_anonymous_sees_confirmed_only(api_client):
    AwardFactory(status=Award.Status.CONFIRMED)
    AwardFactory(status=Award.Status.PENDING)
    response = api_client.get("/api/v1/awards/")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.django_db
def test_api_future_date_is_400_naming_the_field(api_client, staff, member):
    api_client.force_authenticate(staff)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api_client.post(
        "/api/v1/awards/", api_body(awarded_on=tomorrow, members=[member.pk]), format="json"
    )
    assert response.status_code == 400
    assert "awarded_on" in response.json()
    assert Award.objects.count() == 0


@pytest.mark.django_db
def test_api_representative_records_own_and_cannot_confirm(api_client, representative, member):
    api_client.force_authenticate(representative)
    response = api_client.post(
        "/api/v1/awards/", api_body(members=[member.pk], people=["王五"]), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
    assert response.json()["people"] == ["王五"]
    award_id = response.json()["id"]
    assert api_client.post(f"/api/v1/awards/{award_id}/confirm/").status_code == 403
    other = MemberFactory()
    response = api_client.post("/api/v1/awards/", api_body(members=[other.pk]), format="json")
    assert response.status_code == 400
    assert "members" in response.json()


@pytest.mark.django_db
def test_api_staff_confirms_a_representatives_award(api_client, representative, member):
    award = services.award_record(by=representative, fields=dict(FIELDS), members=[member])
    api_client.force_authenticate(StaffFactory())
    response = api_client.post(f"/api/v1/awards/{award.pk}/confirm/")
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    again = api_client.post(f"/api/v1/awards/{award.pk}/confirm/")
    assert again.status_code == 400


@pytest.mark.django_db
def test_openapi_schema_describes_awards_and_chains(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/awards/" in schema["paths"]
    assert "/api/v1/awards/{id}/confirm/" in schema["paths"]
    assert "/api/v1/chains/" in schema["paths"]
    assert "/api/v1/chains/{id}/leaders/" in schema["paths"]


@pytest.mark.django_db
def test_honours_page_speaks_chinese_by_default(client):
    AwardFactory(level=Award.Level.WORLD, rank="金牌")
    body = client.get(reverse("honours")).content.decode()
    assert "荣誉与竞赛" in body
    assert "世界级" in body


@pytest.mark.django_db
def test_public_navigation_and_staff_sidebar_lead_to_the_new_pages(client, staff):
    assert f'href="{reverse("honours")}"' in client.get(reverse("public_home")).content.decode()
    client.force_login(staff)
    body = client.get(reverse("staff_award_list")).content.decode()
    for name in ("staff_award_list", "chain_map", "staff_accreditation_readiness"):
        assert f'href="{reverse(name)}"' in body


@pytest.mark.django_db
def test_member_area_menu_leads_to_our_awards_and_the_chain_map(client, representative):
    client.force_login(representative)
    body = client.get(reverse("member_projects")).content.decode()
    assert f'href="{reverse("member_awards")}"' in body
    assert f'href="{reverse("chain_map")}"' in body
    assert "本单位获奖" in body


@pytest.mark.django_db
def test_api_filters_by_member_and_level(api_client, member):
    won = AwardFactory(level=Award.Level.WORLD)
    won.members.add(member)
    AwardFactory(level=Award.Level.WORLD)
    AwardFactory(level=Award.Level.CITY).members.add(member)
    body = api_client.get(f"/api/v1/awards/?member={member.pk}&level=world").json()
    assert [a["id"] for a in body["results"]] == [won.pk]
