import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pagination import Paginator
from core.permissions import permission_required
from core.spreadsheets import safe_row

from .filters import AuditFilter
from .models import AuditEntry


def _filtered(request) -> AuditFilter:
    return AuditFilter(request.GET, queryset=AuditEntry.objects.all())


@permission_required("audit.view")
def trail(request):
    entries = _filtered(request)
    page = Paginator(entries.qs, 100).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {"filter": entries, "page": page, "params": params.urlencode()},
    )


@permission_required("audit.view")
def trail_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"audit-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # Excel reads the Chinese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        safe_row(
            [_("At"), _("Person"), _("Act"), _("Object type"), _("Object id"), _("Object"),
             _("Detail"), _("From address")]
        )
    )  # fmt: skip
    for entry in _filtered(request).qs.iterator(chunk_size=2000):
        writer.writerow(
            safe_row(
                [
                    timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.user_name,
                    entry.get_act_display(),
                    entry.object_type,
                    entry.object_id,
                    entry.object_repr,
                    entry.detail,
                    entry.ip or "",
                ]
            )
        )
    return response
