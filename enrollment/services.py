"""Enrollment's business actions: every status change goes through one function here.

Each runs in one transaction, locks the application row (and, for approvals, the intake row, so
two staff approving at once cannot exceed the quota), records an ApplicationEvent and queues the
applicant's notification after commit.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from audit.models import Act
from audit.services import audit_record, audit_record_many
from core.uploads import DOCUMENT_TYPES, MB, check_upload

from .crypto import lookup_hash
from .models import (
    AdmissionLetter,
    Answer,
    Application,
    ApplicationEvent,
    Document,
    Intake,
    holding_place,
    waiting,
)
from .notifications import notification_create
from .questions import missing_required

S = Application.Status

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * MB


class EnrollmentError(Exception):
    """A refused action; the message is for the user (already translated)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _record(
    application: Application,
    *,
    action: str,
    to: str,
    actor: User | None,
    reason: str = "",
    also_save: tuple[str, ...] = (),
) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application,
        action=action,
        from_status=application.status,
        to_status=to,
        actor=actor,
        reason=reason,
    )
    application.status = to
    application.status_reason = reason
    fields = ["status", "status_reason", "updated_at", *also_save]
    if actor is not None and actor.is_staff and actor.pk != application.applicant_id:
        application.decided_by = actor
        application.decided_at = event.created_at
        fields += ["decided_by", "decided_at"]
    application.save(update_fields=fields)
    notification_create(event=event)
    return event


WAITLIST_FIELDS = ("waitlisted_at", "waitlist_rank", "offer_expires_at")


def _leave_waitlist(application: Application) -> tuple[str, ...]:
    """Clear the waiting-list fields; the names to save with the next _record."""
    application.waitlist_rank = None
    application.offer_expires_at = None
    return ("waitlist_rank", "offer_expires_at")


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("intake").get(pk=application.pk)


def _require(application: Application, allowed: tuple, action_label: str) -> None:
    if application.status not in allowed:
        raise EnrollmentError(
            _("“%(action)s” is not possible for an application that is “%(status)s”.")
            % {"status": application.get_status_display(), "action": action_label}
        )


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EnrollmentError(_("Give the applicant a reason."), field="reason")
    return reason


ALREADY_REGISTERED = _(
    "You have already registered for this intake. An account registers its own holder once per "
    "intake; to register someone else, use their own account."
)


def application_create(*, applicant: User, intake: Intake, **fields) -> Application:
    """A new draft. Only while the intake is open; one per ID number and intake, and one per
    account and intake."""
    if not intake.is_open():
        raise EnrollmentError(_("Registration for this intake is not open."), field="intake")
    # An account registers its own holder, once per intake: notices, the status and the
    # personal data are the applicant's. Someone helping fills in the applicant's own account.
    if Application.objects.filter(applicant=applicant, intake=intake).exists():
        raise EnrollmentError(ALREADY_REGISTERED, field="intake")
    fields["id_number"] = fields["id_number"].strip().upper()
    # The unique constraint is the check (no query before the INSERT); a refused INSERT is
    # looked at only to tell the applicant why.
    try:
        with transaction.atomic():
            return Application.objects.create(applicant=applicant, intake=intake, **fields)
    except IntegrityError as exc:
        clash = Application.objects.filter(
            intake=intake, id_number_hash=lookup_hash(fields["id_number"])
        )
        if not clash.exists():
            raise
        raise EnrollmentError(
            _("An application with this ID number already exists for this intake."),
            field="id_number",
        ) from exc


@transaction.atomic
def application_update(*, application: Application, actor: User, **fields) -> Application:
    application = _locked(application)
    if not application.is_editable:
        raise EnrollmentError(_("This application can no longer be changed."))
    if "id_number" in fields:
        fields["id_number"] = fields["id_number"].strip().upper()
        clash = Application.objects.filter(
            intake=application.intake_id, id_number_hash=lookup_hash(fields["id_number"])
        ).exclude(pk=application.pk)
        if clash.exists():
            raise EnrollmentError(
                _("An application with this ID number already exists for this intake."),
                field="id_number",
            )
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    return application


