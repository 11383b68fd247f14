"""Login with WeChat (allauth's weixin provider) is offered only once the group configured its
app id and secret."""

import pytest

pytestmark = pytest.mark.django_db


def _configured(settings, app_id="wx0123456789abcdef", secret="s3cret"):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "weixin": {
            "AUTHORIZE_URL": "https://open.weixin.qq.com/connect/qrconnect",
            "APPS": [{"client_id": app_id, "secret": secret}] if app_id else [],
        }
    }


def test_no_wechat_button_without_an_app(client, settings):
    _configured(settings, app_id="")
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/weixin/login/" not in html


def test_the_wechat_button_appears_once_configured(client, settings):
    _configured(settings)
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/weixin/login/" in html and "微信登录" in html


def test_the_wechat_login_sends_the_browser_to_wechat_with_the_app_id(client, settings):
    _configured(settings)
    response = client.post("/accounts/weixin/login/")
    assert response.status_code == 302
    assert response.url.startswith("https://open.weixin.qq.com/connect/qrconnect?")
    assert "appid=wx0123456789abcdef" in response.url
