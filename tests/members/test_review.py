"""The yearly review (年检): staff open it, representatives confirm, staff decide with reasons;
the certificate a member in good standing downloads, and what its QR code says."""

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members import reviews
from members.models import Certificate, Member, Review, ReviewEntry
from members.services import MemberError
from notices.models import Notice, ReminderLog
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

pytestmark = pytest.mark.django_db
Result = ReviewEntry.Result


def _passed(member, year=2025) -> ReviewEntry:
    review, _ = Review.objects.get_or_create(year=year, defaults={"deadline": date(2030, 1, 1)})
    return ReviewEntry.objects.create(review=review, member=member, result=Result.PASSED)


def _open(staff, year=2025, days=30) -> Review:
    return reviews.review_open(
        year=year, deadline=timezone.localdate() + timedelta(days=days), by=staff
    )


# --- opening and states --------------------------------------------------------------------


def test_opening_a_review_lists_the_current_members_only(staff):
    current = MemberFactory(joined_on=date(2020, 1, 1))
    MemberFactory(status=Member.Status.LEFT, left_on=date(2024, 6, 1), joined_on=date(2020, 1, 1))
    MemberFactory(status=Member.Status.APPLYING, joined_on=None)
    MemberFactory(joined_on=date(2026, 3, 1))  # joined after the year reviewed
    review = _open(staff)
    assert list(review.entries.values_list("member_id", flat=True)) == [current.pk]
    assert review.entries.get().result == Result.PENDING


def test_a_year_is_reviewed_once_and_a_past_deadline_is_refused(staff):
    _open(staff)
    with pytest.raises(MemberError, match="2025"):
        _open(staff)
    with pytest.raises(MemberError):
        _open(staff, year=2024, days=-1)


def test_staff_open_a_review_from_the_page(client_for):
    member_affairs = StaffFactory(roles=["member_affairs"])
    MemberFactory.create_batch(3)
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client_for(member_affairs).post(
        reverse("staff_review_open"), {"year": 2025, "deadline": deadline}
    )
    review = Review.objects.get(year=2025)
    assert response.url == reverse("staff_review_detail", args=[review.pk])
    assert review.entries.count() == 3


def test_the_representative_confirms_on_its_home_page_task(client_for, member, representative):
    review = _open(StaffFactory())
    client = client_for(representative)
    home = client.get(reverse("member_detail", args=[member.pk])).content.decode()
    assert 'data-testid="review-task-alert"' in home
    response = client.post(reverse("member_review", args=[member.pk]))
    assert response.status_code == 302
    entry = review.entries.get(member=member)
    assert entry.confirmed_by == representative and entry.confirmed_at
    member.refresh_from_db()
    assert member.profile_updated_at == entry.confirmed_at
    home = client.get(reverse("member_detail", args=[member.pk])).content.decode()
    assert 'data-testid="review-task-alert"' not in home


def test_a_confirmation_after_the_deadline_is_refused(member, representative):
    review = Review.objects.create(year=2025, deadline=timezone.localdate() - timedelta(days=1))
    entry = ReviewEntry.objects.create(review=review, member=member)
    with pytest.raises(MemberError):
        reviews.review_confirm(entry=entry, by=representative)
    entry.refresh_from_db()
    assert entry.confirmed_at is None


def test_a_warning_or_a_request_to_leave_needs_a_reason_and_is_recorded(staff, member):
    entry = _open(staff).entries.get(member=member)
    for result in (Result.WARNED, Result.ASKED_TO_LEAVE):
        with pytest.raises(MemberError):
            reviews.review_decide(entry=entry, result=result, reason="  ", by=staff)
    reviews.review_decide(entry=entry, result=Result.WARNED, reason="联系人已离职未更新", by=staff)
    reviews.review_decide(entry=entry, result=Result.PASSED, reason="", by=staff)
    history = list(entry.history.order_by("history_date").values_list("result", "reason"))
    assert history[-2:] == [("warned", "联系人已离职未更新"), ("passed", "")]
    assert entry.history.latest().history_user == staff