def document_content_type(upload: UploadedFile) -> str:
    """The type read from the file's first bytes (not its name); EnrollmentError if not allowed."""
    try:
        return check_upload(upload, max_mb=MAX_UPLOAD_MB, types=DOCUMENT_TYPES)
    except ValidationError as exc:
        raise EnrollmentError(exc.messages[0], field="file") from exc


@transaction.atomic
def document_upload(
    *, application: Application, actor: User, kind: str, upload: UploadedFile
) -> Document:
    """Store (or replace) the application's document of that kind."""
    application = _locked(application)
    if not application.is_editable:
        raise EnrollmentError(_("This application can no longer be changed."))
    content_type = document_content_type(upload)
    old = application.documents.filter(kind=kind).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    return Document.objects.create(
        application=application,
        kind=kind,
        file=upload,
        original_name=(upload.name or kind)[-200:],
        content_type=content_type,
        size=upload.size,
    )


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    _require(application, Application.EDITABLE, _("Submit"))
    # A returned application may come back after the window closed: staff asked for it.
    if application.status == S.DRAFT and not application.intake.is_open():
        raise EnrollmentError(_("Registration for this intake is closed."))
    missing = application.missing_document_kinds
    if missing:
        labels = pgettext("list separator", ", ").join(
            str(label)
            for kind, label in Document._meta.get_field("kind").choices
            if kind in missing
        )
        raise EnrollmentError(_("Upload these documents first: %(docs)s.") % {"docs": labels})
    unanswered = missing_required(application)
    if unanswered:
        names = pgettext("list separator", ", ").join(q.label for q in unanswered)
        raise EnrollmentError(
            _("Answer these questions first: %(questions)s.") % {"questions": names}
        )
    first = application.submitted_at is None
    if first:
        application.submitted_at = timezone.now()
    also_save = ("submitted_at",) if first else ()
    _record(application, action="submit", to=S.SUBMITTED, actor=actor, also_save=also_save)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    _require(application, (S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED), _("Withdraw"))
    held = application.holds_place
    cleared = _leave_waitlist(application)
    _record(application, action="withdraw", to=S.WITHDRAWN, actor=actor, also_save=cleared)
    if held:
        _offer_free_places(application.intake_id)
    return application


@transaction.atomic
def application_approve(*, application: Application, actor: User) -> Application:
    """Approve, or, with the quota full, put on the waiting list in order of decision."""
    application = _locked(application)
    _require(application, (S.SUBMITTED,), _("Approve"))
    _require_off_waitlist(application)
    # Lock the intake: a second approver waits here until this transaction ends, then counts
    # this approval too, so the quota is never exceeded.
    intake = _offer_free_places(application.intake_id)
    if intake.quota is not None and _places_taken(intake) >= intake.quota:
        last = intake.applications.filter(waiting()).order_by("-waitlist_rank").first()
        application.waitlist_rank = (last.waitlist_rank + 1) if last else 1
        application.waitlisted_at = timezone.now()
        _record(
            application,
            action="waitlist",
            to=S.SUBMITTED,
            actor=actor,
            also_save=("waitlist_rank", "waitlisted_at"),
        )
        return application
    _record(application, action="approve", to=S.APPROVED, actor=actor)
    return application


def _require_off_waitlist(application: Application) -> None:
    if application.has_offer:
        raise EnrollmentError(_("A place is offered to this applicant: they accept it themselves."))
    if application.on_waitlist:
        raise EnrollmentError(
            _("Already on the waiting list, at position %(n)d.")
            % {"n": application.waitlist_position}
        )


def _places_taken(intake: Intake) -> int:
    return intake.applications.filter(holding_place()).count()


def _offer_free_places(intake_id: int) -> Intake:
    """Lock the intake and offer its free places to the first on the waiting list, each with
    a deadline to accept. Called in the transaction that freed a place (row locks only: the
    intake's, then the waiting applications')."""
    intake = Intake.objects.select_for_update().get(pk=intake_id)
    queue = intake.applications.filter(waiting()).order_by("waitlist_rank", "pk")
    queue = queue.select_for_update()
    if intake.quota is not None:
        free = intake.quota - _places_taken(intake)
        if free <= 0:
            return intake
        queue = queue[:free]
    deadline = timezone.now() + intake.offer_period()
    for application in queue:
        application.waitlist_rank = None
        application.offer_expires_at = deadline
        _record(
            application,
            action="offer",
            to=S.SUBMITTED,
            actor=None,
            also_save=("waitlist_rank", "offer_expires_at"),
        )
    return intake


