from datetime import timedelta

from django.utils import timezone

from datacalls.models import DataCall, MemberReturn

from .conftest import ENTERPRISE_VALUES, YEAR, return_of

R = MemberReturn.Status


def _payload(values):
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}


def test_a_representative_lists_and_reads_only_its_own_returns(api_client, group, call):
    api_client.force_authenticate(group["reps"]["enterprise"])
    body = api_client.get("/api/v1/data-returns/").json()
    assert [r["member_name"] for r in body["results"]] == [group["enterprise"].name]
    theirs = return_of(call, group["school"])
    assert api_client.get(f"/api/v1/data-returns/{theirs.pk}/").status_code == 404
    assert api_client.patch(f"/api/v1/data-returns/{theirs.pk}/", {}).status_code == 404
    assert api_client.post(f"/api/v1/data-returns/{theirs.pk}/submit/").status_code == 404


def test_a_representative_saves_a_draft_and_submits_over_the_api(api_client, group, call):
    member_return = return_of(call, group["enterprise"])
    api_client.force_authenticate(group["reps"]["enterprise"])
    url = f"/api/v1/data-returns/{member_return.pk}/"
    figures = api_client.get(url).json()["figures"]
    assert {f["project_title"] for f in figures} == {"艾尔玛模具制造191班", "艾尔玛顶岗实习"}
    body = {**_payload(ENTERPRISE_VALUES)}
    body["figure_values"] = [{"id": f["id"], "value": f["recorded_value"]} for f in figures]
    saved = api_client.patch(url, body, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["status"] == R.DRAFT
    assert saved.json()["money_invested_cny"] == "0.00"
    submitted = api_client.post(f"{url}submit/")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == R.SUBMITTED
    again = api_client.patch(url, {"interns_taken": 3}, format="json")
    assert again.status_code == 409
    member_return.refresh_from_db()
    assert member_return.interns_taken == 20


def test_bad_values_get_400_naming_the_field_and_store_nothing(api_client, group, call):
    member_return = return_of(call, group["enterprise"])
    api_client.force_authenticate(group["reps"]["enterprise"])
    url = f"/api/v1/data-returns/{member_return.pk}/"
    response = api_client.patch(
        url, {"interns_taken": -1, "groups_led": 2, "service_income_cny": "-5"}, format="json"
    )
    assert response.status_code == 400
    assert {"interns_taken", "service_income_cny"} <= set(response.json())
    member_return.refresh_from_db()
    assert member_return.status == R.NOT_STARTED
    foreign = api_client.patch(url, {"groups_led": 2}, format="json")
    assert foreign.status_code == 400 and "groups_led" in foreign.json()


def test_staff_accept_and_return_over_the_api_and_others_may_not(api_client, group, call):
    member_return = return_of(call, group["enterprise"])
    MemberReturn.objects.filter(pk=member_return.pk).update(status=R.SUBMITTED)
    url = f"/api/v1/data-returns/{member_return.pk}/"
    api_client.force_authenticate(group["reps"]["enterprise"])
    assert api_client.post(f"{url}accept/").status_code == 403
    api_client.force_authenticate(group["staff"])
    assert api_client.patch(url, {"interns_taken": 1}, format="json").status_code == 403
    assert api_client.post(f"{url}return/", {"comments": ""}, format="json").status_code == 400
    sent_back = api_client.post(f"{url}return/", {"comments": "请核对"}, format="json")
    assert sent_back.json()["status"] == R.RETURNED
    assert api_client.post(f"{url}accept/").status_code == 409


def test_staff_open_list_and_close_calls_over_the_api(api_client, group, outsider):
    api_client.force_authenticate(group["staff"])
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    created = api_client.post(
        "/api/v1/data-calls/", {"year": YEAR, "deadline": deadline}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["progress"]["not_started"] == 3
    call_id = created.json()["id"]
    twice = api_client.post("/api/v1/data-calls/", {"year": YEAR, "deadline": deadline})
    assert twice.status_code == 400
    refused = api_client.post(f"/api/v1/data-calls/{call_id}/close/", {}, format="json")
    assert refused.status_code == 409 and "confirm_missing" in refused.json()
    closed = api_client.post(
        f"/api/v1/data-calls/{call_id}/close/", {"confirm_missing": True}, format="json"
    )
    assert closed.json()["status"] == "closed"
    assert closed.json()["snapshot_version"] == 1
    api_client.force_authenticate(group["reps"]["school"])
    assert api_client.get("/api/v1/data-calls/").status_code == 403
    api_client.force_authenticate(outsider)
    assert api_client.get("/api/v1/data-returns/").json()["count"] == 0
    assert DataCall.objects.count() == 1


def test_the_endpoints_are_documented(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/data-calls/",
        "/api/v1/data-calls/{id}/close/",
        "/api/v1/data-returns/",
        "/api/v1/data-returns/{id}/",
        "/api/v1/data-returns/{id}/submit/",
        "/api/v1/data-returns/{id}/accept/",
        "/api/v1/data-returns/{id}/return/",
    ):
        assert path in paths, path
    assert "figure_values" in str(schema["components"]["schemas"]["PatchedMemberReturn"])


def test_each_listed_return_carries_the_same_figures_as_its_own_page(api_client, group, call):
    api_client.force_authenticate(group["staff"])
    listed = api_client.get("/api/v1/data-returns/", {"page_size": 200}).json()["results"]
    assert any(r["figures"] for r in listed)
    for row in listed:
        assert (
            row["figures"] == api_client.get(f"/api/v1/data-returns/{row['id']}/").json()["figures"]
        )


def test_api_errors_speak_chinese_by_default(api_client, group, call):
    api_client.force_authenticate(group["staff"])
    member_return = return_of(call, group["school"])
    answer = api_client.post(f"/api/v1/data-returns/{member_return.pk}/submit/")
    assert answer.status_code == 403
    assert answer.json()["detail"] == "只有该成员单位的联系人可以进行此操作。"
