"""Links in mail follow the address the portal runs at, and mails name the group, not a host."""

import importlib.util
from pathlib import Path

import pytest
from django.core import mail

from members.emails import invitation_queue
from members.models import Representative
from tests.factories import MemberFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_start_sets_the_site_url_from_the_port():
    serve_env = _dev().serve_env
    assert serve_env({"PORT": "8601"})["SITE_URL"] == "http://127.0.0.1:8601"
    assert serve_env({}) == {"PORT": "8000", "SITE_URL": "http://127.0.0.1:8000"}
    mine = {"PORT": "8601", "SITE_URL": "https://portal.example.org"}
    assert serve_env(mine)["SITE_URL"] == "https://portal.example.org"


@pytest.mark.django_db
def test_the_invitation_links_to_the_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8601"
    user = UserFactory(password=None)
    representative = Representative.objects.create(member=MemberFactory(), user=user)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_queue(representative)
    assert "http://127.0.0.1:8601/member/invitation/" in mail.outbox[0].body


@pytest.mark.django_db
def test_account_mails_greet_in_the_groups_name(client, settings):
    settings.GROUP_NAME = "东莞市模具（国际）职业教育集团"
    user = UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = mail.outbox[0].body
    assert "您好！这里是东莞市模具（国际）职业教育集团。" in body
    assert "Hello" not in body and "testserver" not in body.split("\n")[0]
