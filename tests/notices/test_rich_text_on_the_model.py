"""Rich text is sanitised on the model, so the admin (and any other path) cannot store script."""

import pytest

from notices.models import Notice
from website.models import Article

pytestmark = pytest.mark.django_db

ATTACK = '<p>通知</p><script>alert(1)</script><img src="x" onerror="alert(2)">'


def assert_harmless(html: str) -> None:
    assert "<p>通知</p>" in html
    assert "<script" not in html and "onerror" not in html


def test_a_notice_saved_directly_keeps_no_script():
    notice = Notice.objects.create(title="t", body=ATTACK)
    notice.refresh_from_db()
    assert_harmless(notice.body)


def test_an_article_saved_through_the_admin_keeps_no_script(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345-x")
    client.force_login(admin)
    response = client.post(
        "/admin/website/article/add/",
        {
            "title": "新闻",
            "category": "news",
            "body": ATTACK,
            "status": "published",
            "published_at_0": "2026-01-05",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert_harmless(Article.objects.get().body)


def test_a_notice_saved_through_the_admin_keeps_no_script(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345-x")
    client.force_login(admin)
    response = client.post(
        "/admin/notices/notice/add/",
        {
            "title": "通知",
            "body": ATTACK,
            "kind": "announcement",
            "audience": "{}",
            "response": "none",
            "status": "draft",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert_harmless(Notice.objects.get().body)
