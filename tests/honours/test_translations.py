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
