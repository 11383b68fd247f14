from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from members.reviews import register_review_reminder

        from .reminders import remind_review_nonresponders

        register_review_reminder(remind_review_nonresponders)
