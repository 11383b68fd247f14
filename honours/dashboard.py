"""The honours card of the staff dashboard (registered with reports in HonoursConfig.ready()):
confirmed awards of the year by level, chain leaders by tier, awards waiting for staff.
Three queries, whatever the numbers."""

from django.db.models import Count, Q

from .indicators import leader_counts
from .models import Award, ChainLeader

PENDING_SHOWN = 5


def honours_card(year: int) -> dict:
    counts = (
        Award.objects.filter(
            Q(status=Award.Status.PENDING) | Q(status=Award.Status.CONFIRMED, awarded_on__year=year)
        )
        .order_by()
        .values_list("status", "level")
        .annotate(n=Count("id"))
    )
    by_level, waiting = {}, 0
    for status, level, n in counts:
        if status == Award.Status.PENDING:
            waiting += n
        else:
            by_level[level] = n
    leaders = leader_counts(year)
    pending = Award.objects.filter(status=Award.Status.PENDING).order_by("created_at")
    return {
        "award_levels": [
            (str(label), by_level.get(value, 0)) for value, label in Award.Level.choices
        ],
        "awards_total": sum(by_level.values()),
        "leader_tiers": [
            (str(label), leaders[f"chain_leaders_{value}"])
            for value, label in ChainLeader.Tier.choices
        ],
        "pending_awards": list(pending[:PENDING_SHOWN]) if waiting else [],
        "pending_total": waiting,
    }
