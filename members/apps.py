from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from core.calendar import register_source

        from .calendar import review_deadline_entries

        register_source("members.review", review_deadline_entries)
