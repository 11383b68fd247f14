"""Multi-step actions on member organisations: one transaction each, a MemberError if refused."""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Act
from audit.services import audit_record
from core.exceptions import referrers

from .emails import individual_decision_queue, invitation_queue, join_decision_queue
from .models import IndividualMember, JoinApplication, Member, Representative


class MemberError(Exception):
    """An action the member's state does not allow; the message is for the user."""


def _save(member: Member, by, *, by_representative: bool = False) -> Member:
    member._history_user = by
    if by_representative:
        member.profile_updated_at = timezone.now()
    member.save()
    return member


@transaction.atomic
def member_update(*, member: Member, by, by_representative: bool) -> Member:
    """Store a member already validated by a form or serializer; records who changed it.

    A representative's new legal name, credit code or kind is held for staff approval; the rest
    of its changes apply at once."""
    if by_representative and member.pk:
        stored = Member.objects.values("name", "credit_code", "kind").get(pk=member.pk)
        if member.name != stored["name"]:
            member.pending_name, member.name = member.name, stored["name"]
        if member.credit_code != stored["credit_code"]:
            member.pending_credit_code = member.credit_code or ""
            member.credit_code = stored["credit_code"]
        if member.kind != stored["kind"]:
            member.pending_kind, member.kind = member.kind, stored["kind"]
    return _save(member, by, by_representative=by_representative)


@transaction.atomic
def member_pending_change_approve(*, member: Member, by) -> Member:
    """Apply the name, credit code or kind a representative asked for, checked again."""
    if not member.has_pending_change:
        raise MemberError(_("There is no change waiting for approval."))
    if member.pending_name is not None:
        member.name = member.pending_name
    if member.pending_credit_code is not None:
        member.credit_code = member.pending_credit_code or None
    if member.pending_kind is not None:
        member.kind = member.pending_kind
    member.pending_name = member.pending_credit_code = member.pending_kind = None
    try:
        member.full_clean()
    except ValidationError as exc:
        raise MemberError(" ".join(exc.messages)) from exc
    return _save(member, by)


@transaction.atomic
def member_pending_change_reject(*, member: Member, by) -> Member:
    if not member.has_pending_change:
        raise MemberError(_("There is no change waiting for approval."))
    member.pending_name = member.pending_credit_code = member.pending_kind = None
    return _save(member, by)


@transaction.atomic
def member_suspend(*, member: Member, by) -> Member:
    if member.status != Member.Status.ACTIVE:
        raise MemberError(_("Only an active member can be suspended."))
    member.status = Member.Status.SUSPENDED
    return _save(member, by)


@transaction.atomic
def member_reinstate(*, member: Member, by) -> Member:
    if member.status != Member.Status.SUSPENDED:
        raise MemberError(_("Only a suspended member can be reinstated."))
    member.status = Member.Status.ACTIVE
    return _save(member, by)


@transaction.atomic
def member_mark_left(*, member: Member, left_on: date, by) -> Member:
    if member.status in (Member.Status.LEFT, Member.Status.APPLYING):
        raise MemberError(_("Only a current member can leave the group."))
    if member.joined_on and left_on < member.joined_on:
        raise MemberError(_("The leaving date cannot be before the joining date."))
    member.status = Member.Status.LEFT
    member.left_on = left_on
    return _save(member, by)


def member_delete(*, member: Member, by) -> None:
    """Delete a member nothing refers to; projects keep theirs (PROTECT)."""
    try:
        with transaction.atomic():
            member._history_user = by
            audit_record(act=Act.DELETION, user=by, obj=member)
            member.delete()
    except ProtectedError as exc:
        raise MemberError(
            _(
                "%(name)s cannot be deleted while these refer to it: %(referrers)s. "
                "Mark it as left instead."
            )
            % {"name": member.name, "referrers": referrers(exc)}
        ) from exc


