"""The people registry's actions: each in one transaction, refused whole with a message."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Person, PersonalDataAccess, Role
from .permissions import can_edit_person, can_edit_role, may_link

RETENTION_YEARS = 5


class PeopleError(Exception):
    """A refused action; the message is for the user (already translated)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _not_yours() -> PeopleError:
    return PeopleError(
        _("You may only record people of an organisation you represent."), field="member"
    )


def _unique_id_number(person: Person) -> None:
    person.set_lookups()
    if not person.id_number_hash:
        return
    if Person.objects.filter(id_number_hash=person.id_number_hash).exclude(pk=person.pk).exists():
        raise ValidationError({"id_number": _("A person with this ID number is recorded already.")})


def person_save(*, person: Person, by: User) -> Person:
    """Create or change a person. A representative's entry waits for staff confirmation."""
    if not may_link(by, member_id=person.member_id):
        raise _not_yours()
    if person.pk and not by.is_staff:
        stored = Person.objects.only("member_id").get(pk=person.pk)
        if not can_edit_person(by, stored):
            raise _not_yours()
    person.full_clean(validate_unique=False, validate_constraints=False)
    _unique_id_number(person)
    if by.is_staff:
        person.confirmed_at, person.confirmed_by = timezone.now(), by
    else:
        person.confirmed_at, person.confirmed_by = None, None
    if not person.pk:
        person.created_by = by
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # the same ID number stored meanwhile
        raise ValidationError(
            {"id_number": _("A person with this ID number is recorded already.")}
        ) from exc
    return person


def role_save(*, role: Role, by: User) -> Role:
    """Create or change a role; a representative must represent the person's organisation or
    the partner, and its change sends the person back for confirmation."""
    person = role.person
    if not may_link(by, member_id=person.member_id, partner_id=role.partner_id):
        raise _not_yours()
    if role.pk and not by.is_staff:
        stored = Role.objects.select_related("person").get(pk=role.pk)
        if not can_edit_role(by, stored):
            raise _not_yours()
    role.full_clean(exclude=["person"])
    with transaction.atomic():
        role.save()
        if not by.is_staff and person.confirmed_at:
            Person.objects.filter(pk=person.pk).update(confirmed_at=None, confirmed_by=None)
    return role


def role_delete(*, role: Role, by: User) -> None:
    if not can_edit_role(by, role):
        raise _not_yours()
    role.delete()


def person_confirm(*, person: Person, by: User) -> Person:
    if not by.is_staff:
        raise PeopleError(_("Only the secretariat confirms entries."))
    person.confirmed_at, person.confirmed_by = timezone.now(), by
    person.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    return person


def personal_data_access_record(*, user: User, person: Person, what: str) -> None:
    PersonalDataAccess.objects.create(user=user, person=person, what=what)


def last_active(roles) -> date | None:
    """The last day a person's roles speak of; None while a role is still open (no end)."""
    days = []
    for role in roles:
        if role.ends_on:
            days.append(role.ends_on)
        elif role.year:
            days.append(date(role.year, 12, 31))
        else:
            return None
    return max(days, default=None)


def people_purge_expired(*, now=None, years: int = RETENTION_YEARS) -> int:
    """PIPL retention: `years` after a person's last role ended, erase the ID number and phone.
    Names, roles and dates stay, so the years' figures do not change."""
    now = now or timezone.now()
    cutoff = (now - timedelta(days=365 * years)).date()
    with_numbers = Person.objects.exclude(id_number="", phone="").prefetch_related("roles")
    expired = []
    for person in with_numbers.iterator(chunk_size=500):
        last = last_active(person.roles.all())
        if last is not None and last < cutoff:
            expired.append(person.pk)
    return Person.objects.filter(pk__in=expired).update(
        id_number="", phone="", id_number_hash="", id_tail="", phone_hash="", phone_tail=""
    )
