"""The Aliyun and Tencent Cloud backends against local stand-ins of their HTTP endpoints: each
request is signed and shaped as the vendor documents, and error answers are sorted into
"try again later" and "give up"."""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from sms.backends import PermanentError, TransientError, backend_from_url
from sms.backends.aliyun import signature as aliyun_signature

from .standin import vendor_standin

NUMBER = "13912345678"


def test_aliyun_signature_matches_the_vendors_worked_example():
    # The example of Alibaba Cloud's SMS "signature method" page (testId / testSecret).
    params = {
        "AccessKeyId": "testId",
        "Action": "SendSms",
        "Format": "XML",
        "OutId": "123",
        "PhoneNumbers": "15300000001",
        "RegionId": "cn-hangzhou",
        "SignName": "阿里云短信测试专用",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        "SignatureVersion": "1.0",
        "TemplateCode": "SMS_71390007",
        "TemplateParam": '{"customer":"test"}',
        "Timestamp": "2017-07-12T02:42:19Z",
        "Version": "2017-05-25",
    }
    assert aliyun_signature(params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def _aliyun_expected_signature(query: dict, secret: str) -> str:
    """The documented algorithm, written out again for the stand-in to check requests with."""

    def enc(value):
        return quote(value, safe="~")

    canonical = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(query.items()))
    to_sign = "GET&%2F&" + enc(canonical)
    mac = hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def _aliyun(standin, **extra):
    query = "&".join(f"{k}={v}" for k, v in extra.items())
    return backend_from_url(
        "aliyun://LTAIkeyid:s3cr%2Fet@?sign_name=职教集团&template_code=SMS_100"
        f"&endpoint={standin.url}&{query}"
    )


def test_aliyun_sends_a_signed_sendsms_request():
    with vendor_standin() as standin:
        standin.answer = (200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0"})
        vendor_id = _aliyun(standin).send(
            phone=NUMBER, text="...", purpose="code", params={"code": "123456"}
        )
    assert vendor_id == "900619746936498440^0"
    [request] = standin.requests
    assert request["method"] == "GET"
    query = dict(parse_qsl(urlsplit(request["path"]).query))
    signature = query.pop("Signature")
    assert signature == _aliyun_expected_signature(query, "s3cr/et")
    assert query["AccessKeyId"] == "LTAIkeyid"
    assert query["Action"] == "SendSms" and query["Version"] == "2017-05-25"
    assert query["PhoneNumbers"] == NUMBER
    assert query["SignName"] == "职教集团" and query["TemplateCode"] == "SMS_100"
    assert json.loads(query["TemplateParam"]) == {"code": "123456"}
    assert query["SignatureMethod"] == "HMAC-SHA1" and query["SignatureVersion"] == "1.0"
    assert query["Format"] == "JSON"
    datetime.strptime(query["Timestamp"], "%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控"}), TransientError),
        ((503, {"Code": "ServiceUnavailable", "Message": "busy"}), TransientError),
        ((200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}), PermanentError),
        ((400, {"Code": "SignatureDoesNotMatch", "Message": "bad"}), PermanentError),
        ((200, {"Code": "isv.AMOUNT_NOT_ENOUGH", "Message": "余额不足"}), PermanentError),
    ],
)
def test_aliyun_error_answers(answer, error):
    with vendor_standin() as standin:
        standin.answer = answer
        with pytest.raises(error) as raised:
            _aliyun(standin).send(phone=NUMBER, text="", purpose="code", params={"code": "1"})
    assert answer[1]["Code"] in str(raised.value)


def test_aliyun_needs_a_template_for_each_kind_of_message():
    with vendor_standin() as standin:
        standin.answer = (200, {"Code": "OK", "BizId": "1"})
        with pytest.raises(PermanentError):
            _aliyun(standin).send(phone=NUMBER, text="", purpose="notice", params={})
        assert standin.requests == []
        _aliyun(standin, template_code_notice="SMS_200").send(
            phone=NUMBER, text="", purpose="notice", params={"title": "通知"}
        )
    assert "TemplateCode=SMS_200" in standin.requests[-1]["path"]


def test_an_unreachable_vendor_is_a_transient_error():
    backend = backend_from_url(
        "aliyun://a:b@?sign_name=x&template_code=y&endpoint=http://127.0.0.1:9/"
    )
    with pytest.raises(TransientError):
        backend.send(phone=NUMBER, text="", purpose="code", params={"code": "1"})


