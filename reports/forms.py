from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportDraft


class ReportDraftForm(forms.ModelForm):
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    class Meta:
        model = ReportDraft
        fields = ["introduction", "main_work", "problems", "next_year_plan"]
        help_texts = {
            "introduction": _("Section 1: a few lines on the group before the figures."),
            "main_work": _("Section 2: paragraphs before the year's projects, one a line."),
            "problems": _("Section 3, one paragraph a line."),
            "next_year_plan": _("Section 4, one paragraph a line."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 5, "class": "form-control figure-text"})
            for name in fields
        }


class YearFreezeForm(forms.Form):
    """Freeze a year, or make a new version of a frozen one: the reason is always required."""

    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_(
            "Why the year is frozen now, or what this correction changes (kept with the version)."
        ),
    )

    def __init__(self, *args, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the year is frozen or corrected."))
        return reason
