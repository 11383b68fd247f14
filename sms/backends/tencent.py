"""Tencent Cloud SMS (API 3.0, SendSms, version 2021-01-11) over its documented HTTP API, signed
with TC3-HMAC-SHA256, so no SDK is needed.

SMS_URL: tencent://SECRET_ID:SECRET_KEY@?sdk_app_id=...&sign_name=...&template_id=...
  optional: template_id_notice, template_id_enrollment, template_id_account_exists,
  region (ap-guangzhou), endpoint (https://sms.tencentcloudapi.com/)."""

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from .base import BaseBackend, PermanentError, TransientError
from .http import get_json

DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com/"
CONTENT_TYPE = "application/json; charset=utf-8"
TRANSIENT_PREFIXES = ("InternalError", "RequestLimitExceeded", "LimitExceeded.DeliveryFrequency")
# The template variables, in the order of the template's {1}, {2}, ...
PARAM_ORDER = {
    "code": ["code"],
    "notice": ["title"],
    "enrollment": ["programme", "status"],
    "account_exists": [],
}


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def tc3_authorization(
    *, secret_id: str, secret_key: str, service: str, host: str, timestamp: int, payload: str
) -> str:
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{CONTENT_TYPE}\nhost:{host}\n",
            "content-type;host",
            hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        ]
    )
    scope = f"{date}/{service}/tc3_request"
    to_sign = "\n".join(
        [
            "TC3-HMAC-SHA256",
            str(timestamp),
            scope,
            hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
        ]
    )
    key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), date), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders=content-type;host, Signature={signature}"
    )


class TencentBackend(BaseBackend):
    def __init__(self, *, secret_id, secret_key, sdk_app_id, sign_name, template_id, **options):
        self.secret_id, self.secret_key = secret_id, secret_key
        self.sdk_app_id, self.sign_name = sdk_app_id, sign_name
        self.templates = {
            "code": template_id,
            "notice": options.get("template_id_notice", ""),
            "enrollment": options.get("template_id_enrollment", ""),
            "account_exists": options.get("template_id_account_exists", ""),
        }
        self.region = options.get("region", "ap-guangzhou")
        self.endpoint = options.get("endpoint", DEFAULT_ENDPOINT)

    def payload(self, *, phone: str, purpose: str, params: dict) -> str:
        template = self.templates.get(purpose)
        if not template:
            raise PermanentError(f"No Tencent template configured for {purpose!r} messages.")
        body = {
            "PhoneNumberSet": [f"+86{phone}"],
            "SmsSdkAppId": self.sdk_app_id,
            "SignName": self.sign_name,
            "TemplateId": template,
            "TemplateParamSet": [str(params.get(name, "")) for name in PARAM_ORDER[purpose]],
        }
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))

    def send(self, *, phone: str, text: str, purpose: str, params: dict) -> str:
        payload = self.payload(phone=phone, purpose=purpose, params=params)
        timestamp = int(time.time())
        host = urlsplit(self.endpoint).netloc
        headers = {
            "Authorization": tc3_authorization(
                secret_id=self.secret_id,
                secret_key=self.secret_key,
                service="sms",
                host=host,
                timestamp=timestamp,
                payload=payload,
            ),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": "2021-01-11",
            "X-TC-Region": self.region,
        }
        status, answer = get_json("POST", self.endpoint, body=payload.encode(), headers=headers)
        response = answer.get("Response", {})
        error = response.get("Error")
        if error:
            reason = f"{error.get('Code')}: {error.get('Message', '')}"
            if status >= 500 or str(error.get("Code", "")).startswith(TRANSIENT_PREFIXES):
                raise TransientError(reason)
            raise PermanentError(reason)
        if status >= 500:
            raise TransientError(f"HTTP {status} from Tencent Cloud")
        [result] = response.get("SendStatusSet") or [{}]
        if result.get("Code") == "Ok":
            return result.get("SerialNo", "")
        reason = f"{result.get('Code')}: {result.get('Message', '')}"
        if str(result.get("Code", "")).startswith(TRANSIENT_PREFIXES):
            raise TransientError(reason)
        raise PermanentError(reason)
