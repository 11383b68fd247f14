import pytest

from council import demo as council_demo
from council.models import Term
from documents import demo as documents_demo
from documents.models import Document
from members import demo as members_demo
from members.demo import LEAD_SCHOOL
from members.models import Member

pytestmark = pytest.mark.django_db


def test_the_demo_council_agrees_with_the_demos_typed_roles(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    members_demo.load()
    typed = dict(Member.objects.exclude(group_role="member").values_list("name", "group_role"))
    assert council_demo.load() == "12 council seats today, 8 in the history"
    assert council_demo.load() == "12 council seats today, 8 in the history"  # idempotent
    chair = Term.objects.current().get(position=Term.Position.CHAIR)
    assert chair.member.name == LEAD_SCHOOL
    # seed 000: the lead school is the secretary-general's unit (秘书长单位)
    assert Term.objects.current().get(position="secretary_general").member.name == LEAD_SCHOOL
    derived = dict(Member.objects.exclude(group_role="member").values_list("name", "group_role"))
    assert derived == typed
    assert derived[LEAD_SCHOOL] == "lead"


def test_the_demo_library_has_the_charter_in_two_versions_at_every_level(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    summary = "7 documents (3 public, 2 for members, 2 for staff), 8 versions"
    assert documents_demo.load() == summary
    assert documents_demo.load() == summary
    charter = Document.objects.get(kind=Document.Kind.CHARTER)
    assert [v.number for v in charter.versions.all()] == [2, 1]
    with charter.versions.get(number=2).file.open("rb") as file:
        assert file.read(5) == b"%PDF-"
