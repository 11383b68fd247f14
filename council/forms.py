from django import forms

from members.models import Member

from .models import Term


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["position", "member", "delegate", "delegate_title", "starts_on", "ends_on"]
        fields += ["note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.exclude(
            status=Member.Status.APPLYING
        ).order_by("name")
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
