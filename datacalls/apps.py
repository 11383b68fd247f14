from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatacallsConfig(AppConfig):
    name = "datacalls"
    verbose_name = _("Data calls")

    def ready(self) -> None:
        from .snapshot import register_returns_section

        register_returns_section()
