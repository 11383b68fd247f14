from django.apps import AppConfig
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _document(label) -> str:
    return gettext("Document: %(kind)s") % {"kind": label}


_document_label = lazy(_document, str)


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Enrollment")

    def ready(self):
        from core.calendar import register_source

        from .calendar import intake_entries

        register_source("enrollment", intake_entries)
        from audit.models import register_detail_labels

        from .models import DocumentKind

        register_detail_labels(
            {
                "id_number_and_phone": _("Full ID number and phone"),
                "api_detail": _("Full record through the API"),
                "roster_export": _("Roster export"),
                "admission_letters": _("Admission letters printed in bulk"),
                **{f"document:{kind.value}": _document_label(kind.label) for kind in DocumentKind},
            }
        )
