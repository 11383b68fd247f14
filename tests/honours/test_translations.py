from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext

import honours

PO = Path(honours.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_catalogue_has_no_fuzzy_entry_that_gettext_would_skip():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_readiness_and_accreditation_words_are_in_chinese():
    with translation.override("zh-hans"):
        assert gettext("Condition") == "条件"
        assert (
            gettext("Enterprises among the members (at least 10)") == "成员中的企业（至少 10 家）"
        )
        assert gettext("Awarded") == "已认定"


def test_report_paragraph_on_the_chains_reads_like_the_groups_own_summary():
    from honours.indicators import chains_narrative

    data = {
        "totals": {"chain_leaders_chief": 15, "chain_leaders_sub": 101},
        "records": [{"chain": "模具产业链"}, {"chain": "数字技术产业链"}],
    }
    with translation.override("zh-hans"):
        (paragraph,) = chains_narrative(2021, data)
    assert paragraph == (
        "集团在数字技术产业链、模具产业链实施“链长制”，"
        "截至 2021 年底，总链主 15 家，分链主 101 家。"
    )
