from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatacallsConfig(AppConfig):
    name = "datacalls"
    verbose_name = _("Data calls")

    def ready(self) -> None:
        from core.calendar import register_source

        from .calendar import deadline_entries

        register_source("datacalls", deadline_entries)
        from notices.models import ReminderType
        from notices.reminders import register_reminder
        from reports.snapshots import register_snapshot_section

        from . import returns_section
        from .services import data_call_reminders_run

        register_snapshot_section(
            returns_section.SECTION, returns_section.collect, returns_section.LABELS
        )
        register_reminder(ReminderType.DATA_CALL, data_call_reminders_run)
