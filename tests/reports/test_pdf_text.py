"""The PDF's justified Chinese text has no space between Chinese and a number: justification
stretches such a space into a visible gap ("2021　年")."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from reports.summary import build_summary
from reports.templatetags.report_figures import cjk_tight


def test_spaces_between_chinese_and_numbers_are_dropped_and_others_kept():
    assert cjk_tight("2021 年，集团有 101 家企业。") == "2021年，集团有101家企业。"
    assert cjk_tight("v2 · Noto Sans CJK SC") == "v2 · Noto Sans CJK SC"


@pytest.mark.django_db
def test_the_pdf_page_prints_the_year_without_a_gap():
    with translation.override("zh-hans"):
        html = render_to_string(
            "reports/annual_report_pdf.html", {"summary": build_summary(2021), "prepared_by": ""}
        )
    body = html.split("<body>")[1]
    assert "2021年" in body and "2021 年" not in body
