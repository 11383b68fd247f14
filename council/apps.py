from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council (理事会): who holds which position, for which term."""

    name = "council"
    verbose_name = _("Council")
