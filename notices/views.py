from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import Act
from audit.services import audit_record
from core.pagination import Paginator
from core.permissions import permission_required
from core.spreadsheets import csv_response
from core.uploads import download_response

from . import services
from .forms import NoticeForm, PreferencesForm, ReplyForm, ScheduleForm
from .models import (
    Attachment,
    Delivery,
    Notice,
    ReminderLog,
    ReminderSetting,
    ReminderType,
    SavedAudience,
)
from .selectors import audience_recipients, inbox_for, notice_counts, unread_count
from .texts import sms_estimate

# --- Staff -----------------------------------------------------------------------------------


@permission_required("notices.view")
def staff_notice_list(request):
    notices = Notice.objects.order_by("-created_at", "-pk")
    status = request.GET.get("status", "")
    if status in Notice.Status.values:
        notices = notices.filter(status=status)
    page = Paginator(notices, 25).get_page(request.GET.get("page"))
    # counted for the page's notices only: on the whole list the join reads every delivery
    page.object_list = page.object_list.annotate(
        recipients=Count("deliveries"),
        read=Count("deliveries", filter=Q(deliveries__read_at__isnull=False)),
        failed=Count("deliveries", filter=Q(deliveries__message__status=Delivery.Status.FAILED)),
    )
    return render(
        request,
        "notices/staff_notice_list.html",
        {"page": page, "status": status, "statuses": Notice.Status.choices},
    )


def _notice_form_page(request, form, notice=None, recipient_count=None):
    context = {"form": form, "notice": notice, "recipient_count": recipient_count}
    if recipient_count is not None and form.channel_flags()["by_sms"]:
        draft = Notice(
            title=form.cleaned_data["title"], kind=form.cleaned_data["kind"], by_sms=True
        )
        user_ids = [r.user_id for r in audience_recipients(form.audience()) if r.user_id]
        count, parts = sms_estimate(draft, user_ids)
        context["sms"] = {"count": count, "parts": parts, "total": count * parts}
    return render(request, "notices/staff_notice_form.html", context)


@permission_required("notices.change")
def staff_notice_create(request):
    if request.method != "POST":
        return _notice_form_page(request, NoticeForm())
    form = NoticeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _notice_form_page(request, form)
    if "count" in request.POST:
        return _notice_form_page(request, form, recipient_count=_count(form))
    data = form.cleaned_data
    _save_audience(request, form)
    notice = services.notice_create(
        by=request.user,
        title=data["title"],
        body=data["body"],
        kind=data["kind"],
        audience=form.audience(),
        response=data["response"],
        reply_prompt=data["reply_prompt"],
        files=data["attachments"],
        **form.channel_flags(),
    )
    messages.success(request, _("The notice is saved as a draft. Check the audience and send it."))
    return redirect("staff_notice_detail", pk=notice.pk)


def _save_audience(request, form: NoticeForm) -> None:
    name = form.cleaned_data.get("save_audience_as", "").strip()
    if name:
        SavedAudience.objects.update_or_create(
            name=name, defaults={"audience": form.audience(), "created_by": request.user}
        )


def _count(form: NoticeForm) -> int:
    return len(audience_recipients(form.audience()))


