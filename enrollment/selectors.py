from datetime import timedelta

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ShortModelChoiceFilter
from core.search import name_contains

from .crypto import lookup_hash
from .models import (
    Application,
    Intake,
    Question,
    application_approved,
    application_ever_submitted,
    waiting,
)

S = Application.Status


def personal_search(value: str) -> Q:
    """Part of the name (on an index, see core.search), a whole phone or ID number, or
    their last four characters."""
    value = value.strip().upper()
    digest = lookup_hash(value)
    return (
        Q(name_contains("full_name", value))
        | Q(phone_hash=digest)
        | Q(id_number_hash=digest)
        | Q(phone_tail=value)
        | Q(id_tail=value)
    )


def _duplicate_checks() -> dict[str, Exists]:
    others = Application.objects.exclude(pk=OuterRef("pk"))
    return {
        "same_id": Exists(others.filter(id_number_hash=OuterRef("id_number_hash"))),
        "same_phone": Exists(others.filter(phone_hash=OuterRef("phone_hash"))),
    }


def with_duplicate_flag(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Flag applications sharing an ID number or a phone with another one (any intake)."""
    return queryset.annotate(**_duplicate_checks())


def flag_duplicates(applications) -> None:
    """Set same_id and same_phone on a page of applications in one query over its rows.

    Not annotations of the paged query: those run for every row its OFFSET skips."""
    rows = list(applications)
    flags = {
        pk: (same_id, same_phone)
        for pk, same_id, same_phone in with_duplicate_flag(
            Application.objects.filter(pk__in=[a.pk for a in rows]).order_by()
        ).values_list("pk", "same_id", "same_phone")
    }
    for application in rows:
        application.same_id, application.same_phone = flags.get(application.pk, (False, False))


WAITLISTED = "waitlisted"  # the queue's tab: on the waiting list or offered a place

FUNNEL = [
    ("drafts", _("Drafts"), Q(submitted_at__isnull=True) & ~Q(status=S.WITHDRAWN)),
    ("registered", _("Registered (ever submitted)"), application_ever_submitted()),
    (
        "submitted",
        _("Waiting for review"),
        Q(status=S.SUBMITTED, waitlist_rank__isnull=True, offer_expires_at__isnull=True),
    ),
    ("returned", _("Returned"), Q(status=S.RETURNED)),
    ("approved", _("Approved (incl. enrolled)"), application_approved()),
    ("rejected", _("Rejected"), Q(status=S.REJECTED)),
    ("enrolled", _("Enrolled"), Q(status=S.ENROLLED)),
    ("withdrawn", _("Withdrawn"), Q(status=S.WITHDRAWN, submitted_at__isnull=False)),
]


def intakes_with_funnel(intakes: QuerySet[Intake] | None = None) -> QuerySet[Intake]:
    """Every intake (or those given) with its funnel counts as attributes (one query)."""
    return (
        (Intake.objects.all() if intakes is None else intakes)
        .annotate(
            **{
                f"n_{key}": Count("applications", filter=_prefix(condition))
                for key, _label, condition in FUNNEL
            },
            n_waiting=Count("applications", filter=_prefix(waiting())),
        )
        .order_by("-year", "programme")
    )


def _prefix(condition: Q) -> Q:
    """Q on Application fields → the same Q seen from Intake (applications__...)."""
    prefixed = Q()
    prefixed.connector, prefixed.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefix(child))
        else:
            prefixed.children.append((f"applications__{child[0]}", child[1]))
    return prefixed


def funnel_rows(intake: Intake) -> list[tuple[str, str, int]]:
    return [(key, label, getattr(intake, f"n_{key}")) for key, label, _c in FUNNEL]


RECENT_INTAKE_DAYS = 365


def recent_intakes(intakes: QuerySet[Intake]) -> QuerySet[Intake]:
    """The intakes open now or closed within a year, the latest closing first: what the queue's
    filter offers (older ones are found by the programme box)."""
    since = timezone.now() - timedelta(days=RECENT_INTAKE_DAYS)
    return intakes.filter(closes_at__gte=since).order_by("-closes_at", "programme", "pk")


class ApplicationFilter(django_filters.FilterSet):
    intake = ShortModelChoiceFilter(
        queryset=Intake.objects.all(), offered=recent_intakes, label=_("Intake")
    )
    # "submitted" is what awaits a decision; the waiting list (and its offers) has its own tab.
    status = django_filters.ChoiceFilter(
        choices=[*S.choices, (WAITLISTED, _("On the waiting list"))],
        method="by_status",
        label=_("Status"),
    )
    programme = django_filters.CharFilter(
        field_name="intake__programme", lookup_expr="icontains", label=_("Programme")
    )
    submitted_from = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label=_("Submitted from")
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label=_("Submitted to")
    )
    q = django_filters.CharFilter(
        method="search", label=_("Name, phone, ID number or their last 4")
    )
    duplicates = django_filters.ChoiceFilter(
        choices=[("1", _("Only possible duplicates"))],
        empty_label=_("All"),
        method="only_duplicates",
        label=_("Duplicates"),
    )

    class Meta:
        model = Application
        fields = []

    def by_status(self, queryset, name, value):
        on_list = Q(waitlist_rank__isnull=False) | Q(offer_expires_at__isnull=False)
        if value == WAITLISTED:
            return queryset.filter(on_list, status=S.SUBMITTED)
        if value == S.SUBMITTED:
            return queryset.filter(status=S.SUBMITTED).exclude(on_list)
        return queryset.filter(status=value)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(personal_search(value))

    def only_duplicates(self, queryset, name, value):
        if value:
            checks = _duplicate_checks()
            return queryset.filter(checks["same_id"] | checks["same_phone"])
        return queryset


def review_queue(params, applications: QuerySet[Application] | None = None) -> ApplicationFilter:
    """The queue (of every application, or those given) without duplicate flags: set them on
    the shown page with flag_duplicates. Opened with no filter at all, it shows the applications
    awaiting a decision; `status=` (empty) shows all."""
    if not set(params) & set(ApplicationFilter.base_filters):
        params = params.copy()
        params["status"] = S.SUBMITTED
    queryset = (Application.objects.all() if applications is None else applications).order_by(
        "-submitted_at", "-id"
    )
    queue = ApplicationFilter(params, queryset=queryset.select_related("intake", "applicant"))
    if applications is not None:
        # EXISTS per offered intake (its FK index), not IN over every application
        queue.filters["intake"].queryset = Intake.objects.filter(
            Exists(applications.filter(intake_id=OuterRef("pk")))
        )
    _add_answer_filter(queue, params)  # before the form is built: it holds every filter
    queue.form.fields["intake"].chosen = queue.data.get("intake")
    return queue


def _add_answer_filter(queue: ApplicationFilter, params) -> None:
    """With one intake chosen: a filter by the answer to each of its choice and yes/no
    questions (value `<question id>:<choice key>`)."""
    intake_pk = params.get("intake", "")
    if not str(intake_pk).isdigit():
        return
    questions = Question.objects.filter(
        intake_id=int(intake_pk), kind__in=Question.FILTERABLE_KINDS
    )
    choices = [
        (f"{q.pk}:{key}", f"{q.label} · {label}")
        for q in questions
        for key, label in q.choice_items()
    ]
    if choices:
        queue.filters["answer"] = django_filters.ChoiceFilter(
            choices=choices,
            method=_by_answer,
            label=_("Answer"),
            empty_label=_("All"),
        )


def _by_answer(queryset, name, value):
    question_pk, _sep, key = value.partition(":")
    return queryset.filter(
        answers__question_id=int(question_pk), answers__keys__contains=f"|{key}|"
    )


def personal_data_of(user) -> dict:
    """Everything enrollment holds about the user (PIPL right of access), JSON-ready."""
    applications = user.applications.select_related("intake").prefetch_related(
        "documents", "events", "answers__question"
    )
    return {
        "user": {"username": user.username, "email": user.email},
        "applications": [_application_data(a) for a in applications],
    }


def _application_data(a: Application) -> dict:
    return {
        "intake": str(a.intake),
        "full_name": a.full_name,
        "id_number": a.id_number,
        "phone": a.phone,
        "education": a.education,
        "employer": a.employer,
        "address": a.address,
        "ethnicity": a.get_ethnicity_display(),
        "political_status": a.get_political_status_display(),
        "household_region": a.household_region,
        "previous_school": a.previous_school,
        "answers": [
            {"question": answer.question.label, "answer": answer.display()}
            for answer in a.answers.all()
        ],
        "status": a.status,
        "status_display": a.get_status_display(),
        "status_reason": a.status_reason,
        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
        "created_at": a.created_at.isoformat(),
        "documents": [
            {
                "kind": d.kind,
                "kind_display": d.get_kind_display(),
                "file_name": d.original_name,
                "size": d.size,
            }
            for d in a.documents.all()
        ],
        "history": [
            {
                "at": e.created_at.isoformat(),
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
            }
            for e in a.events.all()
        ],
    }


def applications_by_intake(user) -> dict[int, Application]:
    """The user's application to each intake they registered for (none for a visitor)."""
    if not user.is_authenticated:
        return {}
    return {
        a.intake_id: a for a in Application.objects.filter(applicant=user).only("intake", "status")
    }


def with_own_application(intakes, user) -> list[Intake]:
    """The intakes, each with `.mine`: the user's application to it, or None."""
    mine = applications_by_intake(user)
    intakes = list(intakes)
    for intake in intakes:
        intake.mine = mine.get(intake.pk)
    return intakes
