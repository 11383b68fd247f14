"""The audit trail: each recorded act, the page with its filters and CSV, and no editing."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from audit.models import Act, AuditEntry
from audit.services import audit_purge, audit_record
from datacalls.models import DataCall
from datacalls.services import data_call_close
from enrollment.models import Application, Document, DocumentKind
from members.services import member_delete
from reports.services import year_freeze
from tests.enrollment.factories import ApplicationFactory, submitted
from tests.factories import MemberFactory, StaffFactory, UserFactory
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


def entries(act):
    return list(AuditEntry.objects.filter(act=act))


def test_a_reveal_is_recorded_with_who_what_and_where(client_for, staff):
    application = submitted()
    client_for(staff).get(
        reverse("staff_application", args=[application.pk]) + "?reveal=1",
        REMOTE_ADDR="203.0.113.7",
    )
    [entry] = entries(Act.REVEAL)
    assert (entry.user, entry.user_name, entry.ip) == (staff, "staff", "203.0.113.7")
    assert (entry.object_type, entry.object_id) == ("enrollment.application", str(application.pk))
    assert timezone.now() - entry.at < timedelta(minutes=1)


def test_a_document_download_is_recorded(client_for, staff):
    application = submitted()
    document = Document.objects.create(
        application=application,
        kind=DocumentKind.ID_FRONT,
        file=ContentFile(b"%PDF-1.4", name="id.pdf"),
        original_name="id.pdf",
        content_type="application/pdf",
        size=8,
    )
    response = client_for(staff).get(reverse("enrollment_document", args=[document.pk]))
    [entry] = entries(Act.DOCUMENT)
    assert entry.object_id == str(application.pk) and entry.detail == "document:id_front"
    response.close()  # last: closing signals request_finished, which closes the connection


def test_a_roster_export_records_each_row(client_for, staff):
    approved = {"status": Application.Status.APPROVED, "submitted_at": timezone.now()}
    first = ApplicationFactory(**approved)
    ApplicationFactory(intake=first.intake, **approved)
    client_for(staff).get(reverse("staff_intake_roster", args=[first.intake.pk]))
    assert len(entries(Act.EXPORT)) == 2


def test_a_notice_delivery_export_is_recorded(client_for, staff):
    notice = NoticeFactory()
    client_for(staff).get(reverse("staff_notice_export", args=[notice.pk]))
    [entry] = entries(Act.EXPORT)
    assert entry.object_type == "notices.notice"


def test_a_bulk_decision_is_recorded(client_for, staff):
    applications = [submitted(), submitted()]
    client_for(staff).post(
        reverse("staff_bulk"), {"action": "approve", "selected": [a.pk for a in applications]}
    )
    [entry] = entries(Act.BULK_DECISION)
    assert entry.detail.startswith("approve") and str(applications[1].pk) in entry.detail


def test_a_deletion_is_recorded(staff):
    member = MemberFactory(name="东莞市某模具有限公司")
    member_delete(member=member, by=staff)
    [entry] = entries(Act.DELETION)
    assert entry.object_repr == "东莞市某模具有限公司" and entry.object_type == "members.member"


def test_a_role_change_is_recorded(staff):
    teacher = StaffFactory(roles=[])
    accounts_services.staff_roles_set(user=teacher, roles=["enrollment_reviewer"], by=staff)
    [entry] = entries(Act.ROLE_CHANGE)
    assert entry.user == staff and entry.object_id == str(teacher.pk)
    assert "enrollment_reviewer" in entry.detail


def test_closing_a_data_call_and_correcting_the_frozen_year_are_recorded(staff):
    call = DataCall.objects.create(year=2024, deadline=date(2030, 1, 15))
    data_call_close(call=call, by=staff, confirm_missing=True)
    assert len(entries(Act.DATA_CALL_CLOSE)) == 1
    assert entries(Act.YEAR_CORRECTION) == []  # the first freeze is no correction
    year_freeze(year=2024, by=staff, reason="一所学校补报了数据")
    [correction] = entries(Act.YEAR_CORRECTION)
    assert correction.detail == "一所学校补报了数据"


def test_staff_logins_are_recorded_and_others_not(client):
    staff, applicant = StaffFactory(username="clerk"), UserFactory()
    client.force_login(applicant)
    client.force_login(staff)
    [entry] = entries(Act.STAFF_LOGIN)
    assert entry.user == staff


def test_an_entry_cannot_be_changed():
    entry = audit_record(act=Act.STAFF_LOGIN, user=None)
    entry.detail = "forged"
    with pytest.raises(ValueError):
        entry.save()


def test_the_admin_is_read_only(client_for):
    entry = audit_record(act=Act.STAFF_LOGIN, user=None, detail="original")
    admin = client_for(UserFactory(is_staff=True, is_superuser=True))
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert admin.get(change).status_code == 200  # view only
    admin.post(change, {"detail": "forged"})
    admin.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    entry.refresh_from_db()
    assert entry.detail == "original"
    assert admin.get(reverse("admin:audit_auditentry_add")).status_code == 403


def _trail(client, **params):
    return client.get(reverse("staff_audit"), params).content.decode()


def test_the_auditor_filters_by_person_act_date_and_object(client_for):
    clerk, other = StaffFactory(username="clerk"), StaffFactory(username="other")
    member = MemberFactory()
    audit_record(act=Act.DELETION, user=clerk, obj=member, detail="by-clerk")
    audit_record(act=Act.REVEAL, user=other, detail="by-other")
    old = audit_record(act=Act.REVEAL, user=other, detail="long-ago")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    auditor = client_for(StaffFactory(roles=["auditor"]))
    assert "by-clerk" in _trail(auditor, user="clerk") and "by-other" not in _trail(
        auditor, user="clerk"
    )
    page = _trail(auditor, act="reveal")
    assert "by-other" in page and "by-clerk" not in page
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    page = _trail(auditor, date_from=since)
    assert "by-other" in page and "long-ago" not in page
    page = _trail(auditor, object=f"members.member:{member.pk}")
    assert "by-clerk" in page and "by-other" not in page


def test_the_csv_export_neutralises_formulas_and_follows_the_filter(client_for):
    clerk = StaffFactory(username="clerk")
    audit_record(act=Act.DELETION, user=clerk, obj=MemberFactory(name="=HYPERLINK(1)"))
    audit_record(act=Act.REVEAL, user=clerk, detail="not-exported")
    response = client_for(StaffFactory(roles=["auditor"])).get(
        reverse("staff_audit_csv"), {"act": "deletion"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # the header and the one deletion
    assert "'=HYPERLINK(1)" in rows[1]


def test_other_roles_may_not_read_the_trail(client_for):
    response = client_for(StaffFactory(roles=["reports"])).get(reverse("staff_audit"))
    assert response.status_code == 403


def test_entries_older_than_the_retention_go(settings):
    settings.AUDIT_RETENTION_DAYS = 365
    kept, gone = (
        audit_record(act=Act.STAFF_LOGIN, user=None),
        audit_record(act=Act.STAFF_LOGIN, user=None),
    )
    AuditEntry.objects.filter(pk=kept.pk).update(at=timezone.now() - timedelta(days=364))
    AuditEntry.objects.filter(pk=gone.pk).update(at=timezone.now() - timedelta(days=366))
    assert audit_purge() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [kept.pk]
