from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .models import ENTERPRISE_FIELDS, FIRST_YEAR, SCHOOL_FIELDS, MemberReturn, ProjectFigure
from .selectors import JUMP_THRESHOLD


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class DataCallForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR)
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    member_kinds = forms.MultipleChoiceField(
        label=_("Members included"),
        choices=Member.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All active members when none is ticked."),
    )
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Choose a year up to the current one."))
        return year

    def clean_deadline(self) -> date:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


class ReturnForm(BootstrapMixin, forms.ModelForm):
    """The representative's form: only the fields of the member's form, plus one number per
    project figure to confirm (named figure_<id>)."""

    class Meta:
        model = MemberReturn
        fields = [*dict.fromkeys(ENTERPRISE_FIELDS + SCHOOL_FIELDS), "remarks"]
        field_classes = {"cooperation_started": MonthField}
        widgets = {
            "partner_school_names": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, figures: list[ProjectFigure] = (), **kwargs):
        super().__init__(*args, **kwargs)
        keep = set(self.instance.fields) | {"remarks"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField | forms.DecimalField):
                field.min_value = 0
                field.widget.attrs["min"] = 0
        self.figures = list(figures)
        member_id = self.instance.member_id
        for figure in self.figures:
            self.fields[f"figure_{figure.pk}"] = forms.IntegerField(
                label=f"{figure.project.title} · {figure.get_what_display()}",
                min_value=0,
                max_value=100_000,
                required=False,
                initial=figure.value_for(member_id)
                if figure.value_for(member_id) is not None
                else figure.recorded_value,
                disabled=figure.is_settled,
                widget=forms.NumberInput(attrs={"class": "form-control", "min": 0}),
            )

    def figure_fields(self):
        return [self[f"figure_{f.pk}"] for f in self.figures]

    def return_fields(self):
        return [self[name] for name in self.instance.fields if name in self.fields]

    def values(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in [*self.instance.fields, "remarks"]
            if name in self.fields
        }

    def figure_values(self) -> dict[int, int | None]:
        return {
            f.pk: self.cleaned_data.get(f"figure_{f.pk}") for f in self.figures if not f.is_settled
        }


class SendBackForm(BootstrapMixin, forms.Form):
    comments = forms.CharField(
        label=_("What should the member correct?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SettleForm(BootstrapMixin, forms.Form):
    value = forms.IntegerField(label=_("Settled value"), min_value=0, max_value=100_000)
    note = forms.CharField(
        label=_("Note (how it was settled)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    write_back = forms.BooleanField(
        label=_("Write the settled value back to the project's number of students"),
        required=False,
    )


class CloseForm(BootstrapMixin, forms.Form):
    confirm_missing = forms.BooleanField(
        label=_("Close the call even though some returns are not accepted"), required=False
    )


class QualityForm(BootstrapMixin, forms.Form):
    threshold = forms.IntegerField(
        label=_("Year-on-year change flagged above (%)"),
        min_value=1,
        max_value=1000,
        initial=JUMP_THRESHOLD,
        required=False,
    )
