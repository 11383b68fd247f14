from django.apps import AppConfig


class VetgroupConfig(AppConfig):
    name = "vetgroup"
    verbose_name = "vetgroup"

    def ready(self) -> None:
        from .celery import ensure_embedded_broker_folders
        from .datacache import watch_data_changes
        from .privacy import install_log_masking

        ensure_embedded_broker_folders()
        install_log_masking()
        watch_data_changes()
