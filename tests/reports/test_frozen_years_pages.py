"""Frozen years: the staff pages, the report read from the snapshot, the diff, open data."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from reports.exporters import render_xlsx
from reports.models import YearSnapshot
from reports.national import render_national_zip
from reports.selectors import snapshot_diff, year_trend
from reports.services import year_freeze
from reports.snapshots import register_snapshot_section
from reports.summary import build_summary
from tests.factories import MemberFactory

from .factories import ProjectFactory

SECRET_MEMBER = "保密的成员单位名称"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_registered_sections")]


@pytest.fixture
def returns_section():
    register_snapshot_section(
        "returns",
        lambda year: {
            "totals": {"returns_interns_taken": 45},
            "records": [{"member": SECRET_MEMBER, "interns_taken": 45}],
        },
        {"returns_interns_taken": "Interns taken", "returns": "Accepted returns"},
    )


@pytest.fixture
def frozen_2021(staff):
    MemberFactory(joined_on=date(2015, 3, 1))
    ProjectFactory(signed_on=date(2021, 3, 10), students=25, investment_cny=Decimal("30000000"))
    return year_freeze(year=2021, by=staff, reason="数据征集结束")


def corrected_2021(staff):
    MemberFactory(joined_on=date(2021, 6, 1))
    return year_freeze(year=2021, by=staff, reason="补录一家成员单位")


# --- the diff


def test_the_diff_lists_only_the_figures_that_changed(staff, frozen_2021):
    second = corrected_2021(staff)
    changes = {c.code: (c.old, c.new, c.change) for c in snapshot_diff(second, frozen_2021)}
    assert changes == {
        "members_total": (1, 2, 1),
        "members_enterprise": (1, 2, 1),
        "members_joined": (0, 1, 1),
    }


def test_the_diff_covers_section_totals_new_in_a_version(staff, frozen_2021, returns_section):
    second = year_freeze(year=2021, by=staff, reason="returns accepted")
    [change] = snapshot_diff(second, frozen_2021)
    assert (change.section, change.code, change.old, change.new) == (
        "returns",
        "returns_interns_taken",
        None,
        45,
    )
    assert change.change is None
    assert change.label == "Interns taken"


# --- staff pages


def test_the_list_shows_each_year_with_its_versions(client_for, staff, frozen_2021):
    corrected_2021(staff)
    response = client_for(staff).get("/staff/years/")
    years = {y.year: [s.version for s in y.versions] for y in response.context["years"]}
    assert years[2021] == [2, 1]
    assert years[2020] == []
    assert years[timezone.localdate().year] == []
    assert "补录一家成员单位" in response.content.decode()


def test_the_list_reads_the_versions_in_a_fixed_number_of_queries(
    client_for, staff, django_assert_max_num_queries
):
    client = client_for(staff)
    client.get("/staff/years/")
    for year in range(2015, 2021):
        year_freeze(year=year, by=staff, reason="r")
    with django_assert_max_num_queries(12):
        client.get("/staff/years/")


def test_staff_freeze_a_year_with_a_reason(client_for, staff):
    response = client_for(staff).post("/staff/years/freeze/", {"year": 2021, "reason": "关闭"})
    snapshot = YearSnapshot.objects.get()
    assert response.url == f"/staff/years/2021/v{snapshot.version}/"
    assert (snapshot.year, snapshot.version, snapshot.created_by) == (2021, 1, staff)


def test_a_freeze_without_a_reason_shows_the_error_and_keeps_the_year(client_for, staff):
    with translation.override("zh-hans"):
        response = client_for(staff).post(
            "/staff/years/freeze/", {"year": 2019, "reason": "  "}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 400
    assert not YearSnapshot.objects.exists()
    form = response.context["form"]
    assert form.errors["reason"]
    assert 'value="2019" selected' in response.content.decode()


def test_a_freeze_of_a_future_year_is_refused(client_for, staff):
    year = timezone.localdate().year + 1
    response = client_for(staff).post("/staff/years/freeze/", {"year": year, "reason": "r"})
    assert response.status_code == 400
    assert response.context["form"].errors["year"]
    assert not YearSnapshot.objects.exists()


def test_the_version_page_shows_every_figure_and_the_difference(
    client_for, staff, frozen_2021, returns_section
):
    second = year_freeze(year=2021, by=staff, reason="补录")
    response = client_for(staff).get("/staff/years/2021/v2/")
    body = response.content.decode()
    assert response.context["snapshot"] == second
    assert len(response.context["indicators"]) == len(frozen_2021.indicators)
    assert [c.code for c in response.context["changes"]] == ["returns_interns_taken"]
    assert "Accepted returns" in body
    assert "staff" in body and "补录" in body
    assert SECRET_MEMBER not in body  # the records are counted, not listed


def test_the_first_version_has_no_difference(client_for, staff, frozen_2021):
    response = client_for(staff).get("/staff/years/2021/v1/")
    assert response.context["changes"] is None


def test_a_version_that_does_not_exist_is_404(client_for, staff, frozen_2021):
    assert client_for(staff).get("/staff/years/2021/v9/").status_code == 404


# --- the report, the export and the dashboard read the snapshot


def test_the_report_of_a_frozen_year_uses_the_snapshot_and_names_the_version(staff, frozen_2021):
    MemberFactory(joined_on=date(2021, 6, 1))  # recorded after the freeze
    with translation.override("zh-hans"):
        summary = build_summary(2021)
        book = load_workbook(io.BytesIO(render_xlsx(summary)), read_only=True)
    assert summary.indicators["members_total"] == 1
    assert "数据版本 v1" in summary.data_version
    rows = {r[0]: r[2] for r in book["indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows["members_total"] == 1
    version = dict(book["data_version"].iter_rows(min_row=2, values_only=True))
    assert (version["version"], version["reason"]) == (1, "数据征集结束")


def test_the_report_after_a_correction_shows_the_new_figures(staff, frozen_2021):
    corrected_2021(staff)
    with translation.override("zh-hans"):
        summary = build_summary(2021)
    assert summary.indicators["members_total"] == 2
    assert "数据版本 v2" in summary.data_version


def test_the_report_of_an_unfrozen_year_counts_live_and_says_so():
    MemberFactory(joined_on=date(2015, 3, 1))
    with translation.override("en"):
        summary = build_summary(2021)
    assert summary.indicators["members_total"] == 1
    assert summary.indicators.snapshot is None
    assert "not frozen" in summary.data_version


def test_the_report_lists_the_section_totals(staff, returns_section):
    year_freeze(year=2021, by=staff, reason="r")
    summary = build_summary(2021)
    tables = [b.table for s in summary.sections for b in s.blocks if b.table]
    assert ["Interns taken", "45"] in [row for t in tables for row in t.rows]


def test_the_national_export_of_a_frozen_year_uses_the_snapshot(staff, frozen_2021):
    MemberFactory(joined_on=date(2021, 6, 1))
    archive = zipfile.ZipFile(io.BytesIO(render_national_zip(2021)))
    basic = next(n for n in archive.namelist() if "01_" in n)
    sheet = load_workbook(io.BytesIO(archive.read(basic)), read_only=True).active
    rows = {r[0]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["members_total"] == 1
    assert "数据版本 v1" in archive.comment.decode()


def test_the_dashboard_of_a_frozen_year_shows_the_snapshot(client_for, staff, frozen_2021):
    MemberFactory(joined_on=date(2021, 6, 1))
    response = client_for(staff).get("/staff/?year=2021")
    assert response.context["indicators"]["members_total"] == 1
    assert response.context["indicators"].snapshot == frozen_2021
    assert "/staff/years/2021/v1/" in response.content.decode()


# --- trends


def test_the_trend_reads_frozen_years_and_marks_the_live_current_year(staff):
    current = timezone.localdate().year
    MemberFactory(joined_on=date(2018, 1, 1))
    year_freeze(year=2019, by=staff, reason="r")
    MemberFactory(joined_on=date(2019, 6, 1))  # after 2019 was frozen
    year_freeze(year=2020, by=staff, reason="r")
    trend = year_trend(current)
    assert [(t.year, t.is_live) for t in trend] == [(2019, False), (2020, False), (current, True)]
    assert [t.values["members_total"] for t in trend] == [1, 2, 2]


def test_the_trends_page_compares_the_years(client_for, staff, django_assert_max_num_queries):
    for year in range(2016, 2021):
        year_freeze(year=year, by=staff, reason="r")
    client = client_for(staff)
    # +1 for the events' indicators, +2 for the site's texts (read once per cache period)
    with django_assert_max_num_queries(14):
        response = client.get("/staff/trends/")
    chart = response.context["trend_chart"]
    assert chart["live"] == [False] * 5 + [True]
    assert "live" in chart["labels"][-1] or "实时" in chart["labels"][-1]
    assert response.context["rows"][0].cells[1] == (0, 0, False)


# --- open data


def test_the_open_data_api_is_anonymous_and_shows_the_latest_version(
    api_client, staff, frozen_2021, returns_section
):
    corrected = year_freeze(year=2021, by=staff, reason="r")
    year_freeze(year=2020, by=staff, reason="r")
    response = api_client.get("/api/v1/open-data/years/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and {"next", "previous"} <= set(body)
    latest = body["results"][0]
    assert (latest["year"], latest["version"]) == (2021, corrected.version)
    assert latest["indicators"]["investment_cny"] == "30000000.00"
    assert latest["sections"] == {"returns": {"returns_interns_taken": 45}}
    assert "frozen_at" in latest


def test_the_open_data_never_shows_the_records(client, api_client, staff, returns_section):
    year_freeze(year=2021, by=staff, reason="r")
    for url in ("/api/v1/open-data/years/", "/api/v1/open-data/years/2021/", "/open-data/"):
        body = (api_client if "/api/" in url else client).get(url).content.decode()
        assert SECRET_MEMBER not in body
        assert "records" not in body


def test_an_unfrozen_year_is_not_open_data(api_client, frozen_2021):
    assert api_client.get("/api/v1/open-data/years/2020/").status_code == 404
    assert api_client.get("/api/v1/open-data/years/2021/").json()["version"] == 1


def test_open_data_is_cacheable_and_revalidates_with_its_etag(api_client, staff, frozen_2021):
    response = api_client.get("/api/v1/open-data/years/2021/")
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    etag = response["ETag"]
    again = api_client.get("/api/v1/open-data/years/2021/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    corrected_2021(staff)
    changed = api_client.get("/api/v1/open-data/years/2021/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["version"] == 2


def test_open_data_is_documented_without_a_security_requirement(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    for path in ("/api/v1/open-data/years/", "/api/v1/open-data/years/{year}/"):
        operation = schema["paths"][path]["get"]
        assert operation.get("security") in ([], [{}], None)
        assert "401" not in operation["responses"]


def test_open_data_list_takes_a_fixed_number_of_queries(
    api_client, staff, django_assert_max_num_queries
):
    for year in range(2014, 2021):
        year_freeze(year=year, by=staff, reason="r")
    with django_assert_max_num_queries(3):
        api_client.get("/api/v1/open-data/years/")


def test_the_open_data_page_shows_the_approved_years_in_both_languages(client, staff, frozen_2021):
    corrected_2021(staff)
    zh = client.get("/open-data/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "v2" in zh and "开放数据" in zh
    client.post("/i18n/setlang/", {"language": "en", "next": "/open-data/"})
    en = client.get("/open-data/").content.decode()
    assert "Open data" in en and "v2" in en


def test_open_data_groups_the_digits_of_large_figures_in_chinese_too(client, frozen_2021):
    page = client.get("/open-data/").content.decode()
    assert "30,000,000" in page
    assert "30000000" not in page
