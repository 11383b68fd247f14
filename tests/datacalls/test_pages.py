from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from datacalls import selectors, services
from datacalls.models import DataCall, MemberReturn
from reports.models import YearSnapshot
from tests.factories import MemberFactory, RepresentativeFactory

from .conftest import ENTERPRISE_VALUES, SCHOOL_VALUES, YEAR, return_of, submit

R = MemberReturn.Status


def _form_data(member_return, values, action="save"):
    data = {"action": action, "remarks": ""}
    for key, value in values.items():
        data[key] = value.strftime("%Y-%m") if hasattr(value, "strftime") else value
    for figure in services.figures_of(member_return):
        data[f"figure_{figure.pk}"] = figure.recorded_value
    return data


def test_staff_open_a_call_from_the_form(client_for, group):
    client = client_for(group["staff"])
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(
        reverse("staff_datacall_create"),
        {"year": YEAR, "deadline": deadline, "instructions": "请按时填报"},
    )
    call = DataCall.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("staff_datacall_detail", args=[call.pk])
    assert call.returns.count() == 3


def test_a_deadline_in_the_past_is_refused_and_the_form_kept(client_for, group):
    response = client_for(group["staff"]).post(
        reverse("staff_datacall_create"),
        {"year": YEAR, "deadline": "2020-01-01", "instructions": "保留这段说明"},
    )
    assert response.status_code == 200
    assert "保留这段说明" in response.content.decode()
    assert not DataCall.objects.exists()


def test_a_representative_fills_in_and_submits_its_return(client_for, group, call):
    member_return = return_of(call, group["enterprise"])
    client = client_for(group["reps"]["enterprise"])
    url = reverse("member_return_edit", args=[member_return.pk])
    page = client.get(url).content.decode()
    assert 'value="35"' in page  # pre-filled from the order class
    client.post(url, _form_data(member_return, ENTERPRISE_VALUES, "submit"))
    member_return.refresh_from_db()
    assert member_return.status == R.SUBMITTED
    assert member_return.teaching_hours == 240


def test_a_negative_figure_is_refused_and_nothing_saved(client_for, group, call):
    member_return = return_of(call, group["enterprise"])
    client = client_for(group["reps"]["enterprise"])
    data = _form_data(member_return, {**ENTERPRISE_VALUES, "interns_taken": -3})
    response = client.post(reverse("member_return_edit", args=[member_return.pk]), data)
    assert response.status_code == 200
    member_return.refresh_from_db()
    assert (member_return.status, member_return.interns_taken) == (R.NOT_STARTED, None)


