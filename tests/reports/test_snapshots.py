"""Frozen years (issue 9): versioned, immutable snapshots of a year's indicators and sections."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from reports.indicators import CODES, indicator_values
from reports.models import SnapshotImmutable, YearSnapshot
from reports.selectors import year_figures, year_snapshot
from reports.services import ReportError, year_freeze
from reports.snapshots import register_snapshot_section, snapshot_sections
from tests.factories import MemberFactory

from .factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_registered_sections")]


@pytest.fixture
def records_2021(db):
    MemberFactory(joined_on=date(2015, 3, 1))
    MemberFactory(joined_on=date(2021, 5, 1))
    ProjectFactory(signed_on=date(2021, 3, 10), students=25, investment_cny=Decimal("30000000"))


@pytest.fixture
def returns_section():
    """Stands in for the data calls' accepted returns."""

    def collect(year):
        return {
            "totals": {"returns_interns_taken": 45, "returns_money": "1200.50"},
            "records": [{"member": "艾尔玛", "interns_taken": 45}],
        }

    register_snapshot_section("returns", collect, {"returns_interns_taken": "Interns taken"})


def test_the_first_freeze_is_version_1_and_holds_every_indicator(staff, records_2021):
    snapshot = year_freeze(year=2021, by=staff, reason="数据征集结束")
    assert (snapshot.year, snapshot.version) == (2021, 1)
    assert set(snapshot.indicators) == set(CODES)
    assert snapshot.figures() == indicator_values([2021])[2021]
    assert snapshot.figures()["investment_cny"] == Decimal("30000000.00")
    assert (snapshot.created_by, snapshot.created_by_name) == (staff, "staff")
    assert snapshot.reason == "数据征集结束"


def test_each_correction_is_the_next_version_of_its_own_year(staff):
    versions = [year_freeze(year=2021, by=staff, reason="r").version for _ in range(3)]
    assert versions == [1, 2, 3]
    assert year_freeze(year=2020, by=staff, reason="r").version == 1


def test_a_frozen_year_keeps_its_figures_when_the_records_change(staff, records_2021):
    year_freeze(year=2021, by=staff, reason="closing the call")
    MemberFactory(joined_on=date(2021, 6, 1))
    assert year_figures(2021)["members_total"] == 2
    assert indicator_values([2021])[2021]["members_total"] == 3
    year_freeze(year=2021, by=staff, reason="a member was missing")
    assert year_figures(2021)["members_total"] == 3
    assert year_snapshot(2021).version == 2


def test_an_unfrozen_year_reads_live_figures(records_2021):
    assert year_snapshot(2021) is None
    assert year_figures(2021) == indicator_values([2021])[2021]


def test_reading_a_frozen_year_takes_one_query(staff, records_2021, django_assert_num_queries):
    year_freeze(year=2021, by=staff, reason="r")
    with django_assert_num_queries(1):
        year_figures(2021)


def test_registered_sections_are_collected_into_the_snapshot(staff, returns_section):
    assert "returns" in [section.name for section in snapshot_sections()]
    snapshot = year_freeze(year=2021, by=staff, reason="r")
    assert snapshot.sections["returns"]["records"] == [{"member": "艾尔玛", "interns_taken": 45}]
    assert snapshot.section_totals()["returns"] == {
        "returns_interns_taken": 45,
        "returns_money": Decimal("1200.50"),
    }


def test_registering_a_section_again_replaces_it(returns_section):
    register_snapshot_section("returns", lambda year: {"totals": {}, "records": []}, {})
    assert [s.name for s in snapshot_sections()].count("returns") == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_freeze_without_a_reason_is_refused(staff, reason):
    with pytest.raises(ReportError):
        year_freeze(year=2021, by=staff, reason=reason)
    assert not YearSnapshot.objects.exists()


@pytest.mark.parametrize("year", [1999, timezone.localdate().year + 1])
def test_a_freeze_of_a_year_out_of_range_is_refused(staff, year):
    with pytest.raises(ReportError):
        year_freeze(year=year, by=staff, reason="r")
    assert not YearSnapshot.objects.exists()


def test_a_snapshot_cannot_be_changed_or_deleted(staff):
    snapshot = year_freeze(year=2021, by=staff, reason="r")
    snapshot.reason = "rewritten"
    with pytest.raises(SnapshotImmutable):
        snapshot.save()
    with pytest.raises(SnapshotImmutable):
        snapshot.delete()
    with pytest.raises(SnapshotImmutable):
        YearSnapshot.objects.filter(pk=snapshot.pk).update(reason="rewritten")
    with pytest.raises(SnapshotImmutable):
        YearSnapshot.objects.all().delete()
    assert YearSnapshot.objects.get().reason == "r"


def test_deleting_the_user_who_froze_keeps_the_snapshot_and_the_name(staff):
    snapshot = year_freeze(year=2021, by=staff, reason="r")
    staff.delete()
    kept = YearSnapshot.objects.get(pk=snapshot.pk)
    assert (kept.created_by, kept.created_by_name) == (None, "staff")


def test_the_database_refuses_two_snapshots_with_the_same_version(staff):
    year_freeze(year=2021, by=staff, reason="r")
    with pytest.raises(IntegrityError), transaction.atomic():
        YearSnapshot.objects.create(year=2021, version=1, indicators={}, reason="again")


def test_a_freeze_that_loses_the_race_takes_the_next_version(staff, monkeypatch):
    # Another freeze inserted version 1 after this one looked: the unique index makes it retry.
    year_freeze(year=2021, by=staff, reason="first")
    looked = iter([1, 2])
    monkeypatch.setattr("reports.services._next_version", lambda year: next(looked))
    assert year_freeze(year=2021, by=staff, reason="second").version == 2


def test_a_freeze_inside_the_callers_transaction_is_undone_with_it(staff):
    with pytest.raises(RuntimeError), transaction.atomic():
        year_freeze(year=2021, by=staff, reason="closing")
        raise RuntimeError("the data call failed to close")
    assert not YearSnapshot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_freezes_make_distinct_versions(staff):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    barrier = threading.Barrier(5)
    versions, errors = [], []

    def freeze():
        try:
            barrier.wait()
            versions.append(year_freeze(year=2021, by=None, reason="r").version)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=freeze) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(versions) == [1, 2, 3, 4, 5]
