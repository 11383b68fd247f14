from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from members.reviews import register_review_reminder
        from outbox.services import on_batch_sent, sms_allowed_by

        from .reminders import remind_review_nonresponders
        from .services import notice_batch_sent, takes_texts

        register_review_reminder(remind_review_nonresponders)
        on_batch_sent("notice", notice_batch_sent)
        sms_allowed_by(takes_texts)
