from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .models import Application, DocumentKind, Intake
from .permissions import SCHOOL_KINDS, possible_reviewers, reviewers_refused


class BootstrapMixin:
    """Bootstrap's classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = css


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    """The applicant's personal details: saved as a draft, finished later."""

    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Application.Education.choices]
    )

    class Meta:
        model = Application
        fields = ["full_name", "id_number", "phone", "education", "employer", "address"]
        widgets = {
            "id_number": forms.TextInput(
                attrs={"autocomplete": "off", "inputmode": "text", "maxlength": 18}
            ),
            "phone": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "tel", "maxlength": 11}
            ),
        }
        help_texts = {
            "id_number": _("18 characters; your birth date and sex are read from it."),
            "phone": _("11-digit mainland mobile number."),
            "employer": _("Where you work now, if anywhere."),
        }

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def validate_unique(self):
        # One application per ID number and intake is checked by the service, with its message.
        pass


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("JPEG, PNG or PDF, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class IntakeForm(BootstrapMixin, forms.ModelForm):
    document_kinds = forms.MultipleChoiceField(
        label=_("Required uploads"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Intake
        fields = [
            "programme",
            "year",
            "quota",
            "opens_at",
            "closes_at",
            "document_kinds",
            "documents_required",
            "description",
            "online_courses",
            "school",
            "reviewers",
            # the waiting list and the admission letters
            "offer_days",
            "starts_on",
            "report_place",
        ]
        widgets = {
            "reviewers": forms.CheckboxSelectMultiple,
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "documents_required": forms.Textarea(attrs={"rows": 2}),
            "online_courses": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Member.objects.filter(kind__in=SCHOOL_KINDS)
        self.fields["reviewers"].queryset = possible_reviewers()

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Registration must close after it opens."))
        for problem in reviewers_refused(
            school=data.get("school"), reviewers=data.get("reviewers") or []
        ):
            self.add_error("reviewers", problem)
        return data