@permission_required("notices.change")
def staff_notice_edit(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    if not notice.is_editable:
        messages.error(request, _("A notice that has been sent cannot be changed."))
        return redirect("staff_notice_detail", pk=pk)
    if request.method != "POST":
        form = NoticeForm(initial=NoticeForm.initial_for(notice))
        return _notice_form_page(request, form, notice)
    kept = services.notice_attachments_kept(
        notice=notice, removed_ids=request.POST.getlist("remove_attachment")
    )
    form = NoticeForm(request.POST, request.FILES, kept=kept)
    if not form.is_valid():
        return _notice_form_page(request, form, notice)
    if "count" in request.POST:
        return _notice_form_page(request, form, notice, recipient_count=_count(form))
    data = form.cleaned_data
    _save_audience(request, form)
    fields = {name: data[name] for name in ("title", "body", "kind", "response", "reply_prompt")}
    if services.notice_update(
        notice=notice,
        fields={**fields, "audience": form.audience(), **form.channel_flags()},
        files=data["attachments"],
        removed_attachment_ids=request.POST.getlist("remove_attachment"),
    ):
        messages.success(request, _("The notice is saved."))
    else:
        messages.error(request, _("A notice that has been sent cannot be changed."))
    return redirect("staff_notice_detail", pk=pk)


@permission_required("notices.view")
def staff_notice_detail(request, pk: int):
    notice = get_object_or_404(Notice.objects.select_related("created_by"), pk=pk)
    deliveries = notice.deliveries.select_related("member", "user", "message", "text").order_by(
        "pk"
    )
    state = request.GET.get("state", "")
    if state == "read":
        deliveries = deliveries.filter(read_at__isnull=False)
    elif state in Delivery.Status.values:
        deliveries = deliveries.in_state(state)
    context = {
        "notice": notice,
        "counts": notice_counts(notice),
        "page": Paginator(deliveries, 50).get_page(request.GET.get("page")),
        "state": state,
        "states": [*Delivery.Status.choices, ("read", _("Read"))],
        "attachments": notice.attachments.all(),
        "schedule_form": ScheduleForm(),
    }
    if notice.is_editable:
        recipients = audience_recipients(notice.audience)
        context["recipients"] = recipients
        context["recipient_sample"] = recipients[:10]
        if notice.by_sms:
            count, parts = sms_estimate(notice, [r.user_id for r in recipients if r.user_id])
            context["sms"] = {"count": count, "parts": parts, "total": count * parts}
    return render(request, "notices/staff_notice_detail.html", context)


def _notice_action(request, pk: int, action) -> object:
    notice = get_object_or_404(Notice, pk=pk)
    try:
        message = action(notice)
    except services.NoticeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, message)
    return redirect("staff_notice_detail", pk=pk)


@permission_required("notices.change")
@require_POST
def staff_notice_send(request, pk: int):
    def send(notice):
        count = services.notice_send_now(notice=notice)
        return _("The notice is being sent to %(count)s recipients.") % {"count": count}

    return _notice_action(request, pk, send)


@permission_required("notices.change")
@require_POST
def staff_notice_schedule(request, pk: int):
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("send_at", []):
            messages.error(request, error)
        return redirect("staff_notice_detail", pk=pk)

    def schedule(notice):
        services.notice_schedule(notice=notice, send_at=form.cleaned_data["send_at"])
        return _("The notice will be sent at the chosen time.")

    return _notice_action(request, pk, schedule)


@permission_required("notices.change")
@require_POST
def staff_notice_unschedule(request, pk: int):
    def unschedule(notice):
        services.notice_unschedule(notice=notice)
        return _("The notice is a draft again.")

    return _notice_action(request, pk, unschedule)


@permission_required("notices.change")
@require_POST
def staff_notice_retry(request, pk: int):
    def retry(notice):
        count = services.deliveries_retry_failed(notice=notice)
        return _("%(count)s failed deliveries are being sent again.") % {"count": count}

    return _notice_action(request, pk, retry)


@permission_required("notices.view", "personal.export")
def staff_notice_export(request, pk: int):
    """The deliveries as a spreadsheet-friendly CSV: who got it, who read it, who answered."""
    notice = get_object_or_404(Notice, pk=pk)
    audit_record(act=Act.EXPORT, user=request.user, obj=notice, detail="notice_deliveries")
    header = [_("Recipient"), _("e-mail"), _("Organisation"), _("State"), _("Read"), _("Reply"),
              _("Comment"), _("Reason")]  # fmt: skip
    states = dict([*Delivery.Status.choices, ("read", _("Read"))])
    rows = (
        [
            d.name,
            d.email,
            d.member.name if d.member else "",
            states[d.state],
            d.read_at,
            d.get_reply_display(),
            d.reply_text,
            d.error,
        ]  # fmt: skip
        for d in notice.deliveries.select_related("member", "message").order_by("pk")
    )
    return csv_response(f"notice-{notice.pk}.csv", header, rows)


