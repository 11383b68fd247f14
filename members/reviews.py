"""The yearly review of members (年检) and the membership certificates it earns: the rules
(who is in good standing, what a certificate's QR code says) and the actions, one transaction each.

Reminders go out through the notices app, which registers its sender here in its
AppConfig.ready() (members is below notices and does not import it)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Certificate, Member, Review, ReviewEntry
from .permissions import represented_member_ids
from .services import MemberError

Result = ReviewEntry.Result
State = Certificate.State

# (review, members) -> how many reminders went out; set by the notices app.
_reminder_sender: Callable[[Review, list[Member]], int] | None = None


def register_review_reminder(sender: Callable[[Review, list[Member]], int]) -> None:
    global _reminder_sender
    _reminder_sender = sender


# --- reads ---------------------------------------------------------------------------------


def open_entries_for(member_ids) -> QuerySet[ReviewEntry]:
    """The entries representatives still have to confirm (a task on their home page)."""
    return ReviewEntry.objects.filter(
        member_id__in=member_ids,
        confirmed_at__isnull=True,
        review__deadline__gte=timezone.localdate(),
    ).select_related("review", "member")


def nonresponders(review: Review) -> QuerySet[ReviewEntry]:
    """Members that have not confirmed their profile in this review."""
    return review.entries.filter(confirmed_at__isnull=True).select_related("member")


def latest_decision(member: Member) -> ReviewEntry | None:
    return (
        member.review_entries.exclude(result=Result.PENDING)
        .select_related("review")
        .order_by("-review__year")
        .first()
    )


def in_good_standing(member: Member) -> ReviewEntry | None:
    """The entry that puts the member in good standing: a current member that passed its
    latest decided review; None otherwise."""
    if not Member.objects.current().filter(pk=member.pk).exists():
        return None
    entry = latest_decision(member)
    return entry if entry and entry.result == Result.PASSED else None


@dataclass(frozen=True)
class Verification:
    state: str
    certificate: Certificate | None = None
    why: str = ""

    @property
    def label(self) -> str:
        return State(self.state).label


def certificate_verify(token: str, today: date | None = None) -> Verification:
    """What the certificate's QR code says today: valid, expired, not valid (revoked, the member
    left or failed a later review) or unknown."""
    today = today or timezone.localdate()
    certificate = Certificate.objects.filter(token=token).select_related("member").first()
    if certificate is None:
        return Verification(State.UNKNOWN)
    if certificate.revoked_at:
        return Verification(State.REVOKED, certificate, certificate.revoked_reason)
    member = certificate.member
    if not Member.objects.current().filter(pk=member.pk).exists():
        return Verification(State.REVOKED, certificate, _("The member has left the group."))
    entry = latest_decision(member)
    if entry and entry.result == Result.ASKED_TO_LEAVE:
        return Verification(
            State.REVOKED,
            certificate,
            _("The member did not pass the review of %(year)s.") % {"year": entry.review.year},
        )
    if today > certificate.valid_until:
        return Verification(State.EXPIRED, certificate)
    return Verification(State.VALID, certificate)


# --- actions -------------------------------------------------------------------------------


@transaction.atomic
def review_open(*, year: int, deadline: date, by) -> Review:
    """Open the review of a year for every current member that had joined by its end."""
    if deadline < timezone.localdate():
        raise MemberError(_("The deadline cannot be in the past."))
    if Review.objects.filter(year=year).exists():
        raise MemberError(_("The review of %(year)s is open already.") % {"year": year})
    review = Review.objects.create(year=year, deadline=deadline, opened_by=by)
    members = Member.objects.current().exclude(joined_on__gt=date(year, 12, 31))
    ReviewEntry.objects.bulk_create(ReviewEntry(review=review, member=m) for m in members)
    return review


@transaction.atomic
def review_confirm(*, entry: ReviewEntry, by) -> ReviewEntry:
    """The member confirms that its profile and contacts are current."""
    entry = ReviewEntry.objects.select_for_update().select_related("review").get(pk=entry.pk)
    if not entry.review.is_open():
        raise MemberError(
            _("The review closed on %(date)s; ask the secretariat.")
            % {"date": entry.review.deadline.isoformat()}
        )
    if entry.confirmed_at:
        raise MemberError(_("Your organisation has confirmed its profile already."))
    entry.confirmed_at, entry.confirmed_by = timezone.now(), by
    entry._history_user = by
    entry.save()
    Member.objects.filter(pk=entry.member_id).update(profile_updated_at=entry.confirmed_at)
    return entry


@transaction.atomic
def review_decide(*, entry: ReviewEntry, result: str, reason: str, by) -> ReviewEntry:
    """Staff mark a member passed, warned or asked to leave; anything but a pass needs a reason.
    Whoever represents the member does not decide its review."""
    if result not in (Result.PASSED, Result.WARNED, Result.ASKED_TO_LEAVE):
        raise MemberError(_("Choose passed, warned or asked to leave."))
    if entry.member_id in represented_member_ids(by):
        raise MemberError(
            _("You represent %(name)s: another member of the secretariat decides its review.")
            % {"name": entry.member.name}
        )
    reason = reason.strip()
    if result != Result.PASSED and not reason:
        raise MemberError(_("Give the reason for a warning or a request to leave."))
    entry.result, entry.reason = result, reason
    entry.decided_by, entry.decided_at = by, timezone.now()
    entry._history_user = by
    entry.save()
    return entry


def review_remind(*, review: Review) -> int:
    """Remind the representatives of the members that have not confirmed (once a day each)."""
    if _reminder_sender is None:
        raise MemberError(_("Reminders cannot be sent: the notices service is not installed."))
    if not review.is_open():
        raise MemberError(_("The review is closed; there is nothing to remind."))
    members = [entry.member for entry in nonresponders(review)]
    return _reminder_sender(review, members)


def _printed(text) -> str:
    """Words printed on a certificate are in the portal's language, not the asker's browser's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def certificate_number(review: Review, member: Member) -> str:
    return f"{review.year}{member.pk:05d}"


def certificate_issue(*, member: Member) -> Certificate:
    """The member's certificate for the review it passed (the same one every time it asks)."""
    entry = in_good_standing(member)
    if entry is None:
        raise MemberError(
            _(
                "A certificate is issued to a member in good standing: a current member that "
                "passed the latest review."
            )
        )
    found = Certificate.objects.filter(member=member, review=entry.review).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                member=member,
                review=entry.review,
                number=certificate_number(entry.review, member),
                member_name=member.name,
                position=_printed(member.get_group_role_display()),
                valid_from=timezone.localdate(),
                valid_until=date(entry.review.year + 1, 12, 31),
            )
    except IntegrityError:  # the same member asked twice at once
        return Certificate.objects.get(member=member, review=entry.review)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise MemberError(_("Give the reason for revoking the certificate."))
    if certificate.revoked_at:
        raise MemberError(_("The certificate is revoked already."))
    certificate.revoked_at, certificate.revoked_reason = timezone.now(), reason
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate
