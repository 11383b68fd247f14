from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "website"
    verbose_name = _("Public website")

    def ready(self) -> None:
        from core.branding import register_group_name

        from .sitetexts import group_name

        register_group_name(group_name)
