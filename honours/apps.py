from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "honours"
    verbose_name = _("Honours and industry chains")

    def ready(self) -> None:
        from reports.dashboard import DashboardCard, register_dashboard_card

        from .dashboard import honours_card
        from .indicators import register_sections

        register_sections()
        register_dashboard_card(
            DashboardCard("honours/dashboard_card.html", honours_card, "members.view")
        )
