import pytest

from notices import services
from notices.models import Notice

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(representative):
    notice = NoticeFactory(response=Notice.Response.REPLY, reply_prompt="是否参加？")
    services.notice_release(notice_id=notice.pk, statuses=["draft"])
    return notice.deliveries.get(user=representative)


def test_inbox_api_lists_only_own_notices(api_client, representative, outsider, delivery):
    api_client.force_authenticate(representative)
    body = api_client.get("/api/v1/inbox/").json()
    assert body["count"] == 1
    assert body["results"][0]["notice"]["title"] == delivery.notice.title
    api_client.force_authenticate(outsider)
    assert api_client.get("/api/v1/inbox/").json()["count"] == 0
    assert api_client.get(f"/api/v1/inbox/{delivery.pk}/").status_code == 404
    assert api_client.post(f"/api/v1/inbox/{delivery.pk}/read/").status_code == 404


def test_inbox_api_needs_credentials(api_client, delivery):
    assert api_client.get("/api/v1/inbox/").status_code == 401


def test_inbox_api_read_and_reply(api_client, representative, delivery):
    api_client.force_authenticate(representative)
    assert api_client.get("/api/v1/inbox/?unread=true").json()["count"] == 1
    assert api_client.post(f"/api/v1/inbox/{delivery.pk}/read/").json()["read_at"]
    assert api_client.get("/api/v1/inbox/?unread=true").json()["count"] == 0
    bad = api_client.post(f"/api/v1/inbox/{delivery.pk}/reply/", {"reply": "maybe"})
    assert bad.status_code == 400
    assert "reply" in bad.json()
    ok = api_client.post(f"/api/v1/inbox/{delivery.pk}/reply/", {"reply": "yes"})
    assert ok.json()["reply"] == "yes"
    receipt = api_client.post(f"/api/v1/inbox/{delivery.pk}/receipt/")
    assert receipt.status_code == 400  # this notice asks for a reply, not a receipt


def test_schema_describes_inbox_and_news(client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/inbox/", "/api/v1/inbox/{id}/reply/", "/api/v1/news/"):
        assert path in schema
