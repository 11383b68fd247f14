from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = _("Notices")

    def ready(self):
        from outbox.services import on_batch_sent, sms_allowed_by

        from .services import notice_batch_sent, takes_texts

        on_batch_sent("notice", notice_batch_sent)
        sms_allowed_by(takes_texts)
