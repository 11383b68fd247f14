from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCUMENT_EXTENSIONS
from notices.models import SavedAudience

from .models import Event

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class EventForm(forms.ModelForm):
    saved_audience = forms.ModelChoiceField(
        label=_("Audience"),
        queryset=SavedAudience.objects.all(),
        required=False,
        empty_label=_("Everyone with an account"),
        help_text=_("A saved notice audience: only those it reaches see the event and register."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = ["title", "kind", "description", "starts_at", "ends_at", "place", "online_url"]
        fields += ["capacity", "registration_closes_at", "published"]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "registration_closes_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
        audience = self.instance.audience
        if audience:
            self.fields["saved_audience"].initial = (
                SavedAudience.objects.filter(audience=audience).values_list("pk", flat=True).first()
            )
        _style(self)

    def save(self, commit=True):
        saved = self.cleaned_data.get("saved_audience")
        self.instance.audience = dict(saved.audience) if saved else {}
        return super().save(commit=commit)


class SelfRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(label=_("Mobile"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class DelegateForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    name = forms.CharField(label=_("Delegate's name"), max_length=100)
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    phone = forms.CharField(label=_("Mobile"), max_length=20, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]
        _style(self)


class DocumentsForm(forms.Form):
    accept = ",".join(DOCUMENT_EXTENSIONS)
    minutes = forms.FileField(
        label=_("Minutes"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept}),
    )
    resolutions = forms.FileField(
        label=_("Resolutions"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self):
        data = super().clean()
        if not data.get("minutes") and not data.get("resolutions"):
            raise forms.ValidationError(_("Choose the minutes or the resolutions to upload."))
        return data
