import re
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from core.permissions import permission_required
from core.roles import has_permission
from core.spreadsheets import xlsx_response
from core.uploads import check_upload, download_response

from . import importing, reviews, selectors, services
from .filters import MemberFilter
from .forms import (
    ContactFormSet,
    IndividualJoinForm,
    InviteForm,
    JoinForm,
    LeaveForm,
    MemberForm,
    MemberProfileForm,
    RejectForm,
)
from .models import IndividualMember, JoinApplication, Member, Representative
from .permissions import can_edit_member, get_member_for_editor

PAGE_SIZES = [25, 50, 100, 200]
THANKS = gettext_noop(
    "Thank you! The secretariat will review your application and tell you by e-mail."
)
SORTS = {
    "name": "name",
    "-name": "-name",
    "joined": "joined_on",
    "-joined": "-joined_on",
    "kind": "kind",
    "region": "region",
    "updated": "-profile_updated_at",
}


# --- Member area (representatives) -------------------------------------------------------


@login_required
def member_home(request):
    representations = request.user.representations.select_related("member")
    members = [r.member for r in representations]
    if len(members) == 1 and not request.user.is_staff:
        return redirect("member_detail", members[0].pk)
    return render(
        request,
        "members/member_home.html",
        {
            "members": members,
            "applications": request.user.join_applications.all(),
            "individual_memberships": request.user.individual_memberships.all(),
            "review_tasks": reviews.open_entries_for([m.pk for m in members]),
        },
    )


@login_required
def member_detail(request, pk: int):
    member = get_member_for_editor(request.user, pk)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "contacts": member.contacts.all(),
            "review_tasks": reviews.open_entries_for([member.pk]),
        },
    )


