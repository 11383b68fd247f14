"""Reads for the people pages and the API: one filtered, paginated list, fixed queries."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Person, Role

MAX_ID = 2**31 - 1
YEARS = range(1900, 2101)


def int_param(value, allowed=range(1, MAX_ID + 1)) -> int | None | bool:
    """A query parameter as a number: None when absent, False when it can match nothing."""
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 10 or int(text) not in allowed:
        return False
    return int(text)


def filter_people(
    people: QuerySet[Person],
    *,
    role: str = "",
    member: int | None | bool = None,
    project: int | None | bool = None,
    year: int | None | bool = None,
    q: str = "",
) -> QuerySet[Person]:
    """People with a role of the kind / of the project / counting for the year, of the member
    (their own organisation or a role's partner), whose name contains q."""
    if False in (member, project, year):  # a value out of range matches nobody
        return people.none()
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
