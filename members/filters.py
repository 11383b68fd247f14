import django_filters
from django.utils.translation import gettext_lazy as _

from core.search import name_contains

from .models import Member


class MemberFilter(django_filters.FilterSet):
    """The directory's filters, shared by the staff list, its export and the API."""

    search = django_filters.CharFilter(method="search_name", label=_("Name contains"))
    kind = django_filters.ChoiceFilter(
        choices=Member.Kind.choices, label=_("Kind"), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        choices=Member.Status.choices, label=_("Status"), empty_label=_("All")
    )
    group_role = django_filters.ChoiceFilter(
        choices=Member.GroupRole.choices, label=_("Role in the group"), empty_label=_("All")
    )
    region = django_filters.CharFilter(lookup_expr="icontains", label=_("Region"))
    industry = django_filters.CharFilter(lookup_expr="icontains", label=_("Industry"))

    class Meta:
        model = Member
        fields = ["search", "kind", "status", "group_role", "region", "industry"]

    def search_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_contains("name", value)) if value else queryset
