import pytest
from django.urls import reverse

from notices import services
from notices.models import Notice
from notices.sanitize import clean_html

pytestmark = pytest.mark.django_db

ATTACKS = [
    '<script>alert("x")</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<object data='x.swf'></object>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_sanitiser_removes_script(attack):
    cleaned = clean_html(f"<p>安全</p>{attack}").lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "<object",
    ):
        assert bad not in cleaned


def test_sanitiser_keeps_formatting():
    html = '<h2>标题</h2><p><strong>粗</strong> <a href="https://example.com">链接</a></p><ul><li>一</li></ul>'
    cleaned = clean_html(html)
    assert "<strong>粗</strong>" in cleaned
    assert 'href="https://example.com"' in cleaned
    assert "<li>一</li>" in cleaned


def test_a_notice_posted_with_script_shows_none_in_the_inbox(
    client_for, staff, representative, django_capture_on_commit_callbacks
):
    body = '<p>会议</p><script>document.title="pwned"</script><img src=x onerror="alert(1)">'
    client = client_for(staff)
    client.post(
        reverse("staff_notice_create"),
        {"title": "<script>alert(2)</script>会议", "body": body, "kind": "event",
         "response": "none", "scope": "members"},
    )  # fmt: skip
    notice = Notice.objects.get()
    assert "<script" not in notice.body and "onerror" not in notice.body
    services.notice_release(notice_id=notice.pk, statuses=["draft"])
    delivery = notice.deliveries.get(user=representative)
    html = client_for(representative).get(reverse("inbox_detail", args=[delivery.pk]))
    page = html.content.decode()
    assert "<script>alert(2)" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;会议" in page
    assert 'document.title="pwned"' not in page
