from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.calendar import entries_for, ical
from core.pagination import page_of
from core.pdfs import absolute_url, qr_svg_data_uri
from core.permissions import permission_required
from core.spreadsheets import XlsxWriter, xlsx_response
from core.uploads import download_response
from members.models import Member

from . import services
from .calendar import event_entry
from .forms import DelegateForm, DocumentsForm, EventForm, SelfRegistrationForm
from .models import CalendarFeed, Event, Registration
from .permissions import (
    can_cancel_registration,
    can_register_self,
    can_see_registration,
    can_view_event,
    delegate_member_ids,
    is_events_staff,
    visible_events,
)

CALENDAR_DAYS = 180


def _visible_or_404(request, pk: int) -> Event:
    event = get_object_or_404(Event, pk=pk)
    if not can_view_event(request.user, event):
        raise Http404
    return event


@login_required
def event_list(request):
    events = visible_events(request.user).filter(published=True)
    return render(
        request,
        "events/list.html",
        {
            "upcoming": events.upcoming(),
            "past": events.filter(ends_at__lt=timezone.now()).order_by("-starts_at")[:20],
        },
    )


@login_required
def event_detail(request, pk: int):
    event = _visible_or_404(request, pk)
    user = request.user
    member_ids = delegate_member_ids(user, event)
    members = Member.objects.filter(pk__in=member_ids).order_by("name")
    mine = event.registrations.active().of_user(user).select_related("member")
    own = next((r for r in mine if r.member_id is None and r.user_id == user.pk), None)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "mine": mine,
            "own": own,
            "taken": event.registrations.confirmed().count(),
            "self_form": SelfRegistrationForm(
                initial={"name": user.get_full_name() or user.username}
            )
            if can_register_self(user, event) and own is None
            else None,
            "delegate_form": DelegateForm(members=members) if members else None,
        },
    )


@login_required
@require_POST
def event_register(request, pk: int):
    event = _visible_or_404(request, pk)
    delegate = "member" in request.POST
    if delegate:
        members = Member.objects.filter(pk__in=delegate_member_ids(request.user, event))
        form = DelegateForm(request.POST, members=members)
    else:
        form = SelfRegistrationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("event_detail", pk=event.pk)
    data = form.cleaned_data
    member = members.get(pk=data["member"]) if delegate else None
    try:
        registration = services.register(
            event=event,
            by=request.user,
            name=data["name"],
            member=member,
            phone=data.get("phone", ""),
            position=data.get("position", ""),
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("event_detail", pk=event.pk)
    if registration.status == Registration.Status.WAITING:
        messages.warning(
            request,
            _("The event is full: %(name)s is on the waiting list and is told when a place frees.")
            % {"name": registration.name},
        )
    else:
        messages.success(
            request,
            _("%(name)s is registered: show the QR code at the entrance.")
            % {"name": registration.name},
        )
    return redirect("event_ticket", code=registration.code)


def _registration_of(request, code: str) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("event"), code=code)
    if not can_see_registration(request.user, registration):
        raise Http404
    return registration


@login_required
def event_ticket(request, code: str):
    registration = _registration_of(request, code)
    url = absolute_url(request.path)
    return render(
        request,
        "events/ticket.html",
        {"registration": registration, "event": registration.event, "qr": qr_svg_data_uri(url)},
    )


@login_required
@require_POST
def registration_cancel(request, code: str):
    registration = get_object_or_404(Registration, code=code)
    if not can_cancel_registration(request.user, registration):
        raise Http404
    services.cancel(registration=registration)
    messages.success(
        request, _("The registration of %(name)s is cancelled.") % {"name": registration.name}
    )
    if is_events_staff(request.user) and request.POST.get("next") == "staff":
        return redirect("staff_event_detail", pk=registration.event_id)
    return redirect("event_detail", pk=registration.event_id)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def event_ics(request, pk: int):
    event = _visible_or_404(request, pk)
    content = ical([event_entry(event)], name=event.title, base_url=absolute_url(""))
    return _ics_response(content, f"event-{event.pk}.ics")


@login_required
def event_document(request, pk: int, what: str):
    """The minutes or resolutions: for staff and those who may see the event."""
    event = _visible_or_404(request, pk)
    if what not in ("minutes", "resolutions") or not getattr(event, what):
        raise Http404
    file = getattr(event, what)
    return download_response(file, filename=file.name.rsplit("/", 1)[-1])


# --- staff


@permission_required("events.view")
def staff_event_list(request):
    page = page_of(request, Event.objects.order_by("-starts_at", "-pk"))
    # counted for the page's events only: on the whole list the join reads every registration
    page.object_list = page.object_list.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        came=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )
    return render(request, "events/staff_list.html", {"page": page})


