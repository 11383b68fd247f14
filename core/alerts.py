"""The WeCom (企业微信) group robot's webhook, which the outbox's alert channel posts to."""

import json
import urllib.request

from django.conf import settings


def wecom_post(text: str) -> None:
    """Post a text message to the WeCom group robot's webhook; raises on an error answer."""
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False)
    request = urllib.request.Request(
        settings.WECOM_WEBHOOK_URL,
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our setting
        answer = json.loads(response.read().decode("utf-8") or "{}")
    if answer.get("errcode", 0) != 0:
        raise RuntimeError(f"WeCom robot answered {answer.get('errcode')}: {answer.get('errmsg')}")
