"""Who may see and fill which return: used by views, the API and selectors."""

from django.shortcuts import get_object_or_404

from .models import MemberReturn
from .selectors import returns_for_user


def get_return_for_user(user, pk: int) -> MemberReturn:
    """A return its member's representative (or staff) may open; 404 to anyone else."""
    return get_object_or_404(returns_for_user(user), pk=pk)
