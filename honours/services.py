"""Recording and confirming awards; placing members on chains and appointing chain leaders."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import has_permission
from members.models import Member

from .models import Award, Chain, ChainLeader, ChainLink, ChainPlacement
from .permissions import represented_member_ids


@transaction.atomic
def award_record(*, by, fields: dict, members: list[Member], people: list | None = None) -> Award:
    """A new award: confirmed at once when staff record it, awaiting staff otherwise.

    A representative records awards of the members it represents only, and of their people."""
    people = people or []
    if not has_permission(by, "members.change"):
        own = set(represented_member_ids(by))
        if not own:
            raise PermissionDenied
        if not members or any(m.pk not in own for m in members):
            raise ValidationError(
                {"members": _("Choose among the members you represent.")}, code="not_own_member"
            )
        if any(p.member_id not in own for p in people):
            raise ValidationError(
                {"people": _("Choose among the people of the members you represent.")},
                code="not_own_person",
            )
    if not members and not people and not (fields.get("winners") or "").strip():
        raise ValidationError(
            {"members": _("Name the winning members or the people who won.")}, code="no_winner"
        )
    award = Award(**fields, recorded_by=by)
    if has_permission(by, "members.change"):
        award.status = Award.Status.CONFIRMED
        award.confirmed_by, award.confirmed_at = by, timezone.now()
    award.full_clean()
    award.save()
    award.members.set(members)
    award.people.set(people)
    return award


@transaction.atomic
def award_confirm(*, award: Award, by) -> Award:
    """Staff confirm an award a representative recorded; nobody confirms their own entry."""
    if not has_permission(by, "members.change"):
        raise PermissionDenied
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status == Award.Status.CONFIRMED:
        raise ValidationError(_("This award is confirmed already."), code="confirmed")
    if award.recorded_by_id == by.pk:
        raise ValidationError(
            _("You recorded this award: another member of staff confirms it."), code="own_entry"
        )
    own = set(represented_member_ids(by)) & {m.pk for m in award.members.all()}
    if own:
        raise ValidationError(
            _("You represent a winner of this award: another member of staff confirms it."),
            code="own_member",
        )
    award.status = Award.Status.CONFIRMED
    award.confirmed_by, award.confirmed_at = by, timezone.now()
    award.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return award


def chain_place(*, chain: Chain, link: ChainLink, member: Member) -> ChainPlacement:
    placement = ChainPlacement(chain=chain, link=link, member=member)
    placement.full_clean()
    placement.save()
    return placement


def chain_leader_appoint(
    *,
    chain: Chain,
    member: Member,
    tier: str,
    starts_on: date,
    link: ChainLink | None = None,
    ends_on: date | None = None,
) -> ChainLeader:
    leader = ChainLeader(
        chain=chain, link=link, member=member, tier=tier, starts_on=starts_on, ends_on=ends_on
    )
    leader.full_clean()
    leader.save()
    return leader
