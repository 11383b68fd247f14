import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .models import Award


class AwardFilter(django_filters.FilterSet):
    """?level= ?status= ?member=<id> (awards that member won)."""

    level = django_filters.ChoiceFilter(choices=Award.Level.choices, label=_("Level"))
    status = django_filters.ChoiceFilter(choices=Award.Status.choices, label=_("Status"))
    member = django_filters.ModelChoiceFilter(
        queryset=Member.objects.all(), method="filter_member", label=_("Member")
    )

    class Meta:
        model = Award
        fields = ["level", "status", "member"]

    def filter_member(self, queryset, name, value: Member):
        return queryset.filter(pk__in=Award.objects.filter(members=value).values("pk"))
