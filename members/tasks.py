"""Mails about members: ids in, claimed with a conditional UPDATE so a second run sends nothing."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from vetgroup.branding import group_name

from .models import IndividualMember, JoinApplication, Representative


def invitation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("member_invitation_accept", args=[uid, token])


def _send(template: str, context: dict, to: str) -> None:
    context = {**context, "GROUP_NAME": group_name(), "SITE_URL": settings.SITE_URL}
    subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"members/email/{template}_message.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [to])


@shared_task
def send_representative_invitation(representative_id: int) -> bool:
    claimed = Representative.objects.filter(
        pk=representative_id, invitation_sent_at__isnull=True
    ).update(invitation_sent_at=timezone.now())
    if not claimed:
        return False  # sent already, by an earlier run
    representative = Representative.objects.select_related("member", "user").get(
        pk=representative_id
    )
    user = representative.user
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            "invitation",
            {
                "member": representative.member,
                "user": user,
                "needs_password": not user.has_usable_password(),
                "link": settings.SITE_URL + invitation_path(user),
                "login_link": settings.SITE_URL + reverse("account_login"),
            },
            user.email,
        )
    return True


def _claim_decision_mail(model, pk: int, undecided: str) -> bool:
    """Claim the decision e-mail of a decided application; False if sent already."""
    return bool(
        model.objects.filter(pk=pk, decision_mailed_at__isnull=True)
        .exclude(status=undecided)
        .update(decision_mailed_at=timezone.now())
    )


@shared_task
def send_join_decision(application_id: int) -> bool:
    if not _claim_decision_mail(JoinApplication, application_id, JoinApplication.Status.PENDING):
        return False
    application = JoinApplication.objects.select_related("applicant").get(pk=application_id)
    _send_decision(
        name=application.organisation_name,
        approved=application.status == JoinApplication.Status.APPROVED,
        reason=application.reason,
        to=application.applicant.email,
        individual=False,
    )
    return True


@shared_task
def send_individual_decision(individual_id: int) -> bool:
    if not _claim_decision_mail(IndividualMember, individual_id, IndividualMember.Status.APPLYING):
        return False
    individual = IndividualMember.objects.select_related("user").get(pk=individual_id)
    _send_decision(
        name=individual.full_name,
        approved=individual.status == IndividualMember.Status.ACTIVE,
        reason=individual.reason,
        to=individual.user.email,
        individual=True,
    )
    return True


def _send_decision(*, name: str, approved: bool, reason: str, to: str, individual: bool) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            "join_decision",
            {
                "name": name,
                "approved": approved,
                "reason": reason,
                "individual": individual,
                "link": settings.SITE_URL + reverse("member_home"),
            },
            to,
        )


@shared_task(name="members.send_unpublished_mails")
def send_unpublished_mails() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): invitations and decisions made while Redis was down."""
    from .services import member_mails_send_unpublished

    return member_mails_send_unpublished()
