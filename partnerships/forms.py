from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .models import (
    InternshipOffer,
    Participant,
    Placement,
    PlanTask,
    Project,
    ProjectClass,
    ProjectEvent,
    SharedResource,
    WorkPlan,
)
from .services import PROJECT_FIELDS
from .validators import validate_agreement_document


class BootstrapMixin:
    """Give every widget Bootstrap's classes, and date fields a date picker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            if isinstance(field, forms.DateField):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ProjectForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A project's status moves along the pipeline on the board, not in this form.
            del self.fields["status"]


class ParticipantForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["member", "role"]
        labels = {"member": _("Member")}


class BaseParticipantFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            member, role = form.cleaned_data.get("member"), form.cleaned_data.get("role")
            if member is None or not role:
                continue
            if (member.pk, role) in seen:
                raise forms.ValidationError(_("A member is listed twice with the same role."))
            seen.add((member.pk, role))

    def pairs(self) -> list[tuple[Member, str]]:
        return [
            (form.cleaned_data["member"], form.cleaned_data["role"])
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("member")
        ]


ParticipantFormSet = inlineformset_factory(
    Project,
    Participant,
    form=ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=3,
    can_delete=True,
)


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Project.Status.choices)


class AgreementForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    expires_on = forms.DateField(label=_("Expires on"), required=False)
    document = forms.FileField(
        label=_("Agreement document (PDF, JPEG or PNG, at most 10 MB)"),
        required=False,
        validators=[validate_agreement_document],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    # The dates' rule (no expiry before signing) is Project.clean()'s, run by the service.


class EventForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProjectEvent
        fields = ["kind", "happened_on", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in ProjectEvent.Kind.choices if c[0] != ProjectEvent.Kind.STATUS
        ]


class ProjectClassForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProjectClass
        fields = [
            "name",
            "intake_year",
            "selected",
            "enrolled",
            "graduated",
            "origin_region",
            "from_origin_region",
            "employed_at_partner",
            "employed_elsewhere",
            "further_study",
            "salary_band",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class OfferForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = InternshipOffer
        fields = [
            "member",
            "position",
            "places",
            "programmes",
            "location",
            "starts_on",
            "ends_on",
            "supervisor",
            "supervisor_phone",
            "allowance_cny",
            "conditions",
            "is_open",
        ]
        widgets = {"conditions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label = _("Enterprise")
        if members is not None and len(members) == 1:
            self.fields["member"].initial = members[0].pk


class PlacementForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "school",
            "students",
            "placed_on",
            "project",
            "rating_supervision",
            "rating_safety",
            "rating_learning",
        ]

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].label = _("School")
        self.fields["project"].queryset = Project.objects.filter(kind=Project.Kind.INTERNSHIP)
        self.fields["students"].min_value = 1


class PlacementRatingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["rating_supervision", "rating_safety", "rating_learning"]


class PlanTaskForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = [
            "number",
            "title",
            "description",
            "lead",
            "partners",
            "deadline",
            "status",
            "progress",
            "projects",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "projects": forms.SelectMultiple(attrs={"size": 6}),
        }

    def clean_number(self):
        number = self.cleaned_data["number"]
        # The plan is not a field of this form, so the model's unique check would skip it.
        taken = PlanTask.objects.filter(plan_id=self.instance.plan_id, number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This plan already has a task with this number."))
        return number


class WorkPlanForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["year", "title", "goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}


class ResourceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SharedResource
        fields = [
            "member",
            "kind",
            "name",
            "description",
            "location",
            "contact_name",
            "contact_phone",
            "contact_email",
            "is_available",
        ]
        labels = {"member": _("Member")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
