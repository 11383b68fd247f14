"""Issue 9's journey end to end: a call closes, the year is frozen, the report and the public
figures read the snapshot, and a later correction is version 2 with its difference."""

from datetime import date

import pytest
from django.utils import translation

from datacalls import services
from reports.selectors import previous_version, snapshot_diff, year_snapshot
from reports.services import year_freeze
from reports.summary import build_summary
from tests.factories import MemberFactory

from .conftest import ENTERPRISE_VALUES, SCHOOL_VALUES, YEAR, return_of, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_call(group, call):
    submit(
        call, group["school"], group["reps"]["school"], SCHOOL_VALUES, {"艾尔玛模具制造191班": 31}
    )
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    figure = call.figures.get(what="order_class_students")
    services.figure_settle(figure=figure, by=group["staff"], value=35, note="按选拔人数认定")
    for member in (group["school"], group["enterprise"]):
        services.return_accept(member_return=return_of(call, member), by=group["staff"])
    return services.data_call_close(call=call, by=group["staff"], confirm_missing=True)


def test_the_report_and_open_data_show_the_frozen_figures(api_client, closed_call):
    frozen = year_snapshot(YEAR)
    assert frozen.version == 1
    MemberFactory(joined_on=date(YEAR, 6, 1))  # recorded after the freeze: not in the figures
    with translation.override("zh-hans"):
        summary = build_summary(YEAR)
    assert "v1" in summary.data_version
    assert summary.indicators["members_total"] == frozen.indicators["members_total"]

    public = api_client.get(f"/api/v1/open-data/years/{YEAR}/").json()
    assert public["version"] == 1
    assert public["indicators"]["members_total"] == frozen.indicators["members_total"]
    assert public["sections"]["returns"]["returns_interns_taken"] == 20


def test_a_later_correction_is_version_2_with_its_difference(api_client, group, closed_call):
    first = year_snapshot(YEAR)
    MemberFactory(joined_on=date(YEAR, 6, 1))
    second = year_freeze(year=YEAR, by=group["staff"], reason="补录一家当年加入的企业")
    assert (second.version, second.reason, second.created_by) == (
        2,
        "补录一家当年加入的企业",
        group["staff"],
    )
    changes = {c.code: (c.old, c.new) for c in snapshot_diff(second, previous_version(second))}
    total = first.indicators["members_total"]
    assert changes["members_total"] == (total, total + 1)
    assert api_client.get(f"/api/v1/open-data/years/{YEAR}/").json()["version"] == 2
    assert year_snapshot(YEAR).indicators["members_total"] == total + 1
    assert first.indicators["members_total"] == total  # version 1 is kept as it was


def test_closing_the_call_tells_staff(group, call, settings, django_capture_on_commit_callbacks):
    """The alert leaves after the closing commits: by e-mail and to the WeCom robot."""
    from django.core import mail

    from tests.sms.standin import vendor_standin

    with vendor_standin() as robot:
        robot.answer = (200, {"errcode": 0, "errmsg": "ok"})
        settings.WECOM_WEBHOOK_URL = robot.url
        with django_capture_on_commit_callbacks(execute=True):
            services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    assert len(robot.requests) == 1
    assert str(YEAR) in robot.requests[0]["body"].decode()
    assert any(str(YEAR) in m.body for m in mail.outbox)
