import re
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from core.permissions import permission_required
from core.roles import has_permission

from . import importing, selectors, services
from .forms import PersonForm, RoleFilterForm, RoleForm
from .models import ROLE_FIELDS, Person, Role
from .permissions import (
    can_edit_person,
    can_edit_role,
    can_record,
    can_use_registry,
    get_person_for,
    visible_people,
    visible_roles,
)

PAGE_SIZE = 50


def _registry_user(request) -> None:
    if not can_use_registry(request.user):
        raise PermissionDenied


def _recording_user(request) -> None:
    if not can_record(request.user):
        raise PermissionDenied


def _list_page(request, people, template_extra: dict):
    form = RoleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.filter_people(
        people,
        role=filters.get("role") or "",
        year=filters.get("year"),
        q=filters.get("q") or "",
        member=selectors.int_param(request.GET.get("member")),
        project=selectors.int_param(request.GET.get("project")),
    )
    if request.GET.get("unconfirmed") == "1":
        people = people.filter(confirmed_at__isnull=True)
    page = Paginator(selectors.with_roles(people.order_by("full_name", "pk")), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "kinds": Role.Kind.choices,
            **template_extra,
        },
    )


@permission_required("members.view")
def staff_people(request):
    return _list_page(request, Person.objects.all(), {"staff_view": True})


@login_required
def member_people(request):
    _registry_user(request)
    return _list_page(request, visible_people(request.user), {"staff_view": False})


