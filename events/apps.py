from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings and events")

    def ready(self) -> None:
        from core.calendar import register_source

        from . import indicators
        from .calendar import event_entries

        indicators.register()
        register_source("events", event_entries)
