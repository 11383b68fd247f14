from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vetgroup.branding import group_name

from .models import Delivery
from .sanitize import html_to_text

MAX_ATTACHED_BYTES = 10 * 1024 * 1024


def delivery_message(delivery: Delivery) -> EmailMultiAlternatives:
    """The e-mail for one delivery, in the portal's language (Chinese), HTML and text."""
    notice = delivery.notice
    with translation.override(settings.LANGUAGE_CODE):
        link = (
            settings.SITE_URL.rstrip("/") + reverse("inbox_detail", args=[delivery.pk])
            if delivery.user_id
            else ""
        )
        context = {
            "notice": notice,
            "delivery": delivery,
            "link": link,
            "text_body": html_to_text(notice.body),
            "GROUP_NAME": group_name(),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notice.title
        text = render_to_string("notices/email/notice.txt", context)
        html = render_to_string("notices/email/notice.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " "),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.email],
    )
    message.attach_alternative(html, "text/html")
    attachments = list(notice.attachments.all())
    if sum(a.size for a in attachments) <= MAX_ATTACHED_BYTES:
        for attachment in attachments:
            with attachment.file.open("rb") as f:
                message.attach(attachment.name, f.read())
    return message
