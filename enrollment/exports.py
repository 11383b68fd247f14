"""The roster of an intake as XLSX, for the school's records (openpyxl write-only mode)."""

from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Act
from audit.services import audit_record_many
from vetgroup.spreadsheets import XLSX_TYPE, XlsxWriter

from .models import Application, Intake

CHUNK = 2000


def roster_xlsx(*, intake: Intake, user: User | None = None) -> tuple[str, str, bytes]:
    """Approved and enrolled applicants of the intake; each row's export is logged.

    Rows are read and logged in chunks, so memory stays flat however large the intake."""
    applications = intake.applications.filter(status__in=Application.COUNTING_FOR_QUOTA).order_by(
        "full_name", "pk"
    )
    workbook = XlsxWriter()
    sheet = workbook.sheet(
        _("Roster"),
        [
            _("No."),
            _("Full name"),
            _("Sex"),
            _("Birth date"),
            _("Resident ID number"),
            _("Mobile phone"),
            _("Education"),
            _("Employer"),
            _("Status"),
            _("First submitted"),
        ],
    )
    sexes = {"M": _("Male"), "F": _("Female")}
    logged: list[Application] = []
    for number, a in enumerate(applications.iterator(chunk_size=CHUNK), start=1):
        sheet.append(
            [
                number,
                a.full_name,
                sexes.get(a.sex, ""),
                a.birth_date,
                a.id_number,
                a.phone,
                a.education,
                a.employer,
                a.get_status_display(),
                a.submitted_at,
            ]
        )
        if user is not None:
            logged.append(a)
            if len(logged) == CHUNK:
                audit_record_many(act=Act.EXPORT, user=user, objects=logged, detail="roster_export")
                logged = []
    if user is not None:
        audit_record_many(act=Act.EXPORT, user=user, objects=logged, detail="roster_export")
    return f"roster-{intake.year}-{intake.pk}.xlsx", XLSX_TYPE, workbook.content()
