from datetime import date

from django.utils import timezone

from .models import Term


def _ordered(terms) -> list[Term]:
    order = {value: index for index, value in enumerate(Term.Position.values)}
    return sorted(terms, key=lambda t: (order[t.position], t.member.name, t.pk))


def current_council(on: date | None = None) -> list[Term]:
    """The council on a day, in the order of the positions (chair first)."""
    return _ordered(Term.objects.current(on or timezone.localdate()).select_related("member"))


def council_history(on: date | None = None) -> list[Term]:
    """Ended terms, the latest first."""
    terms = Term.objects.past(on or timezone.localdate()).select_related("member")
    return list(terms.order_by("-ends_on", "-starts_on", "pk"))


def future_terms(on: date | None = None) -> list[Term]:
    terms = Term.objects.filter(starts_on__gt=on or timezone.localdate()).select_related("member")
    return _ordered(terms)
