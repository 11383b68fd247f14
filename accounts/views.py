from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vetgroup.permissions import permission_required

from . import services
from .forms import RolesForm
from .models import User
from .roles import PERMISSIONS, ROLES, role_names


@permission_required("staff.manage")
def staff_people(request):
    people = User.objects.filter(is_staff=True).prefetch_related("groups").order_by("username")
    rows = [
        (person, [ROLES[g.name][0] for g in person.groups.all() if g.name in ROLES])
        for person in people
    ]
    roles = [
        (name, label, [PERMISSIONS[p] for p in sorted(granted)])
        for name, (label, granted) in ROLES.items()
    ]
    return render(request, "accounts/staff_people.html", {"rows": rows, "roles": roles})


@permission_required("staff.manage")
def staff_person_roles(request, pk: int):
    person = get_object_or_404(User, pk=pk, is_staff=True)
    form = RolesForm(request.POST or None, initial={"roles": role_names(person)})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_roles_set(user=person, roles=form.cleaned_data["roles"], by=request.user)
        except services.RoleError as error:
            form.add_error("roles", str(error))
        else:
            messages.success(request, _("The roles of %(user)s are saved.") % {"user": person})
            return redirect("staff_people")
    return render(
        request,
        "accounts/staff_person_roles.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )
