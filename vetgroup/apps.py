from django.apps import AppConfig


class VetgroupConfig(AppConfig):
    """The project's roof: settings, root URLs, Celery, the demo loader."""

    name = "vetgroup"
    verbose_name = "vetgroup"

    def ready(self) -> None:
        from .celery import ensure_embedded_broker_folders

        ensure_embedded_broker_folders()
