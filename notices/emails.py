"""A notice's e-mail, rendered once per notice and language; each delivery fills in its name
and its inbox link."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.branding import group_name

from .models import Delivery, Notice
from .sanitize import html_to_text

MAX_ATTACHED_BYTES = 10 * 1024 * 1024
# Stand-ins filled per delivery (private-use characters: no notice text contains them).
NAME, LINK = "\ue000name\ue001", "\ue000link\ue001"


class NoticeEmail:
    """Subject, text and HTML of the notice, with the name and link left to fill in."""

    def __init__(self, notice: Notice, language: str = settings.LANGUAGE_CODE):
        with translation.override(language):
            self.subject = (settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notice.title).replace("\n", " ")
            # Two variants: recipients with an account get a link to their inbox, others not.
            self.parts = {
                with_link: self._render(notice, LINK if with_link else "")
                for with_link in (True, False)
            }
        attachments = list(notice.attachments.all())
        self.attachments = (
            [{"name": a.name, "path": a.file.name} for a in attachments]
            if sum(a.size for a in attachments) <= MAX_ATTACHED_BYTES
            else []
        )

    @staticmethod
    def _render(notice: Notice, link: str) -> tuple[str, str]:
        context = {
            "notice": notice,
            "delivery": {"name": NAME},
            "link": link,
            "text_body": html_to_text(notice.body),
            "GROUP_NAME": group_name(),
        }
        return (
            render_to_string("notices/email/notice.txt", context),
            render_to_string("notices/email/notice.html", context),
        )

    def for_delivery(self, delivery: Delivery) -> tuple[str, str]:
        """(text, html) for one recipient."""
        text, html = self.parts[bool(delivery.user_id)]
        link = (
            settings.SITE_URL.rstrip("/") + reverse("inbox_detail", args=[delivery.pk])
            if delivery.user_id
            else ""
        )
        text = text.replace(NAME, delivery.name).replace(LINK, link)
        html = html.replace(NAME, escape(delivery.name)).replace(LINK, escape(link))
        return text, html
