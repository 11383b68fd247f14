"""Reads for the people pages and the API: one filtered, paginated list, fixed queries."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Person, Role


def filter_people(
    people: QuerySet[Person],
    *,
    role: str = "",
    member: int | None = None,
    project: int | None = None,
    year: int | None = None,
    q: str = "",
) -> QuerySet[Person]:
    """People with a role of the kind / of the project / counting for the year, of the member
    (their own organisation or a role's partner), whose name contains q."""
    roles = Role.objects.all()
    filtered = False
    if role in Role.Kind.values:
        roles, filtered = roles.filter(kind=role), True
    if project:
        roles, filtered = roles.filter(project_id=project), True
    if year:
        roles, filtered = roles.counting_for(year), True
    if filtered:
        people = people.filter(pk__in=roles.values("person_id"))
    if member:
        people = people.filter(
            Q(member_id=member)
            | Q(pk__in=Role.objects.filter(partner_id=member).values("person_id"))
        )
    if q:
        people = people.filter(full_name__icontains=q.strip())
    return people


def with_roles(people: QuerySet[Person]) -> QuerySet[Person]:
    """Each person's organisation and roles (with partners and projects): three queries a page."""
    roles = Role.objects.select_related("partner", "project", "project_class").order_by(
        "kind", "-year", "-starts_on", "pk"
    )
    return people.select_related("member").prefetch_related(Prefetch("roles", queryset=roles))
