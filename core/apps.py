from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared floor every app builds on: validators, uploads, roles, spreadsheets, PDFs,
    the broker. It imports no app."""

    name = "core"
    verbose_name = "core"

    def ready(self) -> None:
        from .datacache import watch_data_changes
        from .privacy import install_log_masking

        install_log_masking()
        watch_data_changes()
