"""Who sees which intake and application: reviewers their intakes, applicants their own."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from core.roles import has_permission, roles_granting
from members.models import Member
from members.permissions import represented_member_ids

from .models import Application, Document, Intake


def reviewable_intakes(user: User) -> QuerySet[Intake]:
    """Every intake for a role that reads them all; a reviewer's own intakes; else none."""
    if has_permission(user, "enrollment.all_intakes"):
        return Intake.objects.all()
    if has_permission(user, "enrollment.view"):
        return Intake.objects.filter(reviewers=user)
    return Intake.objects.none()


def reviewable_applications(user: User) -> QuerySet[Application]:
    applications = Application.objects.select_related("intake")
    if has_permission(user, "enrollment.all_intakes"):
        return applications
    if has_permission(user, "enrollment.view"):
        return applications.filter(intake__in=Intake.objects.filter(reviewers=user).values("pk"))
    return applications.none()


def applications_visible_to(user: User) -> QuerySet[Application]:
    """A reviewer sees the applications of its intakes; anyone else only their own."""
    if not user.is_authenticated:
        return Application.objects.none()
    if has_permission(user, "enrollment.all_intakes"):
        return Application.objects.select_related("intake")
    visible = Q(applicant=user)
    if has_permission(user, "enrollment.view"):
        visible |= Q(intake__in=Intake.objects.filter(reviewers=user).values("pk"))
    return Application.objects.select_related("intake").filter(visible)


def may_reveal(user: User, application: Application) -> bool:
    """Full ID number and phone: the applicant, or a reviewer of it holding the reveal right."""
    if application.applicant_id == user.pk:
        return True
    return (
        has_permission(user, "personal.reveal")
        and reviewable_applications(user).filter(pk=application.pk).exists()
    )


def can_see_document(user: User, document: Document) -> bool:
    if not user.is_authenticated:
        return False
    if document.application.applicant_id == user.pk:
        return True
    return (
        has_permission(user, "personal.documents")
        and reviewable_applications(user).filter(pk=document.application_id).exists()
    )


def can_see_answer_file(user: User, answer) -> bool:
    """A file answering a question: as a document of the application."""
    if not user.is_authenticated:
        return False
    if answer.application.applicant_id == user.pk:
        return True
    return (
        has_permission(user, "personal.documents")
        and reviewable_applications(user).filter(pk=answer.application_id).exists()
    )


def reviewers_refused(*, school: Member | None, reviewers) -> list[str]:
    """Why some of these users may not review an intake of `school`; empty when all may.

    A reviewer needs a role that decides applications; a teacher of a member school (a user who
    represents a member) may review only that school's intakes."""
    problems = []
    for user in reviewers:
        if not has_permission(user, "enrollment.decide"):
            problems.append(
                _("%(user)s does not hold the enrollment reviewer role.") % {"user": user}
            )
        elif user.representations.exists() and not (
            school is not None and school.pk in represented_member_ids(user)
        ):
            problems.append(
                _(
                    "%(user)s is a teacher of a member school and may review only the intakes "
                    "of that school."
                )
                % {"user": user}
            )
    return problems


SCHOOL_KINDS = (Member.Kind.VOCATIONAL_SCHOOL, Member.Kind.UNIVERSITY)


def possible_reviewers() -> QuerySet[User]:
    """Active staff with a role that decides applications: the choices for an intake."""
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=roles_granting("enrollment.decide")))
        .distinct()
        .order_by("username")
    )
