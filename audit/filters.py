import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Act, AuditEntry


class AuditFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(
        field_name="user_name", lookup_expr="icontains", label=_("Person")
    )
    act = django_filters.ChoiceFilter(choices=Act.choices, label=_("Act"))
    date_from = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    object = django_filters.CharFilter(method="about", label=_("Object"))

    class Meta:
        model = AuditEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def about(self, queryset, name, value):
        """ "enrollment.application:12" finds that record; other text searches the names."""
        kind, _sep, pk = value.strip().rpartition(":")
        if kind and pk:
            return queryset.filter(object_type=kind, object_id=pk)
        return queryset.filter(object_repr__icontains=value.strip())
