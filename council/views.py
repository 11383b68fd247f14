from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.permissions import permission_required
from core.roles import has_permission
from documents.selectors import charter_for

from . import selectors, services
from .forms import TermForm
from .models import Term


def council(request):
    """Public: the council today, and the charter it works under."""
    return render(
        request,
        "council/public.html",
        {"terms": selectors.current_council(), "charter": charter_for(request.user)},
    )


@permission_required("governance.view")
def staff_council(request):
    return render(
        request,
        "council/staff.html",
        {
            "current": selectors.current_council(),
            "future": selectors.future_terms(),
            "history": selectors.council_history(),
            "charter": charter_for(request.user),
            "can_change": has_permission(request.user, "governance.change"),
        },
    )


def _term_form(request, term: Term | None):
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        try:
            services.term_save(term=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The term is saved; member roles follow the council."))
            return redirect("staff_council")
    return render(request, "council/term_form.html", {"form": form, "term": term})


@permission_required("governance.change")
def staff_term_create(request):
    return _term_form(request, None)


@permission_required("governance.change")
def staff_term_edit(request, pk: int):
    return _term_form(request, get_object_or_404(Term, pk=pk))
