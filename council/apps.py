from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council (理事会): who holds which position, for which term."""

    name = "council"
    verbose_name = _("Council")

    def ready(self) -> None:
        from members.models import register_group_role_source

        from .services import group_role_of

        register_group_role_source(group_role_of)