def test_a_representative_cannot_mark_its_own_member_passed(client_for, member):
    staff_rep = StaffFactory(roles=["member_affairs"])
    RepresentativeFactory(member=member, user=staff_rep)
    entry = _open(StaffFactory()).entries.get(member=member)
    response = client_for(staff_rep).post(
        reverse("staff_review_decide", args=[entry.pk]), {"result": "passed"}, follow=True
    )
    entry.refresh_from_db()
    assert entry.result == Result.PENDING
    assert member.name in response.content.decode()  # the message names the member


def test_members_that_have_not_responded_are_listed_and_reminded(client_for, staff):
    silent, answered = (
        MemberFactory(name="东莞市沉默模具有限公司"),
        MemberFactory(name="东莞市回应模具有限公司"),
    )
    rep = RepresentativeFactory(member=silent).user
    RepresentativeFactory(member=answered)
    review = _open(staff)
    reviews.review_confirm(entry=review.entries.get(member=answered), by=staff)
    client = client_for(staff)
    page = client.get(reverse("staff_review_detail", args=[review.pk]) + "?show=silent")
    html = page.content.decode()
    assert silent.name in html and answered.name not in html
    client.post(reverse("staff_review_remind", args=[review.pk]))
    client.post(reverse("staff_review_remind", args=[review.pk]))  # same day: not again
    notices = Notice.objects.filter(kind="reminder")
    assert notices.count() == 1
    assert notices.get().audience["users"] == [rep.pk]


# --- certificates --------------------------------------------------------------------------


def test_only_a_member_in_good_standing_gets_a_certificate(member):
    with pytest.raises(MemberError):
        reviews.certificate_issue(member=member)
    entry = _passed(member)
    certificate = reviews.certificate_issue(member=member)
    assert certificate.number == f"2025{member.pk:05d}"
    assert certificate.valid_until == date(2026, 12, 31)
    assert reviews.certificate_issue(member=member) == certificate  # the same one again
    entry.result = Result.WARNED
    entry.save()
    with pytest.raises(MemberError):
        reviews.certificate_issue(member=member)


def _state(client, certificate_token: str) -> tuple[int, str]:
    response = client.get(reverse("certificate_verify", args=[certificate_token]))
    found = re.search(r'data-state="(\w+)"', response.content.decode())
    return response.status_code, found.group(1)


def test_a_valid_certificate_verifies_as_valid(client, member):
    _passed(member)
    certificate = reviews.certificate_issue(member=member)
    assert _state(client, certificate.token) == (200, "valid")
    assert (
        member.name
        in client.get(reverse("certificate_verify", args=[certificate.token])).content.decode()
    )


def test_an_expired_certificate_verifies_as_expired(client, member):
    _passed(member, year=2023)
    certificate = reviews.certificate_issue(member=member)
    assert certificate.valid_until == date(2024, 12, 31)
    assert reviews.certificate_verify(certificate.token, today=date(2024, 12, 31)).state == "valid"
    assert reviews.certificate_verify(certificate.token, today=date(2025, 1, 1)).state == "expired"


def test_a_revoked_certificate_verifies_as_not_valid(client, member, staff):
    _passed(member)
    certificate = reviews.certificate_issue(member=member)
    reviews.certificate_revoke(certificate=certificate, reason="证书遗失补发", by=staff)
    assert _state(client, certificate.token) == (200, "revoked")
    with pytest.raises(MemberError):
        reviews.certificate_revoke(certificate=certificate, reason="再次", by=staff)


def test_an_unknown_code_verifies_as_unknown(client):
    assert _state(client, "not-a-certificate-code") == (404, "unknown")


