"""Data call actions: open a call, fill and submit a return, review it, settle a figure both
sides confirm, close the call (which freezes the year), and remind the late ones."""

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from audit.models import Act
from audit.services import audit_record
from members.models import Member, Representative
from notices.models import Kind, ReminderType
from notices.reminders import reminder_send
from notices.selectors import SCOPE_USERS
from notices.services import notice_create, notice_send_now
from outbox.alerts import staff_alert
from partnerships.models import Participant, Project

from .models import EDITABLE, FIRST_YEAR, DataCall, MemberReturn, ProjectFigure, form_for

R = MemberReturn.Status
FIGURE_KINDS = {
    Project.Kind.ORDER_CLASS: ProjectFigure.What.ORDER_CLASS,
    Project.Kind.INTERNSHIP: ProjectFigure.What.INTERNS,
}
# Reminders: this many days before the deadline, then every REMIND_EVERY days once it passed.
REMIND_BEFORE = (7, 1)
REMIND_EVERY = 7


class DataCallError(Exception):
    """A data call action that cannot be done; the message is for the user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ReturnsMissing(DataCallError):
    """Closing would leave returns unaccepted: staff must confirm."""

    def __init__(self, count: int):
        super().__init__(
            _(
                "%(count)s returns are not accepted yet. Confirm that you want to close the "
                "call without them."
            )
            % {"count": count},
            field="confirm_missing",
        )
        self.count = count


# --- opening ---------------------------------------------------------------------------------


def call_members(*, year: int, kinds: list[str] | None = None) -> QuerySet[Member]:
    """The members a call for the year includes: active members of the group that year."""
    members = Member.objects.at_end_of(year).active()
    if kinds:
        members = members.filter(kind__in=kinds)
    return members.order_by("name")


def data_call_open(
    *, by, year: int, deadline: date, instructions: str = "", member_kinds: list[str] | None = None
) -> DataCall:
    """Open the call, give each member its return and each two-sided project its figure, and
    tell the representatives (an inbox notice and mail, sent after commit)."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise DataCallError(_("Choose a year up to the current one."), field="year")
    if DataCall.objects.filter(year=year).exists():
        raise DataCallError(_("A data call for %(year)s exists already.") % {"year": year}, "year")
    members = list(call_members(year=year, kinds=member_kinds))
    if not members:
        raise DataCallError(_("No active member of these kinds: nobody to ask."), "member_kinds")
    with transaction.atomic():
        call = DataCall.objects.create(
            year=year,
            deadline=deadline,
            instructions=instructions.strip(),
            member_kinds=sorted(member_kinds or []),
            opened_by=by,
        )
        MemberReturn.objects.bulk_create(
            MemberReturn(call=call, member=m, form=form_for(m.kind)) for m in members
        )
        figures_create(call=call, member_ids={m.pk for m in members})
        _announce(call=call, by=by, member_ids=[m.pk for m in members])
    return call


def figures_create(*, call: DataCall, member_ids: set[int]) -> int:
    """One figure per order class or internship counting for the year whose school and
    enterprise are both asked in this call."""
    projects = (
        Project.objects.counting_for(call.year)
        .filter(kind__in=FIGURE_KINDS)
        .prefetch_related("participants")
    )
    rows = []
    for project in projects:
        sides = {p.role: p.member_id for p in project.participants.all()}
        school, enterprise = (
            sides.get(Participant.Role.SCHOOL),
            sides.get(Participant.Role.ENTERPRISE),
        )
        if school in member_ids and enterprise in member_ids:
            rows.append(
                ProjectFigure(
                    call=call,
                    project=project,
                    what=FIGURE_KINDS[project.kind],
                    recorded_value=project.students,
                    school_id=school,
                    enterprise_id=enterprise,
                )
            )
    ProjectFigure.objects.bulk_create(rows)
    return len(rows)


def _representatives(member_ids) -> list[int]:
    users = Representative.objects.filter(member_id__in=member_ids, user__is_active=True)
    return sorted(set(users.values_list("user_id", flat=True)))


def _announce(*, call: DataCall, by, member_ids: list[int]) -> None:
    users = _representatives(member_ids)
    if not users:
        return
    body = (
        "<p>"
        + _(
            "The secretariat asks every member for its %(year)s figures. Your form is ready in "
            "the portal, pre-filled from what the portal knows: please correct and complete it, "
            "confirm the figures of your cooperation projects and submit it by %(deadline)s."
        )
        % {"year": call.year, "deadline": call.deadline.isoformat()}
        + "</p>"
    )
    if call.instructions:
        body += "<p>" + escape(call.instructions).replace("\n", "<br>") + "</p>"
    notice = notice_create(
        by=by,
        title=_("Data call %(year)s: please submit your figures by %(deadline)s")
        % {"year": call.year, "deadline": call.deadline.isoformat()},
        body=body,
        kind=Kind.DATA_CALL,
        audience={"scope": SCOPE_USERS, "users": users},
    )
    notice_send_now(notice=notice)