@permission_required("events.change")
def staff_event_edit(request, pk: int | None = None):
    event = get_object_or_404(Event, pk=pk) if pk else Event()
    old_capacity = event.capacity
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        try:
            services.event_save(event=event, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if (
                pk
                and (old_capacity is not None)
                and (event.capacity is None or event.capacity > old_capacity)
            ):
                services.capacity_raised(event=event)
            messages.success(request, _("The event is saved."))
            return redirect("staff_event_detail", pk=event.pk)
    return render(request, "events/staff_form.html", {"form": form, "event": event})


@permission_required("events.view")
def staff_event_detail(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    registrations = event.registrations.select_related("member", "registered_by")
    return render(
        request,
        "events/staff_detail.html",
        {
            "event": event,
            "confirmed": registrations.confirmed(),
            "waiting": registrations.waiting(),
            "cancelled": registrations.filter(status=Registration.Status.CANCELLED),
            "came": registrations.filter(checked_in_at__isnull=False).count(),
            "documents_form": DocumentsForm(),
        },
    )


@permission_required("events.change")
def staff_check_in(request, pk: int):
    """Scan a ticket's QR code (the phone's camera), type its code, or find a name."""
    event = get_object_or_404(Event, pk=pk)
    query = request.GET.get("q", "").strip()
    if request.method == "POST":
        try:
            if request.POST.get("registration"):
                registration = get_object_or_404(
                    Registration, pk=request.POST["registration"], event=event
                )
                first = services.check_in(event=event, registration=registration, by=request.user)
            else:
                registration, first = services.check_in_code(
                    event=event, text=request.POST.get("code", ""), by=request.user
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            _tell_check_in(request, registration, first)
        return redirect(request.get_full_path())
    found = []
    if query:
        found = (
            event.registrations.confirmed()
            .filter(Q(name__icontains=query) | Q(member__name__icontains=query) | Q(phone=query))
            .select_related("member")[:30]
        )
    return render(
        request,
        "events/staff_check_in.html",
        {
            "event": event,
            "query": query,
            "found": found,
            "came": event.registrations.filter(checked_in_at__isnull=False).count(),
            "confirmed": event.registrations.confirmed().count(),
        },
    )


def _tell_check_in(request, registration: Registration, first: bool) -> None:
    when = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    who = registration.name + (f"（{registration.member.name}）" if registration.member else "")
    if first:
        messages.success(request, _("%(name)s is checked in.") % {"name": who})
    else:
        messages.warning(
            request,
            _("%(name)s was checked in already at %(time)s: recorded once.")
            % {"name": who, "time": when},
        )


@permission_required("events.view")
def staff_attendance_xlsx(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    writer = XlsxWriter()
    sheet = writer.sheet(
        _("Attendance"),
        [_("Name"), _("Member"), _("Position"), _("Mobile"), _("Status"), _("Checked in at")],
        widths=[16, 32, 16, 16, 14, 20],
    )
    registrations = event.registrations.active().select_related("member").order_by("status", "pk")
    for r in registrations:
        sheet.append(
            [
                r.name,
                r.member.name if r.member else "",
                r.position,
                r.phone,
                r.get_status_display(),
                r.checked_in_at,
            ]
        )
    filename = _("attendance-%(date)s.xlsx") % {
        "date": timezone.localtime(event.starts_at).strftime("%Y%m%d")
    }
    return xlsx_response(filename, writer.content())


@permission_required("events.change")
@require_POST
def staff_event_documents(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    form = DocumentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.documents_attach(
                event=event,
                minutes=form.cleaned_data.get("minutes"),
                resolutions=form.cleaned_data.get("resolutions"),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The documents are uploaded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("staff_event_detail", pk=event.pk)


@permission_required("events.change", "notices.change")
@require_POST
def staff_event_invite(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    notice = services.invitation_draft(event=event, by=request.user)
    messages.success(request, _("The invitation is drafted: read it over, then send it."))
    return redirect("staff_notice_detail", pk=notice.pk)


# --- the calendar


@login_required
def calendar_page(request):
    today = timezone.localdate()
    entries = entries_for(request.user, today, today + timedelta(days=CALENDAR_DAYS))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = absolute_url(reverse("calendar_feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "events/calendar.html",
        {"entries": entries, "feed_url": feed_url, "days": CALENDAR_DAYS},
    )


@login_required
@require_POST
def calendar_feed_renew(request):
    services.feed_renew(request.user)
    messages.success(request, _("Your calendar address is new: the old one no longer works."))
    return redirect("calendar")


def calendar_feed(request, token: str):
    """The private feed: whoever holds the address reads it, as calendar programs do."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    today = timezone.localdate()
    entries = entries_for(feed.user, today - timedelta(days=30), today + timedelta(days=365))
    content = ical(entries, name=_("Group calendar"), base_url=absolute_url(""))
    return _ics_response(content, "calendar.ics")
