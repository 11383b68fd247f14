from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from core.permissions import permission_required
from core.roles import has_permission
from core.uploads import download_response
from members.models import Member

from . import selectors, services
from .filters import OfferFilter, ProjectFilter, ResourceFilter
from .forms import (
    AgreementForm,
    EventForm,
    MoveForm,
    OfferForm,
    ParticipantFormSet,
    PlacementForm,
    PlacementRatingForm,
    PlanTaskForm,
    ProjectClassForm,
    ProjectForm,
    ResourceForm,
    WorkPlanForm,
)
from .models import (
    AGREEMENT_EXPIRY_NOTICE_DAYS,
    InternshipOffer,
    Placement,
    PlanTask,
    Project,
    ProjectClass,
    WorkPlan,
)
from .permissions import (
    can_search_pool,
    editable_offers,
    editable_resources,
    represented_member_ids,
    visible_projects,
    visible_resources,
)

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _saved(request, form, message: str) -> bool:
    """Save a posted model form; say what happened. False when there is nothing to save or the
    form has errors (it is shown again with what was entered)."""
    if request.method != "POST":
        return False
    if form.is_valid():
        form.save()
        messages.success(request, message)
        return True
    messages.error(request, _("Please correct the errors below."))
    return False


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ---- staff: projects -------------------------------------------------------------------------


@permission_required("projects.view")
def project_list(request):
    filters = ProjectFilter(request.GET, queryset=Project.objects.all())
    projects = filters.qs if filters.is_valid() else Project.objects.none()
    page = _page(request, selectors.with_participants(projects.order_by("-signed_on", "-id")))
    return render(
        request,
        "partnerships/staff/project_list.html",
        {
            "filters": filters,
            "page": page,
            "query": _query_without_page(request),
            "totals": selectors.project_totals(projects),
            "expiring": list(selectors.agreements_expiring().prefetch_related(None)[:10]),
            "expiring_days": AGREEMENT_EXPIRY_NOTICE_DAYS,
        },
    )


@permission_required("projects.view")
def project_board(request):
    filters = ProjectFilter(request.GET, queryset=Project.objects.all())
    projects = filters.qs if filters.is_valid() else Project.objects.none()
    return render(
        request,
        "partnerships/staff/project_board.html",
        {
            "filters": filters,
            "columns": selectors.board_columns(projects),
            "column_limit": selectors.BOARD_COLUMN_LIMIT,
        },
    )


@permission_required("projects.view")
def project_detail(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    return render(
        request,
        "partnerships/staff/project_detail.html",
        {
            "project": project,
            "agreement_form": AgreementForm(
                initial={"signed_on": project.signed_on, "expires_on": project.expires_on}
            ),
            "event_form": EventForm(),
            **selectors.project_page(project),
        },
    )


def _save_project(request, project: Project | None):
    form = ProjectForm(request.POST or None, instance=project)
    formset = ParticipantFormSet(request.POST or None, instance=project or Project())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if project is None:
                project = services.project_create(
                    fields=form.cleaned_data, participants=formset.pairs(), user=request.user
                )
                messages.success(request, _("The project was created."))
            else:
                services.project_update(
                    project=project, fields=form.cleaned_data, participants=formset.pairs()
                )
                messages.success(request, _("The project was saved."))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("staff_project_detail", pk=project.pk)
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "partnerships/staff/project_form.html",
        {"form": form, "formset": formset, "project": project},
    )


@permission_required("projects.change")
def project_create(request):
    return _save_project(request, None)


@permission_required("projects.change")
def project_edit(request, pk: int):
    return _save_project(request, get_object_or_404(Project, pk=pk))


@permission_required("projects.change")
@require_POST
def project_move(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
    else:
        try:
            services.project_move(
                project=project, status=form.cleaned_data["status"], user=request.user
            )
        except services.PartnershipError as exc:
            messages.error(request, str(exc))
        else:
            project.refresh_from_db()
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": project.title, "status": project.get_status_display()},
            )
    next_url = request.POST.get("next")
    if next_url == "board":
        return redirect("staff_project_board")
    return redirect("staff_project_detail", pk=project.pk)


