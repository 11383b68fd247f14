import pytest

from enrollment.models import Application
from members.models import Member
from notices.selectors import audience_recipients
from tests.factories import MemberFactory, RepresentativeFactory, UserFactory

from .factories import ApplicationFactory, ContactFactory, IntakeFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def emails(audience):
    return sorted(r.email for r in audience_recipients(audience))


def test_all_members_reaches_representatives_and_contacts_with_email():
    member = MemberFactory()
    RepresentativeFactory(member=member, user__email="rep@example.com")
    ContactFactory(member=member, email="hr@example.com")
    ContactFactory(member=member, email="")
    assert emails({"scope": "members"}) == ["hr@example.com", "rep@example.com"]


def test_a_person_who_is_both_representative_and_contact_gets_one_delivery():
    member = MemberFactory()
    RepresentativeFactory(member=member, user__email="Same@Example.com")
    ContactFactory(member=member, email="same@example.com")
    recipients = audience_recipients({"scope": "members"})
    assert len(recipients) == 1
    assert recipients[0].user_id is not None


def test_a_contact_with_an_account_is_linked_to_it_for_the_inbox():
    user = UserFactory(email="lee@example.com")
    ContactFactory(email="LEE@example.com")
    [recipient] = audience_recipients({"scope": "members"})
    assert recipient.user_id == user.pk


def test_members_filtered_by_kind_region_and_industry():
    school = MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL, region="东莞市", industry="教育")
    enterprise = MemberFactory(kind=Member.Kind.ENTERPRISE, region="东莞市长安镇")
    ContactFactory(member=school, email="school@example.com")
    ContactFactory(member=enterprise, email="firm@example.com")
    assert emails({"scope": "members", "kinds": ["enterprise"]}) == ["firm@example.com"]
    assert emails({"scope": "members", "regions": ["东莞市"]}) == ["school@example.com"]
    assert emails({"scope": "members", "industries": ["教育"]}) == ["school@example.com"]


def test_members_who_left_are_not_reached():
    gone = MemberFactory(status=Member.Status.LEFT, joined_on="2015-01-01", left_on="2020-01-01")
    ContactFactory(member=gone, email="gone@example.com")
    assert emails({"scope": "members"}) == []


def test_representatives_only_leaves_out_the_other_contacts():
    member = MemberFactory()
    RepresentativeFactory(member=member, user__email="rep@example.com")
    ContactFactory(member=member, email="hr@example.com")
    assert emails({"scope": "members", "representatives_only": True}) == ["rep@example.com"]


def test_participants_of_chosen_projects():
    inside = ParticipantFactory()
    ParticipantFactory()  # another project
    ContactFactory(member=inside.member, email="in@example.com")
    audience = {"scope": "projects", "projects": [inside.project_id]}
    assert emails(audience) == ["in@example.com"]


def test_applicants_of_an_intake_optionally_by_status():
    intake = IntakeFactory()
    ApplicationFactory(intake=intake, applicant__email="a@example.com")
    ApplicationFactory(
        intake=intake, applicant__email="b@example.com", status=Application.Status.APPROVED
    )
    ApplicationFactory(applicant__email="other-intake@example.com")
    assert emails({"scope": "intake", "intake": intake.pk}) == ["a@example.com", "b@example.com"]
    approved = {"scope": "intake", "intake": intake.pk, "statuses": ["approved"]}
    assert emails(approved) == ["b@example.com"]