@login_required
def member_profile_edit(request, pk: int):
    member = get_member_for_editor(request.user, pk)
    form = MemberProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.member_update(
            member=form.save(commit=False), by=request.user, by_representative=True
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("member_detail", member.pk)
    return render(request, "members/member_profile_form.html", {"member": member, "form": form})


@login_required
def member_contacts_edit(request, pk: int):
    member = get_member_for_editor(request.user, pk)
    formset = ContactFormSet(request.POST or None, instance=member, prefix="contacts")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save_all()
        messages.success(request, _("The contacts have been saved."))
        if has_permission(request.user, "members.view"):
            return redirect("staff_member_detail", member.pk)
        return redirect("member_detail", member.pk)
    return render(
        request, "members/member_contacts_form.html", {"member": member, "formset": formset}
    )


def member_invitation_accept(request, uidb64: str, token: str):
    """The invitation link: set a password, then land on the organisation's page."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "members/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            user.emailaddress_set.filter(email__iexact=user.email).update(verified=True)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password is set."))
        return redirect("member_home")
    member = user.representations.select_related("member").first()
    return render(
        request,
        "members/invitation_accept.html",
        {"form": form, "invited_user": user, "member": member.member if member else None},
    )


def member_join(request):
    """An organisation applies to join the group; staff review the application.

    Visitors first see what joining means and sign up or log in: the applicant's account is the
    one that becomes the organisation's representative."""
    if not request.user.is_authenticated:
        return render(request, "members/join_intro.html", {"next": request.path})
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_apply(
            member=form.save(commit=False), applicant=request.user, **form.applicant_fields()
        )
        messages.success(request, _(THANKS))
        return redirect("member_home")
    return render(request, "members/join_form.html", {"form": form})


# --- Back office (secretariat) ------------------------------------------------------------


def _directory(request):
    filterset = MemberFilter(request.GET or None, queryset=Member.objects.all())
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else Member.objects.all()
    sort = request.GET.get("sort", "name")
    return filterset, queryset.order_by(SORTS.get(sort, "name"), "pk"), sort


@permission_required("members.view")
def staff_member_list(request):
    filterset, queryset, sort = _directory(request)
    try:
        page_size = int(request.GET.get("page_size", 50))
    except ValueError:
        page_size = 50
    page_size = page_size if page_size in PAGE_SIZES else 50
    page = Paginator(queryset, page_size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_sort = query.copy()
    without_sort.pop("sort", None)
    return render(
        request,
        "members/staff_member_list.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "page_size": page_size,
            "page_sizes": PAGE_SIZES,
            "query": query.urlencode(),
            "query_without_sort": without_sort.urlencode(),
            "counts": selectors.directory_counts(),
            "pending": JoinApplication.objects.filter(
                status=JoinApplication.Status.PENDING
            ).count(),
        },
    )


@permission_required("members.view")
def staff_member_detail(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    participations = member.participations.select_related("project").order_by("-project__signed_on")
    application = JoinApplication.objects.filter(member=member).first()
    return render(
        request,
        "members/staff_member_detail.html",
        {
            "member": member,
            "contacts": member.contacts.all(),
            "representatives": member.representatives.select_related(
                "user", "invited_by", "invitation"
            ),
            "participations": participations,
            "history": selectors.member_history(member),
            "review_entries": member.review_entries.select_related("review").order_by(
                "-review__year"
            ),
            "certificates": member.certificates.all(),
            "application": application,
            "similar": selectors.similar_members(member) if application else [],
            "leave_form": LeaveForm(),
            "reject_form": RejectForm(),
            "invite_form": InviteForm(),
        },
    )


@permission_required("members.change")
def staff_member_create(request):
    form = MemberForm(
        request.POST or None, request.FILES or None, initial={"status": Member.Status.ACTIVE}
    )
    if request.method == "POST" and form.is_valid():
        member = services.member_update(
            member=form.save(commit=False), by=request.user, by_representative=False
        )
        messages.success(request, _("%(name)s has been added.") % {"name": member.name})
        return redirect("staff_member_detail", member.pk)
    return render(request, "members/staff_member_form.html", {"form": form, "member": None})


@permission_required("members.change")
def staff_member_edit(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    form = MemberForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.member_update(
            member=form.save(commit=False), by=request.user, by_representative=False
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("staff_member_detail", member.pk)
    return render(request, "members/staff_member_form.html", {"form": form, "member": member})


def _staff_action(request, pk: int, action, success: str):
    member = get_object_or_404(Member, pk=pk)
    try:
        action(member)
    except services.MemberError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success % {"name": member.name})
    return redirect("staff_member_detail", member.pk)


@permission_required("members.change")
@require_POST
def staff_member_suspend(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda m: services.member_suspend(member=m, by=request.user),
        _("%(name)s is suspended."),
    )


@permission_required("members.change")
@require_POST
def staff_member_reinstate(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda m: services.member_reinstate(member=m, by=request.user),
        _("%(name)s is active again."),
    )


@permission_required("members.change")
@require_POST
def staff_member_leave(request, pk: int):
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the member left."))
        return redirect("staff_member_detail", pk)
    return _staff_action(
        request,
        pk,
        lambda m: services.member_mark_left(
            member=m, left_on=form.cleaned_data["left_on"], by=request.user
        ),
        _("%(name)s is marked as left."),
    )


@permission_required("members.change")
def staff_member_delete(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    if request.method == "POST":
        try:
            services.member_delete(member=member, by=request.user)
        except services.MemberError as exc:
            messages.error(request, str(exc))
            return redirect("staff_member_detail", member.pk)
        messages.success(request, _("%(name)s has been deleted.") % {"name": member.name})
        return redirect("staff_member_list")
    return render(request, "members/staff_member_delete.html", {"member": member})


@permission_required("members.change")
@require_POST
def staff_pending_change_approve(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda m: services.member_pending_change_approve(member=m, by=request.user),
        _("The requested change of %(name)s is approved."),
    )


@permission_required("members.change")
@require_POST
def staff_pending_change_reject(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda m: services.member_pending_change_reject(member=m, by=request.user),
        _("The requested change of %(name)s is declined."),
    )


@permission_required("members.change")
@require_POST
def staff_representative_remove(request, pk: int, representative_pk: int):
    representative = get_object_or_404(
        Representative.objects.select_related("user"), pk=representative_pk, member_id=pk
    )
    services.representative_remove(representative=representative)
    messages.success(
        request,
        _("%(user)s no longer represents this member.") % {"user": representative.user},
    )
    return redirect("staff_member_detail", pk)


@permission_required("members.change")
@require_POST
def staff_member_invite(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
    else:
        services.member_invite_representative(
            member=member, email=form.cleaned_data["email"], invited_by=request.user
        )
        messages.success(
            request,
            _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
    return redirect("staff_member_detail", member.pk)


@permission_required("members.change")
@require_POST
def staff_application_approve(request, pk: int):
    application = get_object_or_404(JoinApplication, member_id=pk)
    return _staff_action(
        request,
        pk,
        lambda m: services.join_application_approve(application=application, by=request.user),
        _("%(name)s is now an active member."),
    )


@permission_required("members.change")
@require_POST
def staff_application_reject(request, pk: int):
    application = get_object_or_404(JoinApplication, member_id=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the applicant a reason."))
        return redirect("staff_member_detail", pk)
    try:
        services.join_application_reject(
            application=application, reason=form.cleaned_data["reason"], by=request.user
        )
    except services.MemberError as exc:
        messages.error(request, str(exc))
        return redirect("staff_member_detail", pk)
    messages.success(
        request,
        _("The application of %(name)s is rejected.") % {"name": application.organisation_name},
    )
    return redirect("staff_member_list")


# --- Import and export --------------------------------------------------------------------

IMPORT_DIR = "member-imports"
MAX_IMPORT_MB = 10


def _import_path(token: str) -> Path | None:
    if not re.fullmatch(r"[0-9a-f]{32}\.(xlsx|xlsm|csv)", token):
        return None
    path = Path(settings.MEDIA_ROOT) / IMPORT_DIR / token
    return path if path.exists() else None


def _preview_page(request, preview=None, token="", error=""):
    return render(
        request,
        "members/staff_member_import.html",
        {"preview": preview, "token": token, "error": error},
    )


@permission_required("members.change")
def staff_member_import(request):
    if request.method != "POST":
        return _preview_page(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _preview_page(request, error=_("Choose a file to upload."))
    try:
        check_upload(upload, max_mb=MAX_IMPORT_MB)
    except ValidationError as exc:
        return _preview_page(request, error=exc.messages[0])
    content = upload.read()
    try:
        preview = importing.build_preview(importing.read_sheet(content, upload.name))
    except importing.SheetError as exc:
        return _preview_page(request, error=str(exc))
    token = ""
    if preview.ok:
        token = f"{uuid.uuid4().hex}.{upload.name.rsplit('.', 1)[-1].lower()}"
        folder = Path(settings.MEDIA_ROOT) / IMPORT_DIR
        folder.mkdir(parents=True, exist_ok=True)
        (folder / token).write_bytes(content)
    return _preview_page(request, preview=preview, token=token)


@permission_required("members.change")
@require_POST
def staff_member_import_confirm(request):
    """Import the previewed sheet, checked again: every row or none."""
    path = _import_path(request.POST.get("token", ""))
    if path is None:
        return _preview_page(request, error=_("This upload has expired. Upload the file again."))
    try:
        preview = importing.build_preview(importing.read_sheet(path.read_bytes(), path.name))
    except importing.SheetError as exc:
        return _preview_page(request, error=str(exc))
    try:
        count = importing.members_import(preview=preview, by=request.user)
    except importing.SheetError as exc:
        return _preview_page(request, preview=preview, error=str(exc))
    path.unlink(missing_ok=True)
    messages.success(request, _("%(n)d members have been imported.") % {"n": count})
    return redirect("staff_member_list")


@permission_required("members.change")
def staff_member_import_template(request):
    return xlsx_response("成员单位导入模板.xlsx", importing.template_workbook())


@permission_required("members.view")
def staff_member_export(request):
    _filterset, queryset, _sort = _directory(request)
    filename = f"成员单位-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(filename, importing.export_workbook(queryset))


# --- Public -------------------------------------------------------------------------------


def member_logo(request, pk: int):
    """A member's logo: public when the member shows in the showcase, else for its editors."""
    member = get_object_or_404(Member, pk=pk)
    public = member.show_in_showcase and Member.objects.current().filter(pk=pk).exists()
    if not member.logo or not (public or can_edit_member(request.user, member)):
        raise Http404
    return download_response(member.logo, filename=member.logo.name.rsplit("/", 1)[-1])


def member_showcase(request):
    """Active members that chose to be shown, by kind."""
    members = selectors.showcase_members()
    counts = selectors.showcase_counts()
    total = sum(n for *_, n in counts)
    kind = request.GET.get("kind", "")
    if kind in Member.Kind.values:
        members = members.filter(kind=kind)
        total_shown = next(n for value, _label, n in counts if value == kind)
    else:
        total_shown = total
    page = Paginator(members.order_by("kind", "name"), 60, count=total_shown).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "members/showcase.html",
        {"page": page, "counts": counts, "kind": kind, "total": total},
    )


def member_join_individual(request):
    """A person applies for individual membership (个人会员)."""
    if not request.user.is_authenticated:
        return render(
            request, "members/join_intro.html", {"next": request.path, "individual": True}
        )
    form = IndividualJoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.individual_apply(individual=form.save(commit=False), user=request.user)
        except services.MemberError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _(THANKS))
            return redirect("member_home")
    return render(request, "members/join_individual_form.html", {"form": form})


@permission_required("members.view")
def staff_individual_list(request):
    status = request.GET.get("status", IndividualMember.Status.APPLYING)
    individuals = IndividualMember.objects.select_related("user", "decided_by")
    if status in IndividualMember.Status.values:
        individuals = individuals.filter(status=status)
    page = Paginator(individuals, 50).get_page(request.GET.get("page"))
    counts = dict(IndividualMember.objects.order_by().values_list("status").annotate(n=Count("id")))
    return render(
        request,
        "members/staff_individual_list.html",
        {
            "page": page,
            "status": status,
            "statuses": [
                (v, label, counts.get(v, 0)) for v, label in IndividualMember.Status.choices
            ],
        },
    )


@permission_required("members.change")
@require_POST
def staff_individual_decide(request, pk: int, decision: str):
    if decision not in ("approve", "reject"):
        raise Http404
    individual = get_object_or_404(IndividualMember, pk=pk)
    try:
        if decision == "approve":
            services.individual_approve(individual=individual, by=request.user)
            messages.success(
                request, _("%(name)s is now an individual member.") % {"name": individual}
            )
        else:
            services.individual_reject(
                individual=individual, reason=request.POST.get("reason", ""), by=request.user
            )
            messages.success(
                request, _("The application of %(name)s is rejected.") % {"name": individual}
            )
    except services.MemberError as exc:
        messages.error(request, str(exc))
    return redirect("staff_individual_list")