@transaction.atomic
def intake_places_offer(*, intake: Intake) -> Intake:
    """After the quota changed: free places go to the waiting list."""
    return _offer_free_places(intake.pk)


OFFER_EXPIRED_REASON = "未在期限内接受候补录取名额，名额已依次递补给下一位。"


def offer_accept(*, application: Application, actor: User) -> Application:
    """The applicant takes the offered place (approved). After the deadline: refused, and the
    place moves on at once."""
    with transaction.atomic():
        application = _locked(application)
        if not application.has_offer:
            raise EnrollmentError(_("No place is offered to you on this application."))
        deadline = application.offer_expires_at
        if timezone.now() < deadline:
            cleared = _leave_waitlist(application)
            _record(application, action="accept", to=S.APPROVED, actor=actor, also_save=cleared)
            return application
    offers_expire()
    local = timezone.localtime(deadline)
    raise EnrollmentError(
        _(
            "The offer could be accepted until %(deadline)s; that time has passed and the place "
            "went to the next on the waiting list."
        )
        % {"deadline": local.strftime("%Y-%m-%d %H:%M")}
    )


def offers_expire(*, now=None) -> int:
    """Periodic and idempotent: offers past their deadline lapse (withdrawn) and their places
    go to the next on the list. Each in its own transaction."""
    now = now or timezone.now()
    expired = Application.objects.filter(status=S.SUBMITTED, offer_expires_at__lte=now).values_list(
        "pk", flat=True
    )
    count = 0
    for pk in list(expired):
        with transaction.atomic():
            application = Application.objects.select_for_update().filter(pk=pk).first()
            if not (application and application.has_offer and application.offer_expires_at <= now):
                continue  # accepted or already moved on meanwhile
            cleared = _leave_waitlist(application)
            _record(
                application,
                action="offer_expired",
                to=S.WITHDRAWN,
                actor=None,
                reason=OFFER_EXPIRED_REASON,
                also_save=cleared,
            )
            _offer_free_places(application.intake_id)
            count += 1
    return count


@transaction.atomic
def waitlist_move(
    *, application: Application, actor: User, position: int, reason: str
) -> Application:
    """Staff put someone at another place on the list, with a reason (an application event)."""
    reason = _require_reason(reason)
    Intake.objects.select_for_update().get(pk=application.intake_id)
    queue = list(
        Application.objects.filter(waiting(), intake_id=application.intake_id)
        .order_by("waitlist_rank", "pk")
        .select_for_update()
    )
    moving = next((a for a in queue if a.pk == application.pk), None)
    if moving is None:
        raise EnrollmentError(_("This application is not on the waiting list."))
    if not 1 <= position <= len(queue):
        raise EnrollmentError(
            _("Give a position between 1 and %(n)d.") % {"n": len(queue)}, field="position"
        )
    before = queue.index(moving) + 1
    queue.remove(moving)
    queue.insert(position - 1, moving)
    for rank, item in enumerate(queue, start=1):
        item.waitlist_rank = rank
    Application.objects.bulk_update(queue, ["waitlist_rank"])
    ApplicationEvent.objects.create(
        application=moving,
        action="waitlist_move",
        from_status=moving.status,
        to_status=moving.status,
        actor=actor,
        reason=f"{before} → {position}：{reason}",
    )
    return moving


@transaction.atomic
def application_reject(*, application: Application, actor: User, reason: str) -> Application:
    reason = _require_reason(reason)
    application = _locked(application)
    _require(application, (S.SUBMITTED, S.APPROVED), _("Reject"))
    held = application.holds_place
    cleared = _leave_waitlist(application)
    _record(
        application, action="reject", to=S.REJECTED, actor=actor, reason=reason, also_save=cleared
    )
    if held:
        _offer_free_places(application.intake_id)
    return application


@transaction.atomic
def application_return(*, application: Application, actor: User, reason: str) -> Application:
    reason = _require_reason(reason)
    application = _locked(application)
    _require(application, (S.SUBMITTED,), _("Return for changes"))
    _require_off_waitlist(application)
    _record(application, action="return", to=S.RETURNED, actor=actor, reason=reason)
    return application


