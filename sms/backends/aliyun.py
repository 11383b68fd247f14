"""Alibaba Cloud SMS (Dysmsapi 2017-05-25, SendSms) over its documented RPC API, signed with
HMAC-SHA1 (signature version 1.0), so no SDK is needed.

SMS_URL: aliyun://KEY_ID:KEY_SECRET@?sign_name=...&template_code=...
  optional: template_code_notice, template_code_enrollment, template_code_account_exists,
  region (cn-hangzhou), endpoint (https://dysmsapi.aliyuncs.com/)."""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from .base import BaseBackend, PermanentError, TransientError
from .http import get_json

DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/"
# Vendor codes worth trying again later: its own rate limits and passing system errors.
TRANSIENT_CODES = {"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "Throttling.User"}


def percent_encode(value: str) -> str:
    return quote(str(value), safe="~")


def signature(params: dict, secret: str, method: str = "GET") -> str:
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunBackend(BaseBackend):
    def __init__(self, *, key_id, key_secret, sign_name, template_code, **options):
        self.key_id, self.key_secret, self.sign_name = key_id, key_secret, sign_name
        self.templates = {
            "code": template_code,
            "notice": options.get("template_code_notice", ""),
            "enrollment": options.get("template_code_enrollment", ""),
            "account_exists": options.get("template_code_account_exists", ""),
        }
        self.region = options.get("region", "cn-hangzhou")
        self.endpoint = options.get("endpoint", DEFAULT_ENDPOINT)

    def request_params(self, *, phone: str, purpose: str, params: dict) -> dict:
        template = self.templates.get(purpose)
        if not template:
            raise PermanentError(f"No Aliyun template configured for {purpose!r} messages.")
        query = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template,
            "TemplateParam": json.dumps(params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        query["Signature"] = signature(query, self.key_secret)
        return query

    def send(self, *, phone: str, text: str, purpose: str, params: dict) -> str:
        query = self.request_params(phone=phone, purpose=purpose, params=params)
        url = (
            self.endpoint
            + "?"
            + "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in query.items())
        )
        status, answer = get_json("GET", url)
        code = answer.get("Code", "")
        if code == "OK":
            return answer.get("BizId", "")
        reason = f"{code or status}: {answer.get('Message', '')}"
        if status >= 500 or code in TRANSIENT_CODES:
            raise TransientError(reason)
        raise PermanentError(reason)