def test_a_certificate_of_a_member_that_left_verifies_as_not_valid(client, member, staff):
    _passed(member)
    certificate = reviews.certificate_issue(member=member)
    member.status, member.left_on = Member.Status.LEFT, timezone.localdate()
    member.save()
    assert _state(client, certificate.token) == (200, "revoked")


def test_a_certificate_of_a_member_that_failed_a_later_review_verifies_as_not_valid(
    client, member, staff
):
    _passed(member, year=2024)
    certificate = reviews.certificate_issue(member=member)
    later = _open(staff).entries.get(member=member)
    reviews.review_decide(
        entry=later, result=Result.ASKED_TO_LEAVE, reason="连续两年未参加活动", by=staff
    )
    assert _state(client, certificate.token) == (200, "revoked")


def test_the_representative_downloads_an_a4_landscape_chinese_certificate(
    client_for, member, representative, settings, tmp_path
):
    settings.SITE_URL = "https://portal.example.org"
    member.group_role = Member.GroupRole.VICE_CHAIR
    member.save()
    _passed(member)
    response = client_for(representative).get(reverse("member_certificate", args=[member.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info
    assert re.search(r"^Pages:\s+1$", info, re.M)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    certificate = Certificate.objects.get(member=member)
    words = re.sub(r"\s+", "", text)  # the title is letter-spaced, lines wrap
    assert member.name in words and certificate.number in words
    assert settings.GROUP_NAME in words and "副理事长单位" in words and "会员证书" in words
    assert f"https://portal.example.org/certificates/{certificate.token}/" in text


def test_a_member_not_in_good_standing_is_told_why_instead_of_a_file(
    client_for, member, representative
):
    response = client_for(representative).get(
        reverse("member_certificate", args=[member.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("member_review", args=[member.pk])
    assert not Certificate.objects.exists()


def test_the_demo_holds_last_years_review_with_mixed_results_and_certificates(client):
    from django.core.management import call_command

    call_command("load_demo", "--no-login")
    review = Review.objects.get(year=timezone.localdate().year - 1)
    results = set(review.entries.values_list("result", flat=True))
    assert results == {"passed", "warned", "asked_to_leave", "pending"}
    assert review.entries.filter(confirmed_at__isnull=True).exists()
    certificates = Certificate.objects.filter(review=review)
    assert certificates.filter(member__name="东莞市机电工程学校").exists()
    assert _state(client, certificates.first().token) == (200, "valid")
    call_command("load_demo", "--no-login")  # idempotent
    assert Review.objects.count() == 1 and Certificate.objects.count() == certificates.count()


def test_the_staff_member_page_shows_its_reviews_and_certificates(client_for, staff, member):
    _passed(member, year=2024)
    certificate = reviews.certificate_issue(member=member)
    later = _open(staff).entries.get(member=member)
    reviews.review_decide(entry=later, result=Result.WARNED, reason="资料逾期未更新", by=staff)
    html = client_for(staff).get(reverse("staff_member_detail", args=[member.pk])).content.decode()
    block = html.split('data-testid="member-reviews"')[1].split('data-testid="history"')[0]
    assert "2024年度年检" in block and "2025年度年检" in block
    assert "合格" in block and "警告" in block
    assert "资料逾期未更新" in block and certificate.number in block


def test_a_week_before_the_deadline_the_silent_members_are_reminded_once(staff):
    from notices.reminders import reminders_run

    silent, answered = MemberFactory(), MemberFactory()
    rep = RepresentativeFactory(member=silent).user
    RepresentativeFactory(member=answered)
    review = _open(staff, days=20)
    reviews.review_confirm(entry=review.entries.get(member=answered), by=staff)
    today = timezone.localdate()
    assert reminders_run(today)["member_review"] == 0  # 20 days before: not yet
    assert reminders_run(today + timedelta(days=13))["member_review"] == 1
    assert reminders_run(today + timedelta(days=14))["member_review"] == 0  # once
    log = ReminderLog.objects.get(type="member_review")
    assert log.notice.audience["users"] == [rep.pk]