# --- the representative's return ------------------------------------------------------------


def _locked(member_return: MemberReturn) -> MemberReturn:
    return (
        MemberReturn.objects.select_related("call", "member")
        .select_for_update(of=("self",))
        .get(pk=member_return.pk)
    )


def return_save(
    *, member_return: MemberReturn, by, values: dict, figure_values: dict[int, int | None]
) -> MemberReturn:
    """Save the representative's figures as a draft (nothing is stored if anything is wrong)."""
    with transaction.atomic():
        current = _locked(member_return)
        if not current.is_editable:
            raise DataCallError(
                _("This return can no longer be changed: %(status)s.")
                % {"status": current.get_status_display()}
            )
        for field in current.fields:
            if field in values:
                setattr(current, field, values[field])
        current.remarks = values.get("remarks", current.remarks)
        current.status = R.DRAFT
        current.updated_by, current.updated_at = by, timezone.now()
        current.save()
        _figures_save(member_return=current, figure_values=figure_values)
    return current


def _figures_save(*, member_return: MemberReturn, figure_values: dict[int, int | None]) -> None:
    for figure in figures_of(member_return).select_for_update(of=("self",)):
        if figure.pk not in figure_values or figure.is_settled:
            continue
        side = figure.side_of(member_return.member_id)
        setattr(figure, f"{side}_value", figure_values[figure.pk])
        figure.save(update_fields=[f"{side}_value"])


def figures_of(member_return: MemberReturn) -> QuerySet[ProjectFigure]:
    """The project figures this member confirms in its return."""
    member_id = member_return.member_id
    return (
        ProjectFigure.objects.filter(call_id=member_return.call_id)
        .filter(Q(school_id=member_id) | Q(enterprise_id=member_id))
        .select_related("project")
        .order_by("project__title", "pk")
    )


def return_submit(
    *,
    member_return: MemberReturn,
    by,
    values: dict | None = None,
    figure_values: dict[int, int | None] | None = None,
) -> MemberReturn:
    """Submit the return to the secretariat (saving the figures given first): every field of
    the form and every project figure must be answered."""
    with transaction.atomic():
        if values is not None:
            member_return = return_save(
                member_return=member_return, by=by, values=values, figure_values=figure_values or {}
            )
        current = _locked(member_return)
        if not current.is_editable:
            raise DataCallError(
                _("This return can no longer be submitted: %(status)s.")
                % {"status": current.get_status_display()}
            )
        missing = current.missing_fields()
        if missing:
            labels = ", ".join(str(MemberReturn._meta.get_field(f).verbose_name) for f in missing)
            raise DataCallError(
                _("Answer every figure before submitting (0 where none): %(fields)s.")
                % {"fields": labels}
            )
        side_missing = [
            f.project.title
            for f in figures_of(current)
            if f.value_for(current.member_id) is None and not f.is_settled
        ]
        if side_missing:
            raise DataCallError(
                _("Confirm the figures of these projects: %(projects)s.")
                % {"projects": ", ".join(side_missing)}
            )
        if current.status == R.NOT_STARTED:
            raise DataCallError(_("Save the form before submitting it."))
        now = timezone.now()
        current.status, current.submitted_by, current.submitted_at = R.SUBMITTED, by, now
        current.save(update_fields=["status", "submitted_by", "submitted_at"])
    return current


# --- staff review ----------------------------------------------------------------------------


def _review(*, member_return: MemberReturn, by, allowed: tuple, status: str, comments: str):
    with transaction.atomic():
        current = _locked(member_return)
        if current.call.status != DataCall.Status.OPEN:
            raise DataCallError(_("The data call is closed."))
        if current.status not in allowed:
            raise DataCallError(
                _("Not possible for a return that is %(status)s.")
                % {"status": current.get_status_display()}
            )
        current.status, current.reviewed_by, current.reviewed_at = status, by, timezone.now()
        current.review_comments = comments
        current.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comments"])
    return current


def return_accept(*, member_return: MemberReturn, by) -> MemberReturn:
    return _review(
        member_return=member_return, by=by, allowed=(R.SUBMITTED,), status=R.ACCEPTED, comments=""
    )


def return_send_back(*, member_return: MemberReturn, by, comments: str) -> MemberReturn:
    """Send the return back to the member with comments; they correct and submit again."""
    comments = (comments or "").strip()
    if not comments:
        raise DataCallError(_("Say what the member should correct."), field="comments")
    return _review(
        member_return=member_return,
        by=by,
        allowed=(R.SUBMITTED, R.ACCEPTED),
        status=R.RETURNED,
        comments=comments,
    )