def test_a_representative_never_sees_another_members_return(client_for, group, call):
    theirs = return_of(call, group["enterprise"])
    client = client_for(group["reps"]["other"])
    assert client.get(reverse("member_return_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("member_return_edit", args=[theirs.pk]), {}).status_code == 404
    listing = client.get(reverse("member_returns")).content.decode()
    assert group["other"].name in listing
    assert group["enterprise"].name not in listing


@pytest.mark.parametrize("name", ["staff_datacall_list", "staff_datacall_create"])
def test_staff_pages_are_closed_to_representatives_and_outsiders(client_for, group, outsider, name):
    assert client_for(group["reps"]["school"]).get(reverse(name)).status_code == 403
    assert client_for(outsider).get(reverse(name)).status_code == 403


def test_outsiders_have_no_member_area(client_for, outsider, call):
    client = client_for(outsider)
    assert client.get(reverse("member_returns")).status_code == 404
    member_return = call.returns.first()
    assert client.get(reverse("member_return_edit", args=[member_return.pk])).status_code == 404


def test_staff_accept_and_send_back_from_the_return_page(client_for, group, call):
    member_return = submit(
        call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES
    )
    client = client_for(group["staff"])
    client.post(
        reverse("staff_return_send_back", args=[member_return.pk]), {"comments": "实习人数请核对"}
    )
    member_return.refresh_from_db()
    assert member_return.status == R.RETURNED
    page = client_for(group["reps"]["enterprise"]).get(
        reverse("member_return_edit", args=[member_return.pk])
    )
    assert "实习人数请核对" in page.content.decode()
    client = client_for(group["staff"])
    client.post(reverse("staff_return_accept", args=[member_return.pk]))
    member_return.refresh_from_db()
    assert member_return.status == R.RETURNED  # not submitted again: accepting is refused


def test_the_call_page_shows_the_disagreement_side_by_side(client_for, group, call):
    submit(
        call, group["school"], group["reps"]["school"], SCHOOL_VALUES, {"艾尔玛模具制造191班": 31}
    )
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    client = client_for(group["staff"])
    page = client.get(reverse("staff_datacall_detail", args=[call.pk])).content.decode()
    assert page.count('data-testid="disagreement"') == 1
    figure = call.figures.get(what="order_class_students")
    client.post(
        reverse("staff_figure_settle", args=[figure.pk]),
        {"value": 35, "note": "按选拔人数计", "write_back": ""},
    )
    figure.refresh_from_db()
    assert (figure.settled_value, figure.settled_note) == (35, "按选拔人数计")


def test_closing_from_the_page_refuses_unsettled_then_asks_to_confirm(client_for, group, call):
    submit(
        call, group["school"], group["reps"]["school"], SCHOOL_VALUES, {"艾尔玛模具制造191班": 31}
    )
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    client = client_for(group["staff"])
    url = reverse("staff_datacall_close", args=[call.pk])
    client.post(url, {"confirm_missing": "on"})
    call.refresh_from_db()
    assert call.status == DataCall.Status.OPEN
    figure = call.figures.get(what="order_class_students")
    services.figure_settle(figure=figure, by=group["staff"], value=35, note="按选拔人数")
    response = client.post(url, {})
    assert response.status_code == 200  # asked to confirm: returns are not accepted
    call.refresh_from_db()
    assert call.status == DataCall.Status.OPEN
    client.post(url, {"confirm_missing": "on"})
    call.refresh_from_db()
    assert (call.status, call.snapshot_version) == (DataCall.Status.CLOSED, 1)
    assert YearSnapshot.objects.filter(year=YEAR, version=1).exists()


def _more_members(call, n):
    for _ in range(n):
        member = MemberFactory()
        RepresentativeFactory(member=member)
        MemberReturn.objects.create(call=call, member=member, form="enterprise")


def test_the_call_page_query_count_does_not_grow_with_members(
    client_for, group, call, django_assert_max_num_queries
):
    client = client_for(group["staff"])
    url = reverse("staff_datacall_detail", args=[call.pk])
    _more_members(call, 5)
    with django_assert_max_num_queries(14):
        client.get(url)
    _more_members(call, 30)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_lists_query_count_does_not_grow(
    client_for, group, call, django_assert_max_num_queries
):
    _more_members(call, 30)
    staff = client_for(group["staff"])
    with django_assert_max_num_queries(12):
        staff.get(reverse("staff_datacall_list"))
    with django_assert_max_num_queries(12):
        staff.get(reverse("staff_data_quality", args=[YEAR]))
    rep = client_for(group["reps"]["school"])
    with django_assert_max_num_queries(10):
        rep.get(reverse("member_returns"))


def test_the_call_list_query_count_does_not_grow_with_calls(client_for, api_client, group, call):
    staff = client_for(group["staff"])
    api_client.force_authenticate(group["staff"])

    def counted(get) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert get().status_code == 200
        return len(queries)

    staff.get(reverse("staff_datacall_list"))  # the session's first writes are not the list's
    api_client.get("/api/v1/data-calls/")  # nor the first read of the user's roles
    page = counted(lambda: staff.get(reverse("staff_datacall_list")))
    api = counted(lambda: api_client.get("/api/v1/data-calls/"))
    for year in (YEAR - 3, YEAR - 2, YEAR - 1):
        services.data_call_open(by=group["staff"], year=year, deadline=call.deadline)
    assert counted(lambda: staff.get(reverse("staff_datacall_list"))) == page
    assert counted(lambda: api_client.get("/api/v1/data-calls/")) == api


def test_the_progress_of_many_calls_counts_late_returns_like_one_call(group, call):
    submitted = submit(call, group["school"], group["reps"]["school"], SCHOOL_VALUES)
    today = timezone.localdate()
    MemberReturn.objects.filter(pk=submitted.pk).update(
        submitted_at=timezone.now() - timedelta(days=3)
    )
    DataCall.objects.filter(pk=call.pk).update(deadline=today - timedelta(days=1))
    call.refresh_from_db()
    assert selectors.late_returns(call).count() == 2  # the two members that have not submitted
    assert selectors.calls_progress([call])[call.pk].late == 2