def _form_errors_to_form(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@sensitive_post_parameters("id_number", "phone")
@login_required
def person_create(request):
    _recording_user(request)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = _save_person(request, form)
        if person is not None:
            messages.success(request, _("%(name)s has been recorded.") % {"name": person})
            return redirect("person_detail", person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


def _save_person(request, form) -> Person | None:
    try:
        return services.person_save(person=form.save(commit=False), by=request.user)
    except ValidationError as error:
        _form_errors_to_form(form, error)
    except services.PeopleError as error:
        form.add_error(None, error.message)
    return None


@sensitive_post_parameters("id_number", "phone")
@login_required
def person_edit(request, pk: int):
    person = get_person_for(request.user, pk)
    if not can_edit_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save_person(request, form) is not None:
            messages.success(request, _("The changes have been saved."))
            return redirect("person_detail", person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
def person_detail(request, pk: int):
    person = get_person_for(request.user, pk)
    reveal = has_permission(request.user, "personal.reveal") and request.GET.get("reveal") == "1"
    if reveal:
        services.personal_data_access_record(
            user=request.user, person=person, what="id_number_and_phone"
        )
    roles = (
        visible_roles(request.user)
        .filter(person=person)
        .select_related(
            "partner",
            "project",
            "project_class",
            "placement__offer__member",
            "school_mentor",
            "enterprise_mentor",
        )
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "roles": [(role, can_edit_role(request.user, role)) for role in roles],
            "can_edit": can_edit_person(request.user, person),
            "reveal": reveal,
            "kinds": Role.Kind.choices,
            "access_log": person.access_log.select_related("user")[:10]
            if request.user.is_staff
            else [],
        },
    )


@permission_required("members.change")
@require_POST
def staff_person_confirm(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    services.person_confirm(person=person, by=request.user)
    messages.success(request, _("%(name)s is confirmed.") % {"name": person})
    if request.POST.get("back") == "list":
        return redirect("staff_people")
    return redirect("person_detail", pk)


def _role_page(request, form, person, role):
    return render(
        request,
        "people/role_form.html",
        {
            "form": form,
            "person": person,
            "role": role,
            "kind_label": Role.Kind(form.instance.kind).label,
        },
    )


@login_required
def role_create(request, pk: int, kind: str):
    if kind not in ROLE_FIELDS:
        raise Http404
    person = get_person_for(request.user, pk)
    if not can_edit_person(request.user, person):
        raise PermissionDenied
    form = RoleForm(
        request.POST or None, instance=Role(person=person, kind=kind), user=request.user, kind=kind
    )
    if request.method == "POST" and form.is_valid():
        if _save_role(request, form) is not None:
            messages.success(request, _("The role has been saved."))
            return redirect("person_detail", person.pk)
    return _role_page(request, form, person, None)


def _save_role(request, form) -> Role | None:
    try:
        return services.role_save(role=form.save(commit=False), by=request.user)
    except ValidationError as error:
        _form_errors_to_form(form, error)
    except services.PeopleError as error:
        form.add_error(None, error.message)
    return None


def _role_for(request, pk: int) -> Role:
    role = get_object_or_404(visible_roles(request.user).select_related("person"), pk=pk)
    if not can_edit_role(request.user, role):
        raise PermissionDenied
    return role


@login_required
def role_edit(request, pk: int):
    role = _role_for(request, pk)
    form = RoleForm(request.POST or None, instance=role, user=request.user, kind=role.kind)
    if request.method == "POST" and form.is_valid():
        if _save_role(request, form) is not None:
            messages.success(request, _("The role has been saved."))
            return redirect("person_detail", role.person_id)
    return _role_page(request, form, role.person, role)


@login_required
@require_POST
def role_delete(request, pk: int):
    role = _role_for(request, pk)
    services.role_delete(role=role, by=request.user)
    messages.success(request, _("The role has been removed."))
    return redirect("person_detail", role.person_id)


# --- import -------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 10 * 1024 * 1024


def _import_folder() -> Path:
    # Private: the sheet may hold ID numbers and phones, so never under MEDIA_ROOT.
    return Path(settings.DATA_DIR) / "private" / "people-imports"


def _import_path(token: str) -> Path | None:
    if not re.fullmatch(r"[0-9a-f]{32}\.(xlsx|xlsm|csv)", token):
        return None
    path = _import_folder() / token
    return path if path.exists() else None


def _import_page(request, preview=None, token="", error=""):
    return render(
        request,
        "people/import.html",
        {"preview": preview, "token": token, "error": error},
    )


@sensitive_post_parameters()
@login_required
def people_import(request):
    _recording_user(request)
    if request.method != "POST":
        return _import_page(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _import_page(request, error=_("Choose a file to upload."))
    if upload.size > MAX_UPLOAD:
        return _import_page(request, error=_("The file is larger than 10 MB."))
    content = upload.read()
    try:
        preview = importing.build_preview(
            importing.read_sheet(content, upload.name), user=request.user
        )
    except importing.SheetError as exc:
        return _import_page(request, error=str(exc))
    token = ""
    if preview.ok:
        token = f"{uuid.uuid4().hex}.{upload.name.rsplit('.', 1)[-1].lower()}"
        _import_folder().mkdir(parents=True, exist_ok=True)
        (_import_folder() / token).write_bytes(content)
    return _import_page(request, preview=preview, token=token)


@login_required
@require_POST
def people_import_confirm(request):
    """Import the previewed sheet, checked again for this user: every row or none."""
    _recording_user(request)
    path = _import_path(request.POST.get("token", ""))
    if path is None:
        return _import_page(request, error=_("This upload has expired. Upload the file again."))
    try:
        rows = importing.read_sheet(path.read_bytes(), path.name)
        preview = importing.build_preview(rows, user=request.user)
        people, roles = importing.people_import(preview=preview, by=request.user)
    except importing.SheetError as exc:
        return _import_page(request, error=str(exc))
    path.unlink(missing_ok=True)
    messages.success(
        request,
        _("%(people)d people and %(roles)d roles have been imported.")
        % {"people": people, "roles": roles},
    )
    return redirect("staff_people" if request.user.is_staff else "member_people")


@login_required
def people_import_template(request):
    _recording_user(request)
    response = HttpResponse(importing.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "人员导入模板.xlsx")
    return response