@permission_required("notices.view")
def staff_notice_attachment(request, pk: int, attachment_pk: int):
    attachment = get_object_or_404(Attachment, pk=attachment_pk, notice_id=pk)
    return _file(attachment)


def _file(attachment: Attachment):
    return download_response(attachment.file, filename=attachment.name)


@permission_required("notices.view")
def staff_reminders(request):
    if request.method == "POST":
        with transaction.atomic():
            for value in ReminderType.values:
                ReminderSetting.objects.update_or_create(
                    type=value, defaults={"enabled": f"enabled_{value}" in request.POST}
                )
        messages.success(request, _("The reminder settings are saved."))
        return redirect("staff_reminders")
    saved = dict(ReminderSetting.objects.values_list("type", "enabled"))
    rows = [(value, label, saved.get(value, True)) for value, label in ReminderType.choices]
    recent = ReminderLog.objects.select_related("notice")[:20]
    return render(request, "notices/staff_reminders.html", {"rows": rows, "recent": recent})


# --- Everyone with an account ----------------------------------------------------------------


@login_required
def inbox(request):
    services.deliveries_claim(user=request.user)
    deliveries = inbox_for(request.user)
    if request.GET.get("filter") == "unread":
        deliveries = deliveries.filter(read_at__isnull=True)
    page = Paginator(deliveries, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/inbox.html",
        {
            "page": page,
            "filter": request.GET.get("filter", ""),
            "inbox_unread": unread_count(request.user),
        },
    )


@login_required
@never_cache
def inbox_unread(request):
    """The navbar's unread badge, fetched by the page."""
    services.deliveries_claim(user=request.user)
    return JsonResponse({"unread": unread_count(request.user)})


def _own_delivery(request, pk: int) -> Delivery:
    return get_object_or_404(Delivery.objects.select_related("notice"), pk=pk, user=request.user)


@login_required
def inbox_detail(request, pk: int):
    delivery = _own_delivery(request, pk)
    services.delivery_open(delivery=delivery)
    return render(
        request,
        "notices/inbox_detail.html",
        {
            "delivery": delivery,
            "notice": delivery.notice,
            "attachments": delivery.notice.attachments.all(),
            "inbox_unread": unread_count(request.user),
            "reply_form": ReplyForm(
                initial={"reply": delivery.reply, "reply_text": delivery.reply_text}
            ),
        },
    )


@login_required
@require_POST
def inbox_acknowledge(request, pk: int):
    delivery = _own_delivery(request, pk)
    try:
        services.delivery_acknowledge(delivery=delivery)
    except services.NoticeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you: the secretariat sees that you have read it."))
    return redirect("inbox_detail", pk=pk)


@login_required
@require_POST
def inbox_reply(request, pk: int):
    delivery = _own_delivery(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect("inbox_detail", pk=pk)
    try:
        services.delivery_reply(
            delivery=delivery,
            reply=form.cleaned_data["reply"],
            text=form.cleaned_data["reply_text"],
        )
    except services.NoticeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your answer has been sent to the secretariat."))
    return redirect("inbox_detail", pk=pk)


@login_required
@require_POST
def inbox_mark_all_read(request):
    from django.utils import timezone

    count = Delivery.objects.for_inbox(request.user).unread().update(read_at=timezone.now())
    messages.success(request, _("%(count)s notices marked as read.") % {"count": count})
    return redirect("inbox")


@login_required
def inbox_attachment(request, pk: int, attachment_pk: int):
    delivery = _own_delivery(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, notice_id=delivery.notice_id)
    return _file(attachment)


@login_required
def preferences(request):
    current = services.preferences_for(request.user)
    # Texts are offered to those with a verified mobile number.
    sms_current = None
    if request.user.phone_verified:
        sms_current = services.sms_preferences_for(request.user)
    form = PreferencesForm(request.POST or None, current=current, sms_current=sms_current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user, email_by_kind=form.email_by_kind(), sms_by_kind=form.sms_by_kind()
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notice_preferences")
    return render(request, "notices/preferences.html", {"form": form})
