"""Council terms are saved here, and the members' `group_role` (contract.md) follows them."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from members.models import Member

from .models import Term

# The contract's group roles a council position carries; every other position: `member`.
ROLE_OF_POSITION = {
    Term.Position.CHAIR: Member.GroupRole.LEAD,
    Term.Position.VICE_CHAIR: Member.GroupRole.VICE_CHAIR,
}
RANK = {Member.GroupRole.LEAD: 2, Member.GroupRole.VICE_CHAIR: 1, Member.GroupRole.MEMBER: 0}


def term_save(*, term: Term) -> Term:
    """Check and save a term, then bring the members' group roles in line. Terms of the same
    position are locked first, so two overlapping single-holder terms saved at once cannot both
    pass the check (PostgreSQL also refuses them in the database)."""
    with transaction.atomic():
        list(Term.objects.select_for_update().filter(position=term.position).values_list("pk"))
        term.full_clean()
        term.save()
        group_roles_sync()
    return term


def term_end(*, term: Term, on: date) -> Term:
    term.ends_on = on
    return term_save(term=term)


def derived_group_roles(on: date | None = None) -> dict[int, str]:
    """member id -> the group role its current positions give (only lead and vice_chair)."""
    roles: dict[int, str] = {}
    for member_id, position in Term.objects.current(on).values_list("member_id", "position"):
        role = ROLE_OF_POSITION.get(position)
        if role and RANK[role] > RANK[roles.get(member_id, Member.GroupRole.MEMBER)]:
            roles[member_id] = role
    return roles


def group_role_of(member: Member) -> str | None:
    """The role the council gives a member today, or None while no council is recorded."""
    if not Term.objects.exists():
        return None
    return derived_group_roles(timezone.localdate()).get(member.pk, Member.GroupRole.MEMBER)


def group_roles_sync(on: date | None = None) -> int:
    """Once a council is recorded, `group_role` is derived from it: the chair's organisation is
    `lead`, the vice-chairs' `vice_chair`, everyone else `member`. Before any term exists the
    roles typed on the members stay as they are. Returns how many members changed."""
    if not Term.objects.exists():
        return 0
    roles = derived_group_roles(on or timezone.localdate())
    changed = 0
    wrong = Member.objects.exclude(group_role=Member.GroupRole.MEMBER).exclude(pk__in=roles)
    for member in list(wrong) + list(Member.objects.filter(pk__in=roles)):
        role = roles.get(member.pk, Member.GroupRole.MEMBER)
        if member.group_role != role:
            member.group_role = role
            member.save(update_fields=["group_role"])
            changed += 1
    return changed
