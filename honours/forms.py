from django import forms

from members.models import Member
from people.models import Person

from .models import Award


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = [
            "level",
            "competition",
            "event",
            "rank",
            "awarded_on",
            "members",
            "people",
            "winners",
            "trained_by",
            "evidence",
        ]
        widgets = {
            "awarded_on": forms.DateInput(attrs={"type": "date"}),
            "members": forms.SelectMultiple(attrs={"size": 8}),
            "people": forms.SelectMultiple(attrs={"size": 6}),
            "winners": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, member_ids: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        members = Member.objects.exclude(status=Member.Status.APPLYING).order_by("name")
        if member_ids is not None:
            members = members.filter(pk__in=member_ids)
        self.fields["members"].queryset = members
        people = Person.objects.select_related("member").order_by("member__name", "full_name")
        if member_ids is not None:
            people = people.filter(member_id__in=member_ids)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda p: f"{p.full_name}（{p.member.name}）"
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
