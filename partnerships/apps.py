from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from core.calendar import register_source

        from .calendar import partnership_entries

        register_source("partnerships", partnership_entries)
