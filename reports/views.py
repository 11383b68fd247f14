from django.shortcuts import render

from members.models import Member
from members.selectors import headline_figures
from vetgroup.permissions import staff_required


@staff_required
def dashboard(request):
    recent_members = Member.objects.order_by("-joined_on", "name")[:8]
    return render(
        request,
        "reports/dashboard.html",
        {"figures": headline_figures(), "recent_members": recent_members},
    )
