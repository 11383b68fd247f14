import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.choices import ShortModelChoiceFilter
from members.models import Member

from .models import InternshipOffer, Participant, Project, SharedResource

RUNNING = Project.Status.RUNNING


class ProjectFilter(django_filters.FilterSet):
    """The contract's filters (?kind= ?status= ?member= ?year=), plus ?search= for the pages."""

    kind = django_filters.ChoiceFilter(choices=Project.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Project.Status.choices, label=_("Status"))
    member = ShortModelChoiceFilter(
        queryset=Member.objects.all(),
        field_name="members",
        method="filter_member",
        label=_("Member"),
        offered=lambda members: members.filter(
            Exists(Participant.objects.filter(member=OuterRef("pk"), project__status=RUNNING))
        ).order_by("name"),
    )
    year = django_filters.NumberFilter(
        method="filter_year", label=_("Counts for year"), min_value=1900, max_value=2999
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = Project
        fields = ["kind", "status", "member", "year", "search"]

    @property
    def form(self):
        form = super().form
        form.fields["member"].chosen = self.data.get("member")
        return form

    def filter_member(self, queryset, name, value):
        return queryset.filter(pk__in=Project.objects.filter(members=value).values("pk"))

    def filter_year(self, queryset, name, value):
        return queryset.counting_for(int(value))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matching_members = Project.objects.filter(members__name__icontains=value).values("pk")
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(pk__in=matching_members)
        )


class OfferFilter(django_filters.FilterSet):
    """Schools search the internship pool by programme, region, period and free places."""

    programme = django_filters.CharFilter(
        field_name="programmes", lookup_expr="icontains", label=_("Programme")
    )
    region = django_filters.CharFilter(method="filter_region", label=_("Region"))
    available_from = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Available from")
    )
    available_until = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Available until")
    )
    min_free = django_filters.NumberFilter(
        field_name="places_free", lookup_expr="gte", label=_("At least this many free places")
    )
    member = django_filters.ModelChoiceFilter(
        queryset=Member.objects.filter(kind=Member.Kind.ENTERPRISE), label=_("Enterprise")
    )

    class Meta:
        model = InternshipOffer
        fields = ["programme", "region", "available_from", "available_until", "min_free", "member"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(location__icontains=value) | Q(member__region__icontains=value))


class ResourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=SharedResource.Kind.choices, label=_("Kind"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = SharedResource
        fields = ["kind", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(location__icontains=value)
            | Q(member__name__icontains=value)
        )