@permission_required("projects.change")
@require_POST
def project_agreement(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    form = AgreementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.project_attach_agreement(
                project=project,
                document=form.cleaned_data["document"],
                signed_on=form.cleaned_data["signed_on"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("staff_project_detail", pk=project.pk)
    messages.error(request, _("The agreement was not saved. Please correct the errors below."))
    project.refresh_from_db()
    return _project_page_with_errors(request, project, agreement_form=form)


def _project_page_with_errors(request, project: Project, **forms):
    """The project page again, with the form that was refused (the other one empty)."""
    dates = {"signed_on": project.signed_on, "expires_on": project.expires_on}
    context = {"agreement_form": AgreementForm(initial=dates), "event_form": EventForm(), **forms}
    context.update(project=project, **selectors.project_page(project))
    return render(request, "partnerships/staff/project_detail.html", context, status=400)


@permission_required("projects.change")
@require_POST
def project_event_add(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    form = EventForm(request.POST)
    if form.is_valid():
        services.project_add_event(project=project, user=request.user, **form.cleaned_data)
        messages.success(request, _("The entry was added."))
        return redirect("staff_project_detail", pk=project.pk)
    messages.error(request, _("The entry was not added. Please correct the errors below."))
    return _project_page_with_errors(request, project, event_form=form)


@permission_required("projects.change")
def project_class_edit(request, pk: int, class_pk: int | None = None):
    project = get_object_or_404(Project, pk=pk)
    cohort = get_object_or_404(ProjectClass, pk=class_pk, project=project) if class_pk else None
    form = ProjectClassForm(request.POST or None, instance=cohort or ProjectClass(project=project))
    if _saved(request, form, _("The class was saved.")):
        return redirect("staff_project_detail", pk=project.pk)
    return render(
        request,
        "partnerships/staff/class_form.html",
        {"form": form, "project": project, "cohort": cohort},
    )


def _document_response(project: Project):
    if not project.agreement_document:
        raise Http404
    document = project.agreement_document
    return download_response(document, filename=document.name.rsplit("/", 1)[-1])


@login_required
def project_document(request, pk: int):
    """The agreement document, for staff and the representatives of the participants."""
    project = get_object_or_404(visible_projects(request.user), pk=pk)
    return _document_response(project)


# ---- member area ------------------------------------------------------------------------------


@login_required
def member_projects(request):
    member_ids = represented_member_ids(request.user)
    if not member_ids and not has_permission(request.user, "projects.view"):
        raise Http404
    projects = selectors.with_participants(
        Project.objects.filter(
            pk__in=Project.objects.filter(participants__member_id__in=member_ids).values("pk")
        ).order_by("-signed_on", "-id")
    )
    return render(
        request,
        "partnerships/member/project_list.html",
        {"page": _page(request, projects), "member_ids": member_ids},
    )


@login_required
def member_project_detail(request, pk: int):
    member_ids = represented_member_ids(request.user)
    project = get_object_or_404(
        Project.objects.filter(participants__member_id__in=member_ids).distinct(), pk=pk
    )
    return render(
        request,
        "partnerships/member/project_detail.html",
        {"project": project, **selectors.project_page(project)},
    )


# ---- the internship pool ----------------------------------------------------------------------


def _pool_user(request):
    if not can_search_pool(request.user):
        raise Http404


@login_required
def pool(request):
    """Staff and representatives search open offers by programme, region, period, free places."""
    _pool_user(request)
    offers = InternshipOffer.objects.with_places_free().filter(is_open=True)
    filters = OfferFilter(request.GET, queryset=offers)
    results = filters.qs if filters.is_valid() else offers.none()
    page = _page(request, results.select_related("member").order_by("-updated_at", "-id"))
    # rated for the page's offers only: on the whole list the join reads every placement
    page.object_list = page.object_list.annotate(
        rating=Avg("placements__rating_supervision")
        + Avg("placements__rating_safety")
        + Avg("placements__rating_learning"),
    )
    return render(
        request,
        "partnerships/pool/search.html",
        {
            "filters": filters,
            "page": page,
            "query": _query_without_page(request),
            "can_offer": _offering_members(request.user).exists(),
        },
    )


@login_required
def offer_detail(request, pk: int):
    _pool_user(request)
    offer = get_object_or_404(
        InternshipOffer.objects.with_places_free().select_related("member"), pk=pk
    )
    if not offer.is_open and not editable_offers(request.user).filter(pk=pk).exists():
        raise Http404
    placements = offer.placements.select_related("school", "project")
    return render(
        request,
        "partnerships/pool/offer_detail.html",
        {
            "offer": offer,
            "placements": placements,
            "can_edit": editable_offers(request.user).filter(pk=pk).exists(),
            "can_place": _placing_schools(request.user).exists(),
            "ratings": placements.aggregate(
                supervision=Avg("rating_supervision"),
                safety=Avg("rating_safety"),
                learning=Avg("rating_learning"),
                n=Count("rating_supervision"),
            ),
        },
    )


def _offering_members(user):
    enterprises = Member.objects.filter(kind=Member.Kind.ENTERPRISE)
    if has_permission(user, "projects.change"):
        return enterprises
    return enterprises.filter(pk__in=represented_member_ids(user))


def _placing_schools(user):
    schools = Member.objects.filter(
        kind__in=[Member.Kind.VOCATIONAL_SCHOOL, Member.Kind.UNIVERSITY]
    )
    if has_permission(user, "projects.change"):
        return schools
    return schools.filter(pk__in=represented_member_ids(user))


@login_required
def my_offers(request):
    members = _offering_members(request.user)
    if not has_permission(request.user, "projects.view") and not represented_member_ids(
        request.user
    ):
        raise Http404
    offers = (
        InternshipOffer.objects.with_places_free()
        .filter(member__in=members)
        .select_related("member")
        .order_by("-updated_at")
    )
    return render(
        request,
        "partnerships/pool/my_offers.html",
        {"page": _page(request, offers), "can_offer": members.exists()},
    )


@login_required
def offer_edit(request, pk: int | None = None):
    members = list(_offering_members(request.user).order_by("name"))
    if not members:
        raise Http404
    offer = get_object_or_404(editable_offers(request.user), pk=pk) if pk else None
    form = OfferForm(request.POST or None, instance=offer, members=_offering_members(request.user))
    if _saved(request, form, _("The offer was saved.")):
        return redirect("internship_offer", pk=form.instance.pk)
    return render(request, "partnerships/pool/offer_form.html", {"form": form, "offer": offer})


@login_required
def placement_create(request, pk: int):
    schools = _placing_schools(request.user)
    if not schools.exists():
        raise Http404
    offer = get_object_or_404(InternshipOffer.objects.select_related("member"), pk=pk, is_open=True)
    form = PlacementForm(request.POST or None, schools=schools)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.placement_record(
                    offer=offer,
                    school=data["school"],
                    students=data["students"],
                    placed_on=data["placed_on"],
                    project=data["project"],
                    ratings={k: v for k, v in data.items() if k.startswith("rating_")},
                    user=request.user,
                )
            except services.PartnershipError as exc:
                form.add_error("students", str(exc))
            else:
                messages.success(request, _("The placement was recorded."))
                return redirect("internship_offer", pk=offer.pk)
        messages.error(request, _("Please correct the errors below."))
    return render(request, "partnerships/pool/placement_form.html", {"form": form, "offer": offer})


@login_required
def placement_rate(request, pk: int):
    schools = _placing_schools(request.user)
    placement = get_object_or_404(Placement.objects.filter(school__in=schools), pk=pk)
    form = PlacementRatingForm(request.POST or None, instance=placement)
    if _saved(request, form, _("Thank you, the rating was saved.")):
        return redirect("internship_offer", pk=placement.offer_id)
    return render(
        request, "partnerships/pool/rating_form.html", {"form": form, "placement": placement}
    )


# ---- work plans -------------------------------------------------------------------------------


@permission_required("projects.view")
def plan_list(request):
    plans = WorkPlan.objects.annotate(
        total=Count("tasks"), done=Count("tasks", filter=Q(tasks__status=PlanTask.Status.DONE))
    )
    return render(
        request,
        "partnerships/staff/plan_list.html",
        {"plans": plans, "late": selectors.tasks_past_deadline()[:20]},
    )


@permission_required("projects.view")
def plan_detail(request, pk: int):
    plan = get_object_or_404(WorkPlan, pk=pk)
    return render(
        request,
        "partnerships/staff/plan_detail.html",
        {"plan": plan, **selectors.plan_overview(plan)},
    )


@permission_required("projects.change")
def plan_edit(request, pk: int | None = None):
    plan = get_object_or_404(WorkPlan, pk=pk) if pk else None
    form = WorkPlanForm(request.POST or None, instance=plan)
    if _saved(request, form, _("The plan was saved.")):
        return redirect("staff_plan_detail", pk=form.instance.pk)
    return render(request, "partnerships/staff/plan_form.html", {"form": form, "plan": plan})


@permission_required("projects.change")
def plan_task_create(request, pk: int):
    plan = get_object_or_404(WorkPlan, pk=pk)
    next_number = (plan.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    task = PlanTask(plan=plan, number=next_number)
    form = PlanTaskForm(request.POST or None, instance=task, initial={"number": next_number})
    if _saved(request, form, _("The task was saved.")):
        return redirect("staff_plan_detail", pk=plan.pk)
    return render(request, "partnerships/staff/task_form.html", {"form": form, "task": task})


@permission_required("projects.change")
def plan_task_edit(request, pk: int):
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=pk)
    form = PlanTaskForm(request.POST or None, instance=task)
    if _saved(request, form, _("The task was saved.")):
        return redirect("staff_plan_detail", pk=task.plan_id)
    return render(request, "partnerships/staff/task_form.html", {"form": form, "task": task})


# ---- shared resources -------------------------------------------------------------------------


@login_required
def resource_list(request):
    """Training bases, equipment and studios members share; staff and representatives search."""
    _pool_user(request)
    resources = visible_resources(request.user)
    filters = ResourceFilter(request.GET, queryset=resources)
    results = filters.qs if filters.is_valid() else resources.none()
    page = _page(request, results.select_related("member").order_by("kind", "name", "id"))
    shown = [resource.pk for resource in page]
    return render(
        request,
        "partnerships/resources/list.html",
        {
            "filters": filters,
            "page": page,
            "query": _query_without_page(request),
            "editable": set(
                editable_resources(request.user).filter(pk__in=shown).values_list("pk", flat=True)
            ),
            "can_add": has_permission(request.user, "projects.change")
            or bool(represented_member_ids(request.user)),
        },
    )


@login_required
def resource_edit(request, pk: int | None = None):
    if has_permission(request.user, "projects.change"):
        members = Member.objects.all()
    else:
        members = Member.objects.filter(pk__in=represented_member_ids(request.user))
    if not members.exists():
        raise Http404
    resource = get_object_or_404(editable_resources(request.user), pk=pk) if pk else None
    form = ResourceForm(request.POST or None, instance=resource, members=members)
    if _saved(request, form, _("The resource was saved.")):
        return redirect("shared_resources")
    return render(request, "partnerships/resources/form.html", {"form": form, "resource": resource})


@permission_required("members.view")
def staff_member_quiet(request):
    try:
        months = max(1, min(120, int(request.GET.get("months", 12))))
    except ValueError:
        months = 12
    page = Paginator(selectors.members_gone_quiet(months), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/staff_member_quiet.html",
        {"page": page, "months": months, "choices": [3, 6, 12, 24]},
    )
