"""Business actions on cooperation projects, the internship pool and work plans."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member

from .models import InternshipOffer, Participant, Placement, Project, ProjectEvent


class PartnershipError(Exception):
    """A business rule refused the action; the message is for the user."""


# The fields staff edit on a project (forms and the API); the participants come separately.
PROJECT_FIELDS = [
    "title",
    "kind",
    "status",
    "signed_on",
    "starts_on",
    "ends_on",
    "expires_on",
    "students",
    "investment_cny",
    "description",
    "notes",
]


def _set_participants(project: Project, participants: Iterable[tuple[Member, str]]) -> None:
    wanted = {(member.pk, role) for member, role in participants}
    current = {(p.member_id, p.role): p.pk for p in project.participants.all()}
    stale = [pk for key, pk in current.items() if key not in wanted]
    Participant.objects.filter(pk__in=stale).delete()
    Participant.objects.bulk_create(
        Participant(project=project, member_id=member_id, role=role)
        for member_id, role in sorted(wanted - set(current))
    )


@transaction.atomic
def project_create(
    *, fields: dict, participants: Iterable[tuple[Member, str]], user=None
) -> Project:
    """Create a project with its participants, all or nothing."""
    project = Project(**{k: v for k, v in fields.items() if k in PROJECT_FIELDS})
    if project.status not in (Project.Status.PROPOSED,):
        project.status_changed_on = timezone.localdate()
    project.full_clean(exclude=["agreement_document"])
    project.save()
    _set_participants(project, participants)
    return project


@transaction.atomic
def project_update(
    *, project: Project, fields: dict, participants: Iterable[tuple[Member, str]] | None = None
) -> Project:
    """Change a project's fields (and, when given, replace its participants), all or nothing."""
    old_status = project.status
    for name, value in fields.items():
        if name in PROJECT_FIELDS:
            setattr(project, name, value)
    if project.status != old_status:
        project.status_changed_on = timezone.localdate()
    project.full_clean(exclude=["agreement_document"])
    project.save()
    if participants is not None:
        _set_participants(project, participants)
    return project


@transaction.atomic
def project_move(*, project: Project, status: str, user=None, on: date | None = None) -> Project:
    """Move a project along the pipeline (proposed → negotiating → signed → running → finished,
    or ended early); refuses a move the pipeline does not allow. Records the move as an event."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if status not in project.allowed_statuses:
        raise PartnershipError(
            _("A project that is “%(current)s” cannot move to “%(target)s”.")
            % {
                "current": project.get_status_display(),
                "target": Project.Status(status).label if status in Project.Status else status,
            }
        )
    on = on or timezone.localdate()
    if status == Project.Status.SIGNED and project.signed_on is None:
        project.signed_on = on
    if status == Project.Status.RUNNING and project.starts_on is None:
        project.starts_on = on
    if status in (Project.Status.FINISHED, Project.Status.ENDED) and project.ends_on is None:
        if project.starts_on is None or on >= project.starts_on:
            project.ends_on = on
    project.status = status
    project.status_changed_on = on
    project.save()
    ProjectEvent.objects.create(
        project=project,
        kind=ProjectEvent.Kind.STATUS,
        happened_on=on,
        title=_("Status: %(status)s") % {"status": project.get_status_display()},
        created_by=user if user and user.is_authenticated else None,
    )
    return project


@transaction.atomic
def project_attach_agreement(
    *,
    project: Project,
    document=None,
    signed_on: date | None,
    expires_on: date | None,
) -> Project:
    """Record the agreement: its dates and (optionally) a new document, validated first."""
    project.signed_on = signed_on
    project.expires_on = expires_on
    if document is not None:
        old = project.agreement_document.name if project.agreement_document else None
        project.agreement_document = document
    project.full_clean()
    project.save()
    if document is not None and old:
        transaction.on_commit(lambda: project.agreement_document.storage.delete(old))
    return project


def project_add_event(
    *, project: Project, kind: str, happened_on: date, title: str, notes: str = "", user=None
) -> ProjectEvent:
    event = ProjectEvent(
        project=project,
        kind=kind,
        happened_on=happened_on,
        title=title,
        notes=notes,
        created_by=user if user and user.is_authenticated else None,
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def placement_record(
    *,
    offer: InternshipOffer,
    school: Member,
    students: int,
    placed_on: date,
    project: Project | None = None,
    ratings: dict | None = None,
    user=None,
) -> Placement:
    """Record students placed with an offer; refuses more students than places still free."""
    offer = InternshipOffer.objects.select_for_update().get(pk=offer.pk)
    free = InternshipOffer.objects.with_places_free().get(pk=offer.pk).places_free
    if not offer.is_open:
        raise PartnershipError(_("This offer is closed for placements."))
    if students > free:
        raise PartnershipError(
            _("Only %(free)d places are still free in this offer.") % {"free": free}
        )
    placement = Placement(
        offer=offer,
        school=school,
        students=students,
        placed_on=placed_on,
        project=project,
        created_by=user if user and user.is_authenticated else None,
        **(ratings or {}),
    )
    placement.full_clean()
    placement.save()
    if project is not None:
        # Placements feed the project's "students taking part" (and so the annual indicators).
        Project.objects.filter(pk=project.pk).update(students=F("students") + students)
    return placement
