"""The SMS channel of notices: who gets a text, what it says, what it costs."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from outbox.models import Channel, Message
from outbox.services import messages_queue
from sms.models import sms_parts

from .models import Delivery, Notice, Preference

TITLE_CHARS = 30  # keeps a text within two parts with the link


def sms_text(notice: Notice, delivery_id: int | None = None) -> str:
    """A short text with a link to the notice in the inbox, in the portal's language."""
    path = reverse("inbox_detail", args=[delivery_id]) if delivery_id else reverse("inbox")
    title = notice.title if len(notice.title) <= TITLE_CHARS else notice.title[:TITLE_CHARS] + "…"
    with translation.override(settings.LANGUAGE_CODE):
        return _("[%(sign)s] New notice: %(title)s. Read it at %(url)s") % {
            "sign": settings.SMS_SIGN_NAME,
            "title": title,
            "url": settings.SITE_URL.rstrip("/") + path,
        }


def sms_phones(notice: Notice, user_ids: list[int]) -> dict[int, str]:
    """The recipients (by user id) who get a text, with their verified number: each one's
    preference for this kind of notice; by default only those without an e-mail address."""
    if not notice.by_sms:
        return {}
    users = get_user_model().objects.filter(
        pk__in=user_ids, is_active=True, phone_verified=True, phone__isnull=False
    )
    chosen = dict(
        Preference.objects.filter(
            kind=notice.kind, user_id__in=user_ids, sms__isnull=False
        ).values_list("user_id", "sms")
    )
    return {
        user.pk: user.phone
        for user in users.only("pk", "phone", "email")
        if chosen.get(user.pk, not user.email)
    }


def sms_estimate(notice: Notice, user_ids: list[int]) -> tuple[int, int]:
    """How many texts the notice would send, and the vendor's parts each (what is billed)."""
    count = len(sms_phones(notice, user_ids))
    return count, sms_parts(sms_text(notice, delivery_id=10**7))


def notice_sms_queue(notice: Notice) -> int:
    """Queue one text per delivery that should get one (inside the release's transaction,
    which runs once per notice, so no one is texted twice)."""
    from .services import deliveries_link

    deliveries = {
        d.user_id: d
        for d in Delivery.objects.filter(notice=notice, user__isnull=False, text__isnull=True)
    }
    phones = sms_phones(notice, list(deliveries))
    chosen = [deliveries[user_id] for user_id in phones]
    messages = [
        Message(
            channel=Channel.SMS,
            purpose="notice",
            recipient=phones[d.user_id],
            body=sms_text(notice, d.pk),
            params={"title": notice.title[:20]},
            user_id=d.user_id,
            batch=f"notice:{notice.pk}",
            key=f"notice:{notice.pk}:sms:{d.pk}",
        )
        for d in chosen
    ]
    messages_queue(messages)
    deliveries_link(notice, "text", f"notice:{notice.pk}:sms:")
    return len(chosen)
