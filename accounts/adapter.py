from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.branding import group_name
from core.phones import normalize_mobile


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mails call the site: the group, at the portal's public address."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=group_name(), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": gettext_lazy(
            "This code is not right. Check the latest SMS and type its 6 digits again."
        ),
        "rate_limited": gettext_lazy(
            "Too many requests: wait a minute before asking for another code."
        ),
    }

    def get_login_redirect_url(self, request) -> str:
        return reverse(request.user.home_url_name())

    def get_signup_redirect_url(self, request) -> str:
        return reverse(request.user.home_url_name())

    def get_login_stages(self) -> list[str]:
        # A phone-only applicant has no e-mail to verify: their verified number stands in.
        return [
            "accounts.stages.EmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]

    # Phone numbers (allauth's phone support): one verified mainland mobile per user.

    def phone_form_field(self, **kwargs):
        from .forms import MobileField

        return MobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalize_mobile(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone, user.phone_verified = normalize_mobile(phone), verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user) -> tuple[str, bool] | None:
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str):
        from .models import User

        try:
            phone = normalize_mobile(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone, is_active=True).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        from outbox.services import message_queue

        text = _(
            "[%(group)s] Your verification code is %(code)s, valid for 10 minutes. "
            "Do not tell anyone."
        ) % {"group": _short_group_name(), "code": code}
        message = message_queue(
            channel="sms",
            recipient=phone,
            body=text,
            purpose="code",
            params={"code": code},
            user=user if user.pk else None,
        )
        if message.status == message.Status.BLOCKED:
            self.add_message(
                context.request,
                messages.ERROR,
                message=_(
                    "Text messages cannot be sent just now. Please try again tomorrow, or "
                    "contact the secretariat."
                ),
            )

    def send_account_already_exists_sms(self, phone: str) -> None:
        from outbox.services import message_queue

        text = _(
            "[%(group)s] Someone tried to register with this number, which already has an "
            "account. Log in with it, or use the SMS code login if you forgot the password."
        ) % {"group": _short_group_name()}
        message_queue(channel="sms", recipient=phone, body=text, purpose="account_exists")

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        # Nothing is sent: a text to a stranger's phone costs money and helps no one.
        pass

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth names the site by the request's host ("127.0.0.1:8601"); mails name the group.
        super().send_mail(template_prefix, email, {"current_site": portal_site(), **context})


def _short_group_name() -> str:
    from django.conf import settings

    return settings.SMS_SIGN_NAME
