"""The members' e-mails (an invitation, a decision on joining), rendered in the portal's
language and handed to the outbox."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.branding import group_name
from outbox.models import Message
from outbox.services import message_queue, tell_user

from .models import IndividualMember, JoinApplication, Representative


def invitation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("member_invitation_accept", args=[uid, token])


def invitation_queue(representative: Representative) -> Message:
    """A new invitation each time staff invite (inviting again sends it again)."""
    user = representative.user
    context = {
        "member": representative.member,
        "user": user,
        "needs_password": not user.has_usable_password(),
        "link": settings.SITE_URL + invitation_path(user),
        "login_link": settings.SITE_URL + reverse("account_login"),
    }
    context = {**context, "GROUP_NAME": group_name(), "SITE_URL": settings.SITE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("members/email/invitation_subject.txt", context).strip()
        body = render_to_string("members/email/invitation_message.txt", context)
    return message_queue(
        channel="email",
        recipient=user.email,
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        user=user,
        purpose="invitation",
    )


def join_decision_queue(application: JoinApplication) -> list[Message]:
    return _decision(
        name=application.organisation_name,
        approved=application.status == JoinApplication.Status.APPROVED,
        reason=application.reason,
        user=application.applicant,
        individual=False,
        key=f"join-decision:{application.pk}",
    )


def individual_decision_queue(individual: IndividualMember) -> list[Message]:
    return _decision(
        name=individual.full_name,
        approved=individual.status == IndividualMember.Status.ACTIVE,
        reason=individual.reason,
        user=individual.user,
        individual=True,
        key=f"individual-decision:{individual.pk}",
    )


def _decision(*, name, approved, reason, user, individual, key) -> list[Message]:
    """Once per decision (the key), to the applicant's address if they have one."""
    context = {
        "name": name,
        "approved": approved,
        "reason": reason,
        "individual": individual,
        "link": settings.SITE_URL + reverse("member_home"),
        "GROUP_NAME": group_name(),
        "SITE_URL": settings.SITE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("members/email/join_decision_subject.txt", context).strip()
        body = render_to_string("members/email/join_decision_message.txt", context)
    return tell_user(
        user, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, key=key
    )