def _tc3_expected(headers: dict, body: bytes, secret_key: str) -> str:
    """Tencent Cloud's documented TC3-HMAC-SHA256, written out again for the stand-in."""
    timestamp = int(headers["x-tc-timestamp"])
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    canonical = (
        "POST\n/\n\n"
        f"content-type:{headers['content-type']}\nhost:{headers['host']}\n\n"
        "content-type;host\n" + hashlib.sha256(body).hexdigest()
    )
    scope = f"{date}/sms/tc3_request"
    to_sign = (
        f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n" + hashlib.sha256(canonical.encode()).hexdigest()
    )

    def sign(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    key = sign(sign(sign(("TC3" + secret_key).encode(), date), "sms"), "tc3_request")
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def _tencent(standin):
    return backend_from_url(
        "tencent://AKIDexample:tencentSecret@?sdk_app_id=1400006666&sign_name=职教集团"
        f"&template_id=1234&template_id_enrollment=5678&endpoint={standin.url}"
    )


def test_tencent_sends_a_signed_sendsms_request():
    ok = {
        "Response": {
            "SendStatusSet": [
                {
                    "SerialNo": "5000:1045710669157053657849499619",
                    "PhoneNumber": "+86" + NUMBER,
                    "Fee": 1,
                    "Code": "Ok",
                    "Message": "send success",
                    "IsoCode": "CN",
                }
            ],
            "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279",
        }
    }
    with vendor_standin() as standin:
        standin.answer = (200, ok)
        vendor_id = _tencent(standin).send(
            phone=NUMBER,
            text="",
            purpose="enrollment",
            params={"programme": "模具设计", "status": "审核通过"},
        )
    assert vendor_id == "5000:1045710669157053657849499619"
    [request] = standin.requests
    headers = {k.lower(): v for k, v in request["headers"].items()}  # HTTP: any case
    assert request["method"] == "POST"
    assert headers["x-tc-action"] == "SendSms" and headers["x-tc-version"] == "2021-01-11"
    assert headers["x-tc-region"] == "ap-guangzhou"
    credential, signed, sig = headers["authorization"].split(", ")
    assert credential.startswith("TC3-HMAC-SHA256 Credential=AKIDexample/")
    assert credential.endswith("/sms/tc3_request") and signed == "SignedHeaders=content-type;host"
    assert sig == "Signature=" + _tc3_expected(headers, request["body"], "tencentSecret")
    body = json.loads(request["body"])
    assert body == {
        "PhoneNumberSet": ["+86" + NUMBER],
        "SmsSdkAppId": "1400006666",
        "SignName": "职教集团",
        "TemplateId": "5678",
        "TemplateParamSet": ["模具设计", "审核通过"],
    }


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            (
                200,
                {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}}},
            ),
            PermanentError,
        ),
        (
            (200, {"Response": {"Error": {"Code": "InternalError.Timeout", "Message": "later"}}}),
            TransientError,
        ),
        (
            (
                200,
                {
                    "Response": {
                        "SendStatusSet": [
                            {
                                "Code": "LimitExceeded.PhoneNumberDailyLimit",
                                "Message": "daily limit",
                            }
                        ]
                    }
                },
            ),
            PermanentError,
        ),
        (
            (
                200,
                {
                    "Response": {
                        "SendStatusSet": [
                            {"Code": "LimitExceeded.DeliveryFrequencyLimit", "Message": "too fast"}
                        ]
                    }
                },
            ),
            TransientError,
        ),
        ((502, {}), TransientError),
    ],
)
def test_tencent_error_answers(answer, error):
    with vendor_standin() as standin:
        standin.answer = answer
        with pytest.raises(error):
            _tencent(standin).send(phone=NUMBER, text="", purpose="code", params={"code": "1"})


def test_a_vendor_answer_goes_into_the_message_log(settings):
    from outbox import services
    from outbox.models import Message

    with vendor_standin() as standin:
        settings.SMS_URL = (
            f"aliyun://id:secret@?sign_name=x&template_code=SMS_1&endpoint={standin.url}"
        )
        standin.answer = (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "流控"})
        message = Message.objects.create(
            channel="sms",
            recipient=NUMBER,
            body="验证码 123456",
            purpose="code",
            params={"code": "123456"},
        )
        assert services.messages_send(ids=[message.pk]) == {"queued": 1}
        Message.objects.filter(pk=message.pk).update(next_attempt_at=None)
        standin.answer = (200, {"Code": "OK", "BizId": "biz-1"})
        assert services.messages_send(ids=[message.pk]) == {"sent": 1}
    message.refresh_from_db()
    assert (message.vendor_id, message.attempts, message.error) == ("biz-1", 2, "")
    assert len(standin.requests) == 2


test_a_vendor_answer_goes_into_the_message_log = pytest.mark.django_db(
    test_a_vendor_answer_goes_into_the_message_log
)