@transaction.atomic
def application_enrol(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    _require(application, (S.APPROVED,), _("Enrol"))
    _record(application, action="enrol", to=S.ENROLLED, actor=actor)
    letter_issue(application=application)
    return application


def letter_issue(*, application: Application) -> AdmissionLetter:
    """The enrolled application's admission letter (once; numbered by intake and application)."""
    intake = application.intake
    letter, _created = AdmissionLetter.objects.get_or_create(
        application=application,
        defaults={
            "number": f"{intake.year}-{intake.pk:03d}-{application.pk:06d}",
            "token": secrets.token_urlsafe(16),
        },
    )
    return letter


@transaction.atomic
def letter_revoke(*, letter: AdmissionLetter, actor: User, reason: str) -> AdmissionLetter:
    reason = _require_reason(reason)
    letter = AdmissionLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.revoked_at is None:
        letter.revoked_at = timezone.now()
        letter.revoked_reason = reason
        letter.save(update_fields=["revoked_at", "revoked_reason"])
        application = letter.application
        event = ApplicationEvent.objects.create(
            application=application,
            action="letter_revoke",
            from_status=application.status,
            to_status=application.status,
            actor=actor,
            reason=reason,
        )
        notification_create(event=event)
    return letter


STAFF_ACTIONS = {
    "approve": application_approve,
    "reject": application_reject,
    "return": application_return,
    "enrol": application_enrol,
}
APPLICANT_ACTIONS = {
    "submit": application_submit,
    "withdraw": application_withdraw,
    "accept": offer_accept,
}


def applications_bulk_decide(
    *, applications: list[Application], actor: User, action: str, reason: str = ""
) -> tuple[list[Application], list[tuple[Application, str]]]:
    """Run one staff action on each application, each in its own transaction.

    Returns the ones done and, for the others, why not (e.g. the quota ran out)."""
    service = STAFF_ACTIONS[action]
    kwargs = {"reason": reason} if action in ("reject", "return") else {}
    done, failed = [], []
    for application in applications:
        try:
            done.append(service(application=application, actor=actor, **kwargs))
        except EnrollmentError as error:
            failed.append((application, error.message))
    audit_record(
        act=Act.BULK_DECISION,
        user=actor,
        detail=f"{action}: done {[a.pk for a in done]}, refused {[a.pk for a, _w in failed]}",
    )
    return done, failed


@transaction.atomic
def intake_delete(*, intake: Intake, by: User) -> None:
    """One with applications raises ProtectedError (answered 409, naming them): the audit
    entry goes with the rolled-back transaction."""
    audit_record(act=Act.DELETION, user=by, obj=intake)
    intake.delete()


def letters_export_record(*, user: User, letters: list[AdmissionLetter]) -> None:
    """Admission letters printed in bulk: each applicant's access log shows the export."""
    audit_record_many(
        act=Act.EXPORT,
        user=user,
        objects=[letter.application for letter in letters],
        detail="admission_letters",
    )


def personal_data_access_record(*, user: User, application: Application, what: str) -> None:
    """The staff user saw personal data of the application: recorded in the audit trail."""
    act = Act.DOCUMENT if what.startswith("document:") else Act.REVEAL
    audit_record(act=act, user=user, obj=application, detail=what)


RETENTION_YEARS = 3


def applications_purge_expired(*, now=None, years: int = RETENTION_YEARS) -> int:
    """PIPL retention: erase the personal data of applicants who did not enrol, `years` after
    their intake closed. Status and dates stay, so the year's figures do not change."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=365 * years)
    expired = Application.objects.filter(intake__closes_at__lt=cutoff).exclude(status=S.ENROLLED)
    expired = expired.exclude(id_number_hash__startswith="purged:")
    with transaction.atomic():
        for document in Document.objects.filter(application__in=expired):
            document.file.delete(save=False)
            document.delete()
        for answer in Answer.objects.filter(application__in=expired):
            answer.file.delete(save=False)
            answer.delete()
        return expired.update(
            full_name="—",
            id_number="",
            phone="",
            employer="",
            address="",
            ethnicity="",
            political_status="",
            household_region="",
            previous_school="",
            id_tail="",
            phone_tail="",
            id_number_hash=Concat(Value("purged:"), F("pk")),
            phone_hash="",
        )
