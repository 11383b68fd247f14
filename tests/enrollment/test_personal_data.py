from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from enrollment.crypto import lookup_hash
from enrollment.models import Application
from enrollment.services import applications_purge_expired
from tests.factories import UserFactory

from .factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db


def raw_row(pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, id_number_hash FROM enrollment_application WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_a_database_dump_does_not_reveal_id_numbers_or_phones():
    application = ApplicationFactory()
    id_number, phone, digest = raw_row(application.pk)
    assert application.id_number not in id_number and application.phone not in phone
    assert application.id_number[-4:] not in id_number
    assert digest == lookup_hash(application.id_number) and application.id_number not in digest
    stored = Application.objects.get(pk=application.pk)
    assert (stored.id_number, stored.phone) == (application.id_number, application.phone)


def test_the_database_refuses_a_second_application_with_the_same_id_number():
    first = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(intake=first.intake, id_number=first.id_number.lower())


def test_retention_erases_personal_data_of_old_non_enrolled_applications_keeping_figures():
    now = timezone.now()
    old = IntakeFactory(opens_at=now - timedelta(days=2000), closes_at=now - timedelta(days=1900))
    rejected = ApplicationFactory(intake=old, status="rejected", submitted_at=old.opens_at)
    enrolled = ApplicationFactory(intake=old, status="enrolled", submitted_at=old.opens_at)
    recent = ApplicationFactory(status="rejected")
    assert applications_purge_expired(now=now) == 1
    rejected.refresh_from_db()
    assert rejected.id_number == "" and rejected.full_name == "—"
    assert rejected.status == "rejected" and rejected.submitted_at is not None
    for kept in (enrolled, recent):
        assert Application.objects.get(pk=kept.pk).id_number == kept.id_number
    assert applications_purge_expired(now=now) == 0


def test_admin_lists_applications_masked(client_for):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    application = ApplicationFactory()
    page = client_for(admin_user).get("/admin/enrollment/application/").content.decode()
    assert application.full_name in page and application.id_number not in page
    assert application.id_number_masked in page
