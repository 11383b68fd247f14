"""The summary's prose and tables (shared by the DOCX and the PDF)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from partnerships.models import Participant, Project
from reports.summary import LISTED_PER_KIND, build_summary, fill_figures, money_text
from tests.factories import MemberFactory

from .factories import ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def texts(summary) -> list[str]:
    return [b.text for section in summary.sections for b in section.blocks if b.text]


def test_projects_are_grouped_by_kind_with_their_partners():
    centre = ProjectFactory(
        title="端品模具研发及工程中心",
        kind=Project.Kind.TRAINING_CENTRE,
        signed_on=date(2021, 3, 10),
        investment_cny=Decimal("30000000"),
    )
    ParticipantFactory(
        project=centre,
        member=MemberFactory(name="东莞市端品精密科技有限公司"),
        role=Participant.Role.ENTERPRISE,
    )
    ProjectFactory(title="艾尔玛模具制造191班", signed_on=date(2021, 3, 10), students=35)
    ProjectFactory(title="还在洽谈的项目", status=Project.Status.NEGOTIATING)
    with translation.override("zh-hans"):
        summary = build_summary(2021)
    lines = texts(summary)
    centre_line = next(t for t in lines if t.startswith("端品模具研发及工程中心"))
    assert "东莞市端品精密科技有限公司" in centre_line
    assert "3000 万元" in centre_line
    assert any("艾尔玛模具制造191班" in t and "35" in t for t in lines)
    assert not any("还在洽谈的项目" in t for t in lines)
    kind_table = summary.sections[1].blocks[-1].table
    assert [row[1] for row in kind_table.rows] == ["1", "1"]


def test_a_long_list_of_projects_is_cut_short_in_prose():
    for n in range(LISTED_PER_KIND + 2):
        ProjectFactory(title=f"订单班{n:02d}", signed_on=date(2021, 3, 10), students=n)
    with translation.override("en"):
        lines = texts(build_summary(2021))
    assert sum(t.startswith("订单班") for t in lines) == LISTED_PER_KIND
    assert any("Another 2 projects" in t for t in lines)
    assert any(t.startswith("订单班11") for t in lines)  # the largest classes come first


def test_placeholders_are_filled_and_unknown_ones_left_alone():
    values = {"members_total": 128, "investment_cny": Decimal("30000000.00")}
    text = "共 {members_total} 家，投入 {investment_cny} 元，{no_such_code}"
    assert fill_figures(text, values) == "共 128 家，投入 30,000,000 元，{no_such_code}"


def test_money_is_written_the_way_each_language_writes_it():
    with translation.override("zh-hans"):
        assert money_text(Decimal("30000000")) == "3000 万元"
        assert money_text(Decimal("8000")) == "8,000 元"
    with translation.override("en"):
        assert money_text(Decimal("30000000")) == "RMB 30,000,000"


def test_empty_staff_texts_are_marked_not_written():
    with translation.override("en"):
        summary = build_summary(2021)
    assert summary.sections[2].blocks[0].text == "(Not written yet.)"
    assert summary.sections[3].title == "4. Work plan for 2022"
