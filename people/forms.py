from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member
from partnerships.forms import BootstrapMixin
from partnerships.models import Placement, ProjectClass
from partnerships.permissions import visible_projects

from .models import ROLE_FIELDS, Person, Role
from .permissions import represented_member_ids, visible_people

PERSON_FIELDS = [
    "member",
    "full_name",
    "sex",
    "job_title",
    "origin_region",
    "from_pairing_area",
    "id_number",
    "phone",
    "notes",
]


def member_choices(user):
    members = Member.objects.exclude(status=Member.Status.APPLYING).order_by("name")
    return members if user.is_staff else members.filter(pk__in=represented_member_ids(user))


class PersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        members = member_choices(user)
        self.fields["member"].queryset = members
        if not user.is_staff and not self.instance.pk:
            own = list(members[:2])
            if len(own) == 1:  # a representative of one organisation: nothing to choose
                self.initial.setdefault("member", own[0].pk)
        for name in ("id_number", "phone"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["autocomplete"] = "off"


class RoleForm(BootstrapMixin, forms.ModelForm):
    """The fields of one kind of role (models.ROLE_FIELDS); the model's clean() checks them."""

    class Meta:
        model = Role
        fields = ["kind", *dict.fromkeys(f for fs in ROLE_FIELDS.values() for f in fs)]

    def __init__(self, *args, user, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        keep = set(ROLE_FIELDS[kind])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        projects = visible_projects(user)
        choices = {
            "partner": Member.objects.exclude(status=Member.Status.APPLYING).order_by("name"),
            "project": projects.order_by("title"),
            "project_class": ProjectClass.objects.filter(project__in=projects).select_related(
                "project"
            ),
            "placement": _placements(user),
            # A school mentor from the person's own school, an enterprise mentor from an
            # enterprise: short lists even in a big registry.
            "school_mentor": visible_people(user).filter(member_id=self.instance.person.member_id),
            "enterprise_mentor": visible_people(user).filter(member__kind=Member.Kind.ENTERPRISE),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
        if "partner" in self.fields and kind == Role.Kind.GRADUATE:
            self.fields["partner"].label = _("employer (a member)")


def _placements(user):
    placements = Placement.objects.select_related("offer__member", "school")
    if user.is_staff:
        return placements
    ids = represented_member_ids(user)
    return placements.filter(school_id__in=ids) | placements.filter(offer__member_id__in=ids)


class RoleFilterForm(forms.Form):
    q = forms.CharField(label=_("Full name"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.Kind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
