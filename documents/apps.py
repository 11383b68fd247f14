from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The document library: folders, documents with versions, read by access level."""

    name = "documents"
    verbose_name = _("Document library")
