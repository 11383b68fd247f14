from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mails call the site: the group, at the portal's public address."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=settings.GROUP_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        return reverse(request.user.home_url_name())

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth names the site by the request's host ("127.0.0.1:8601"); mails name the group.
        super().send_mail(template_prefix, email, {"current_site": portal_site(), **context})