def figure_settle(
    *, figure: ProjectFigure, by, value: int, note: str, write_back: bool = False
) -> ProjectFigure:
    """Staff settle a figure the two sides gave differently, with a note; optionally the settled
    value becomes the project's number of students."""
    note = (note or "").strip()
    if not note:
        raise DataCallError(_("Say why this value is the right one."), field="note")
    if value is None or value < 0:
        raise DataCallError(_("Give a number of students, 0 or more."), field="value")
    with transaction.atomic():
        current = (
            ProjectFigure.objects.select_for_update(of=("self",))
            .select_related("call", "project")
            .get(pk=figure.pk)
        )
        if current.call.status != DataCall.Status.OPEN:
            raise DataCallError(_("The data call is closed."))
        current.settled_value, current.settled_note = value, note
        current.settled_by, current.settled_at = by, timezone.now()
        current.written_back = bool(write_back)
        current.save()
        if write_back and current.project.students != value:
            Project.objects.filter(pk=current.project_id).update(students=value)
    return current


# --- closing ---------------------------------------------------------------------------------


def data_call_close(*, call: DataCall, by, confirm_missing: bool = False) -> DataCall:
    """Close the call and freeze the year in the same transaction. Refused while a
    disagreement is unsettled; returns not accepted need the staff's confirmation."""
    from reports.services import ReportError, year_freeze

    with transaction.atomic():
        current = DataCall.objects.select_for_update().get(pk=call.pk)
        if current.status != DataCall.Status.OPEN:
            raise DataCallError(_("This data call is closed already."))
        unsettled = current.figures.unsettled().count()
        if unsettled:
            raise DataCallError(
                _(
                    "%(count)s project figures still disagree between school and enterprise: "
                    "settle them before closing the call."
                )
                % {"count": unsettled}
            )
        missing = current.returns.exclude(status=R.ACCEPTED).count()
        if missing and not confirm_missing:
            raise ReturnsMissing(missing)
        current.status, current.closed_by, current.closed_at = (
            DataCall.Status.CLOSED,
            by,
            timezone.now(),
        )
        reason = _("Data call %(year)s closed: %(accepted)s of %(total)s returns accepted.") % {
            "year": current.year,
            "accepted": current.returns.filter(status=R.ACCEPTED).count(),
            "total": current.returns.count(),
        }
        try:
            snapshot = year_freeze(year=current.year, by=by, reason=reason)
        except ReportError as error:
            raise DataCallError(str(error)) from error
        current.snapshot_version = snapshot.version
        current.save(update_fields=["status", "closed_by", "closed_at", "snapshot_version"])
        staff_alert(reason)  # sent once the transaction commits
        audit_record(act=Act.DATA_CALL_CLOSE, user=by, obj=current, detail=reason)
    return current


# --- reminders -------------------------------------------------------------------------------


def reminder_due(call: DataCall, today: date) -> bool:
    days_left = (call.deadline - today).days
    if days_left >= 0:
        return days_left in REMIND_BEFORE
    return (-days_left - 1) % REMIND_EVERY == 0


def data_call_reminders_send(*, today: date) -> int:
    """Remind the representatives of members that have not submitted, on the reminder days of
    each open call; at most once per member and day (a ReminderLog row keyed by both)."""
    sent = 0
    for call in DataCall.objects.filter(status=DataCall.Status.OPEN):
        if not reminder_due(call, today):
            continue
        waiting = call.returns.filter(status__in=EDITABLE).select_related("member")
        for member_return in waiting:
            users = _representatives([member_return.member_id])
            if not users:
                continue
            sent += reminder_send(
                type=ReminderType.DATA_CALL,
                key=f"call{call.pk}:member{member_return.member_id}:{today.isoformat()}",
                title=_reminder_title(call, today),
                body="<p>"
                + _(
                    "The %(year)s return of %(member)s has not been submitted yet; the deadline "
                    "is %(deadline)s. Please complete and submit it in the portal."
                )
                % {
                    "year": call.year,
                    "member": escape(member_return.member.name),
                    "deadline": call.deadline.isoformat(),
                }
                + "</p>",
                audience={"scope": SCOPE_USERS, "users": users},
            )
    return sent


def data_call_reminders_run(today: date) -> int | None:
    """The daily data-call reminders while a call is open; None leaves the day to notices'
    yearly reminder (registered in DatacallsConfig.ready())."""
    if not DataCall.objects.filter(status=DataCall.Status.OPEN).exists():
        return None
    return data_call_reminders_send(today=today)


def _reminder_title(call: DataCall, today: date) -> str:
    if today > call.deadline:
        return _("Overdue: your %(year)s data call return (deadline %(deadline)s)") % {
            "year": call.year,
            "deadline": call.deadline.isoformat(),
        }
    return _("Reminder: submit your %(year)s data call return by %(deadline)s") % {
        "year": call.year,
        "deadline": call.deadline.isoformat(),
    }
