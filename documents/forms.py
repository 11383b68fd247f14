from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Document, Folder


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["folder", "title", "kind", "access", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("file"))
    note = forms.CharField(label=_("what changed"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class NewDocumentForm(DocumentForm):
    file = forms.FileField(label=_("file"))
    note = forms.CharField(label=_("what changed"), max_length=200, required=False)


class FolderForm(forms.ModelForm):
    class Meta:
        model = Folder
        fields = ["name", "description", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
