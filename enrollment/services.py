"""Enrollment's business actions: every status change goes through one function here.

Each runs in one transaction, locks the application row (and, for approvals, the intake row, so
two staff approving at once cannot exceed the quota), records an ApplicationEvent and queues the
applicant's notification after commit.
"""

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
from audit.services import audit_record
from vetgroup.broker import publish_on_commit
from vetgroup.uploads import DOCUMENT_TYPES, MB, check_upload

from .crypto import lookup_hash
from .models import Answer, Application, ApplicationEvent, Document, Intake
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
    from .tasks import notify_application_event

    publish_on_commit(notify_application_event, event.pk)
    return event


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
    _record(application, action="withdraw", to=S.WITHDRAWN, actor=actor)
    return application


@transaction.atomic
def application_approve(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    _require(application, (S.SUBMITTED,), _("Approve"))
    # Lock the intake: a second approver waits here until this transaction ends, then counts
    # this approval too, so the quota is never exceeded.
    intake = Intake.objects.select_for_update().get(pk=application.intake_id)
    if intake.quota is not None:
        taken = intake.applications.filter(status__in=Application.COUNTING_FOR_QUOTA).count()
        if taken >= intake.quota:
            raise EnrollmentError(
                _("The quota of %(quota)d for %(intake)s is reached: no more approvals.")
                % {"quota": intake.quota, "intake": intake}
            )
    _record(application, action="approve", to=S.APPROVED, actor=actor)
    return application


@transaction.atomic
def application_reject(*, application: Application, actor: User, reason: str) -> Application:
    reason = _require_reason(reason)
    application = _locked(application)
    _require(application, (S.SUBMITTED, S.APPROVED), _("Reject"))
    _record(application, action="reject", to=S.REJECTED, actor=actor, reason=reason)
    return application


@transaction.atomic
def application_return(*, application: Application, actor: User, reason: str) -> Application:
    reason = _require_reason(reason)
    application = _locked(application)
    _require(application, (S.SUBMITTED,), _("Return for changes"))
    _record(application, action="return", to=S.RETURNED, actor=actor, reason=reason)
    return application


@transaction.atomic
def application_enrol(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    _require(application, (S.APPROVED,), _("Enrol"))
    _record(application, action="enrol", to=S.ENROLLED, actor=actor)
    return application


STAFF_ACTIONS = {
    "approve": application_approve,
    "reject": application_reject,
    "return": application_return,
    "enrol": application_enrol,
}
APPLICANT_ACTIONS = {"submit": application_submit, "withdraw": application_withdraw}


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
@transaction.atomic
def intake_delete(*, intake: Intake, by: User) -> None:
    """One with applications raises ProtectedError (answered 409, naming them): the audit
    entry goes with the rolled-back transaction."""
    audit_record(act=Act.DELETION, user=by, obj=intake)
    intake.delete()


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
