from django.db.models import Count

from .models import Member


def headline_figures() -> dict:
    """Current members by kind, for the public home page and the staff dashboard."""
    by_kind = dict(Member.objects.current().values_list("kind").annotate(n=Count("id")).order_by())
    by_kind_rows = [(str(label), by_kind.get(value, 0)) for value, label in Member.Kind.choices]
    return {
        "members_total": sum(by_kind.values()),
        "schools": by_kind.get(Member.Kind.UNIVERSITY, 0)
        + by_kind.get(Member.Kind.VOCATIONAL_SCHOOL, 0),
        "enterprises": by_kind.get(Member.Kind.ENTERPRISE, 0),
        "associations": by_kind.get(Member.Kind.ASSOCIATION, 0)
        + by_kind.get(Member.Kind.RESEARCH_INSTITUTE, 0),
        "by_kind": by_kind_rows,
        "by_kind_chart": {
            "labels": [label for label, _ in by_kind_rows],
            "values": [count for _, count in by_kind_rows],
        },
    }
