"""The waiting list: approvals beyond the quota wait in order of decision; a freed place is
offered to the first, who has a deadline to accept; an offer not taken moves on."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrollment import services
from enrollment.models import Application, ApplicationEvent, Notification
from enrollment.tasks import expire_offers
from outbox.models import Message

from .factories import IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status


def approve_all(applications, staff):
    for application in applications:
        services.application_approve(application=application, actor=staff)
    for application in applications:
        application.refresh_from_db()


def full_intake(staff, quota=2, extra=3):
    intake = IntakeFactory(quota=quota)
    applications = [submitted(intake=intake) for _ in range(quota + extra)]
    approve_all(applications, staff)
    return intake, applications


def test_approvals_beyond_the_quota_wait_in_order_of_decision(staff):
    intake = IntakeFactory(quota=30)
    applications = [submitted(intake=intake) for _ in range(45)]
    approve_all(applications, staff)
    assert intake.applications.filter(status=S.APPROVED).count() == 30
    waiting = [a for a in applications if a.on_waitlist]
    assert len(waiting) == 15
    # Decided in list order: the 31st decision is first on the list, the 45th last.
    assert [a.waitlist_position for a in waiting] == list(range(1, 16))
    assert waiting[0].pk == applications[30].pk
    assert all(a.status == S.SUBMITTED for a in waiting)  # not refused, not approved


def test_a_withdrawal_offers_the_place_to_the_first_with_a_deadline(staff, settings):
    settings.ENROLLMENT_OFFER_DAYS = 3
    intake, apps = full_intake(staff)
    before = timezone.now()
    services.application_withdraw(application=apps[0], actor=apps[0].applicant)
    first, second = (Application.objects.get(pk=a.pk) for a in apps[2:4])
    assert first.has_offer and not first.on_waitlist
    assert (
        before + timedelta(days=3) <= first.offer_expires_at <= timezone.now() + timedelta(days=3)
    )
    assert second.waitlist_position == 1
    assert first.events.filter(action="offer").count() == 1


def test_an_intake_may_set_its_own_offer_period(staff, settings):
    settings.ENROLLMENT_OFFER_DAYS = 3
    intake, apps = full_intake(staff)
    intake.offer_days = 7
    intake.save()
    services.application_withdraw(application=apps[0], actor=apps[0].applicant)
    offered = Application.objects.get(pk=apps[2].pk)
    assert offered.offer_expires_at > timezone.now() + timedelta(days=6, hours=23)


def test_a_rejection_after_approval_frees_a_place(staff):
    intake, apps = full_intake(staff)
    services.application_reject(application=apps[1], actor=staff, reason="材料不实")
    assert Application.objects.get(pk=apps[2].pk).has_offer


def test_raising_the_quota_offers_the_new_places(staff, client_for):
    intake, apps = full_intake(staff, quota=2, extra=3)
    response = client_for(staff).post(
        reverse("staff_intake_edit", args=[intake.pk]),
        {
            "programme": intake.programme,
            "year": intake.year,
            "quota": 4,
            "opens_at": timezone.localtime(intake.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(intake.closes_at).strftime("%Y-%m-%dT%H:%M"),
            "document_kinds": intake.document_kinds,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offered = [a.pk for a in Application.objects.filter(intake=intake) if a.has_offer]
    assert offered == sorted([apps[2].pk, apps[3].pk]) or set(offered) == {apps[2].pk, apps[3].pk}
    assert Application.objects.get(pk=apps[4].pk).waitlist_position == 1


def test_accepting_the_offer_approves_and_notifies(
    staff, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake, apps = full_intake(staff)
        services.application_withdraw(application=apps[0], actor=apps[0].applicant)
        offered = apps[2]
        response = client_for(offered.applicant).post(
            reverse("applicant_application_action", args=[offered.pk, "accept"]), follow=True
        )
    offered.refresh_from_db()
    assert offered.status == S.APPROVED and offered.offer_expires_at is None
    assert "接受" in response.content.decode()
    actions = list(offered.events.values_list("action", flat=True))
    assert actions[-3:] == ["waitlist", "offer", "accept"]
    # Each step reached the applicant through the notice path (e-mail notice, and SMS for the
    # offer, which has a deadline).
    notices = Notification.objects.filter(event__application=offered)
    assert {n.event.action for n in notices} >= {"waitlist", "offer", "accept"}
    offer_notice = notices.get(event__action="offer")
    assert "候补" in offer_notice.subject or "名额" in offer_notice.subject
    assert offer_notice.text is not None and "名额" in offer_notice.text.body


def test_accepting_after_the_deadline_is_refused_and_the_place_moves_on(staff, client_for):
    intake, apps = full_intake(staff)
    services.application_withdraw(application=apps[0], actor=apps[0].applicant)
    late = apps[2]
    Application.objects.filter(pk=late.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client_for(late.applicant).post(
        reverse("applicant_application_action", args=[late.pk, "accept"]), follow=True
    )
    late.refresh_from_db()
    assert late.status == S.WITHDRAWN
    page = response.content.decode()
    assert "期限" in page or "截止" in page
    assert Application.objects.get(pk=apps[3].pk).has_offer


def test_expiry_task_moves_the_offer_on_and_is_idempotent(staff):
    intake, apps = full_intake(staff)
    services.application_withdraw(application=apps[0], actor=apps[0].applicant)
    Application.objects.filter(pk=apps[2].pk).update(
        offer_expires_at=timezone.now() - timedelta(hours=1)
    )
    assert expire_offers.delay().get() == 1
    assert expire_offers.delay().get() == 0
    expired = Application.objects.get(pk=apps[2].pk)
    assert expired.status == S.WITHDRAWN
    assert expired.events.filter(action="offer_expired").count() == 1
    assert Application.objects.get(pk=apps[3].pk).has_offer
    assert Application.objects.get(pk=apps[4].pk).waitlist_position == 1
    # Places held: one approved, one offered: the quota of 2, no more.
    held = [a for a in Application.objects.filter(intake=intake) if a.holds_place]
    assert len(held) == 2


def test_staff_move_someone_with_a_reason_recorded(staff, client_for):
    intake, apps = full_intake(staff, quota=1, extra=3)
    last = apps[3]
    url = reverse("staff_waitlist_move", args=[intake.pk])
    client = client_for(staff)
    client.post(url, {"application": last.pk, "position": "1", "reason": ""})
    assert Application.objects.get(pk=last.pk).waitlist_position == 3  # no reason: refused
    client.post(url, {"application": last.pk, "position": "1", "reason": "退役军人优先"})
    order = [Application.objects.get(pk=a.pk).waitlist_position for a in apps[1:]]
    assert order == [2, 3, 1]
    event = ApplicationEvent.objects.get(application=last, action="waitlist_move")
    assert event.actor == staff and "退役军人优先" in event.reason and "3 → 1" in event.reason
    page = client.get(reverse("staff_waitlist", args=[intake.pk])).content.decode()
    assert (
        page.index(last.full_name) < page.index(apps[1].full_name) < page.index(apps[2].full_name)
    )
    assert "退役军人优先" in page


def test_a_position_outside_the_list_is_refused(staff):
    intake, apps = full_intake(staff, quota=1, extra=2)
    with pytest.raises(services.EnrollmentError):
        services.waitlist_move(application=apps[1], actor=staff, position=3, reason="调整")


def test_the_applicant_sees_the_position_and_the_api_gives_it(staff, client_for, api_client):
    intake, apps = full_intake(staff, quota=1, extra=2)
    second = apps[2]
    page = client_for(second.applicant).get(reverse("applicant_application", args=[second.pk]))
    assert 'data-testid="waitlist-position">2<' in page.content.decode()
    api_client.force_authenticate(second.applicant)
    body = api_client.get(f"/api/v1/enrollment/applications/{second.pk}/").json()
    assert body["status"] == "submitted"
    assert body["waitlist_position"] == 2 and body["offer_expires_at"] is None


def test_the_api_accept_is_the_applicants_own(staff, api_client):
    intake, apps = full_intake(staff)
    services.application_withdraw(application=apps[0], actor=apps[0].applicant)
    offered = apps[2]
    api_client.force_authenticate(staff)
    assert (
        api_client.post(f"/api/v1/enrollment/applications/{offered.pk}/accept/").status_code == 403
    )
    api_client.force_authenticate(offered.applicant)
    response = api_client.post(f"/api/v1/enrollment/applications/{offered.pk}/accept/")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_api_approve_beyond_the_quota_answers_409_with_the_position(staff, api_client):
    intake = IntakeFactory(quota=1)
    first, second = submitted(intake=intake), submitted(intake=intake)
    api_client.force_authenticate(staff)
    assert (
        api_client.post(f"/api/v1/enrollment/applications/{first.pk}/approve/").status_code == 200
    )
    response = api_client.post(f"/api/v1/enrollment/applications/{second.pk}/approve/")
    assert response.status_code == 409
    assert response.json()["waitlist_position"] == 1 and response.json()["status"] == "submitted"


def test_approving_again_someone_on_the_list_is_refused(staff):
    intake, apps = full_intake(staff, quota=1, extra=1)
    with pytest.raises(services.EnrollmentError):
        services.application_approve(application=apps[1], actor=staff)


def test_a_move_on_the_list_is_not_sent_to_the_applicant(staff):
    intake, apps = full_intake(staff, quota=1, extra=2)
    services.waitlist_move(application=apps[2], actor=staff, position=1, reason="调整")
    move = ApplicationEvent.objects.get(action="waitlist_move")
    assert not Notification.objects.filter(event=move).exists()
    assert not Message.objects.filter(key__startswith=f"application-event:{move.pk}:").exists()
    assert Notification.objects.filter(event__action="waitlist").count() == 2


def test_the_queue_keeps_the_waiting_list_apart_from_what_awaits_a_decision(staff, client_for):
    intake, apps = full_intake(staff, quota=1, extra=2)
    fresh = submitted(intake=intake)
    client = client_for(staff)
    queue = reverse("staff_queue")

    def shown(status: str) -> set[int]:
        page = client.get(queue, {"intake": intake.pk, "status": status}).content.decode()
        return {a.pk for a in [*apps, fresh] if reverse("staff_application", args=[a.pk]) in page}

    assert shown("submitted") == {fresh.pk}
    assert shown("waitlisted") == {apps[1].pk, apps[2].pk}
    page = client.get(reverse("staff_enrollment")).content.decode()
    assert 'data-testid="funnel-submitted">1<' in page
