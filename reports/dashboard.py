"""Cards other apps add to the staff dashboard: each registers, in its AppConfig.ready(), a
template and a function of the year that returns the card's context in a few queries."""

from collections.abc import Callable
from dataclasses import dataclass

from core.roles import has_permission


@dataclass(frozen=True)
class DashboardCard:
    template: str
    context: Callable[[int], dict]
    permission: str | None = None  # shown only to who holds it (None: every staff user)


_CARDS: list[DashboardCard] = []


def register_dashboard_card(card: DashboardCard) -> None:
    if card.template not in {c.template for c in _CARDS}:
        _CARDS.append(card)


def dashboard_cards(year: int, user) -> list[dict]:
    return [
        {"template": card.template, **card.context(year)}
        for card in _CARDS
        if card.permission is None or has_permission(user, card.permission)
    ]