def _user_for_email(email: str):
    """The user with this e-mail address, created (without a password) if new."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    username = email
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{email}-{suffix}"
    user = User(username=username, email=email)
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    return user, True


@transaction.atomic
def member_invite_representative(
    *, member: Member, email: str, invited_by
) -> tuple[Representative, bool]:
    """Make the user with this e-mail (created if new) a representative and e-mail an invitation.

    Inviting the same person again sends the invitation again. Returns the representative and
    whether the user account was created."""
    email = email.strip().lower()
    user, user_created = _user_for_email(email)
    representative, created = Representative.objects.get_or_create(
        member=member, user=user, defaults={"invited_by": invited_by}
    )
    representative.invitation = invitation_queue(representative)
    representative.save(update_fields=["invitation"])
    return representative, user_created


@transaction.atomic
def representative_remove(*, representative: Representative) -> None:
    """The user keeps their account but no longer represents the member."""
    representative.delete()


@transaction.atomic
def member_apply(
    *, member: Member, applicant, contact_name: str, contact_phone: str, motivation: str = ""
) -> JoinApplication:
    """An organisation asks to join: it is stored as an `applying` member for staff to review."""
    member.status = Member.Status.APPLYING
    member.joined_on = None
    member.left_on = None
    member.group_role = Member.GroupRole.MEMBER
    member.profile_updated_at = timezone.now()
    _save(member, applicant)
    return JoinApplication.objects.create(
        member=member,
        organisation_name=member.name,
        applicant=applicant,
        contact_name=contact_name,
        contact_phone=contact_phone,
        motivation=motivation,
    )


def _pending(application: JoinApplication) -> JoinApplication:
    locked = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != JoinApplication.Status.PENDING or locked.member_id is None:
        raise MemberError(_("This application has already been decided."))
    return locked


@transaction.atomic
def join_application_approve(*, application: JoinApplication, by) -> Member:
    """Approve: the organisation becomes an active member from today, the applicant its
    representative; the applicant is told by e-mail."""
    application = _pending(application)
    member = application.member
    member.status = Member.Status.ACTIVE
    member.joined_on = timezone.localdate()
    _save(member, by)
    Representative.objects.get_or_create(
        member=member, user=application.applicant, defaults={"invited_by": by}
    )
    if not member.contacts.exists():
        member.contacts.create(
            name=application.contact_name,
            phone=application.contact_phone,
            email=application.applicant.email,
            is_primary=True,
        )
    _decide(application, JoinApplication.Status.APPROVED, "", by)
    return member


@transaction.atomic
def join_application_reject(*, application: JoinApplication, reason: str, by) -> None:
    """Reject with a reason: the applying member record goes, the application stays."""
    if not reason.strip():
        raise MemberError(_("Give the applicant a reason."))
    application = _pending(application)
    member = application.member
    _decide(application, JoinApplication.Status.REJECTED, reason.strip(), by)
    application.member = None
    application.save(update_fields=["member"])
    member._history_user = by
    member.delete()


def _decide(application: JoinApplication, status: str, reason: str, by) -> None:
    application.status = status
    application.reason = reason
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save()
    join_decision_queue(application)


@transaction.atomic
def individual_apply(*, individual: IndividualMember, user) -> IndividualMember:
    """A person applies for individual membership; one open application or membership each."""
    if IndividualMember.objects.filter(
        user=user, status__in=[IndividualMember.Status.APPLYING, IndividualMember.Status.ACTIVE]
    ).exists():
        raise MemberError(_("You have applied already, or are an individual member already."))
    individual.user = user
    individual.status = IndividualMember.Status.APPLYING
    individual._history_user = user
    individual.save()
    return individual


def _decide_individual(individual: IndividualMember, status: str, reason: str, by) -> None:
    locked = IndividualMember.objects.select_for_update().get(pk=individual.pk)
    if locked.status != IndividualMember.Status.APPLYING:
        raise MemberError(_("This application has already been decided."))
    locked.status = status
    locked.reason = reason
    locked.decided_by = by
    locked.decided_at = timezone.now()
    if status == IndividualMember.Status.ACTIVE:
        locked.joined_on = timezone.localdate()
    locked._history_user = by
    locked.save()
    individual_decision_queue(locked)


@transaction.atomic
def individual_approve(*, individual: IndividualMember, by) -> None:
    _decide_individual(individual, IndividualMember.Status.ACTIVE, "", by)


@transaction.atomic
def individual_reject(*, individual: IndividualMember, reason: str, by) -> None:
    if not reason.strip():
        raise MemberError(_("Give the applicant a reason."))
    _decide_individual(individual, IndividualMember.Status.REJECTED, reason.strip(), by)
