import pytest

from reports import demo
from reports.models import ReportDraft

pytestmark = pytest.mark.django_db


def test_demo_creates_the_2021_draft_from_the_seed_and_keeps_edits():
    demo.load()
    draft = ReportDraft.objects.get(year=2021)
    assert "松散组织" in draft.problems
    assert "{enrollment_registered}" in draft.main_work
    draft.problems = "秘书处改过的文字"
    draft.save()
    demo.load()
    assert ReportDraft.objects.get(year=2021).problems == "秘书处改过的文字"
    assert ReportDraft.objects.count() == 1
