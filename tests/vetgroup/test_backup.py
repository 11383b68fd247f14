import pytest
from django.core.management import CommandError, call_command

from members.models import Member
from tests.factories import MemberFactory, RepresentativeFactory


def database_snapshot() -> list[tuple]:
    return sorted(Member.objects.values_list("name", "credit_code", "joined_on", "kind"))


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_database_and_uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "agreements").mkdir(parents=True)
    (tmp_path / "media" / "agreements" / "协议.pdf").write_bytes(b"%PDF-1.4 test")
    RepresentativeFactory.create_batch(3)
    member = Member.objects.first()
    member.industry = "注塑"
    member.save()  # a second history row
    before = database_snapshot()
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", output=archive)
    call_command("flush", "--noinput")
    (tmp_path / "media" / "agreements" / "协议.pdf").unlink()
    call_command("restore", str(archive))

    assert database_snapshot() == before
    assert Member.history.count() == 4
    assert (tmp_path / "media" / "agreements" / "协议.pdf").read_bytes() == b"%PDF-1.4 test"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_data(tmp_path):
    MemberFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
