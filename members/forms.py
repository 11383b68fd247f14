from django import forms
from django.db import models
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Contact, IndividualMember, Member, ReviewEntry
from .permissions import MEMBERSHIP_FIELDS

PROFILE_FIELDS = [
    "name",
    "kind",
    "credit_code",
    "region",
    "industry",
    "address",
    "website",
    "description",
    "offers_equipment",
    "offers_internship_places",
    "offers_part_time_teachers",
    "logo",
    "show_in_showcase",
]


def formfield(model_field, **kwargs):
    """Model fields to form fields; web addresses typed without a scheme get https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields one by one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.Textarea):
                widget.attrs["rows"] = 3

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class MemberForm(BootstrapMixin, forms.ModelForm):
    """The secretariat's form: the whole record. Validation is the model's (Member.clean)."""

    class Meta:
        model = Member
        formfield_callback = formfield
        fields = [*PROFILE_FIELDS[:5], *MEMBERSHIP_FIELDS, *PROFILE_FIELDS[5:]]
        widgets = {"joined_on": DATE_WIDGET, "left_on": DATE_WIDGET}


class MemberProfileForm(BootstrapMixin, forms.ModelForm):
    """A representative's form: the profile, never the membership (status, role, dates)."""

    class Meta:
        model = Member
        formfield_callback = formfield
        fields = PROFILE_FIELDS


class JoinForm(BootstrapMixin, forms.ModelForm):
    contact_name = forms.CharField(label=_("Contact person"), max_length=100)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20)
    motivation = forms.CharField(
        label=_("Why do you want to join?"), required=False, widget=forms.Textarea
    )

    class Meta:
        model = Member
        formfield_callback = formfield
        fields = PROFILE_FIELDS[:5] + ["description", "offers_equipment"]

    def applicant_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("contact_name", "contact_phone", "motivation")}


class LeaveForm(BootstrapMixin, forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE_WIDGET, initial=timezone.localdate)


class RejectForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)


class InviteForm(BootstrapMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class ContactForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "phone", "email", "is_primary"]


class BaseContactFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        primaries = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_primary") and not form.cleaned_data.get("DELETE")
        ]
        if len(primaries) > 1:
            raise forms.ValidationError(_("Only one contact can be the primary contact."))

    def save_all(self) -> None:
        """Deletions first, then the non-primary contacts, then the primary one, so that the
        database's one-primary rule holds at every step."""
        changed = self.save(commit=False)
        for contact in self.deleted_objects:
            contact.delete()
        for contact in sorted(changed, key=lambda c: c.is_primary):
            if contact.is_primary:
                self.instance.contacts.exclude(pk=contact.pk).update(is_primary=False)
            contact.save()


ContactFormSet = inlineformset_factory(
    Member,
    Contact,
    form=ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    can_delete=True,
)


class IndividualJoinForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = IndividualMember
        fields = ["full_name", "phone", "employer", "job_title", "expertise"]


class ReviewOpenForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year reviewed"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Members confirm by"), widget=DATE_WIDGET)


class ReviewDecideForm(BootstrapMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[c for c in ReviewEntry.Result.choices if c[0] != ReviewEntry.Result.PENDING],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea, max_length=2000, required=False
    )
