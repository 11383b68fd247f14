import pytest
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from .factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory

PASSWORD = "correct-horse-battery"

# CI shares two cores with other work: a slow draw or example is load, not a failure.
settings.register_profile(
    "shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("shared-machine")


@pytest.fixture
def staff(db):
    return StaffFactory(username="staff")


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def representative(member):
    return RepresentativeFactory(member=member, user__username="rep").user


@pytest.fixture
def outsider(db):
    """An ordinary user with no link to any member: an applicant."""
    return UserFactory(username="outsider")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections_before_dropping_the_test_database(django_db_setup, django_db_blocker):
    """Live-server threads may leave an idle PostgreSQL session behind, and PostgreSQL will not
    drop a database that has one; end them before pytest-django drops the test database."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def sms_folder(settings, tmp_path, transactional_db):
    """The local SMS backend writes into a fresh folder; read it with tests.sms_files.read_sms.
    Messages leave after the transaction commits, so these tests run with real commits."""
    folder = tmp_path / "sms-out"
    settings.SMS_URL = f"file://{folder}"
    return folder
