"""The roster of an intake as XLSX, for the school's student register (openpyxl write-only
mode); its columns are enrollment.roster's."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Act
from audit.services import audit_record_many
from core.spreadsheets import XLSX_TYPE, XlsxWriter

from .models import Answer, Application, Intake
from .roster import roster_header, roster_row

CHUNK = 2000


def roster_xlsx(*, intake: Intake, user: User | None = None) -> tuple[str, str, bytes]:
    """Approved and enrolled applicants of the intake; each row's export is logged.

    Rows are read and logged in chunks, so memory stays flat however large the intake."""
    applications = (
        intake.applications.filter(status__in=Application.COUNTING_FOR_QUOTA)
        .select_related("intake")
        .prefetch_related(Prefetch("answers", Answer.objects.select_related("question")))
        .order_by("full_name", "pk")
    )
    questions = list(intake.questions.all())
    workbook = XlsxWriter()
    sheet = workbook.sheet(_("Roster"), roster_header(intake, questions))
    logged: list[Application] = []
    for number, a in enumerate(applications.iterator(chunk_size=CHUNK), start=1):
        answers = {answer.question_id: answer for answer in a.answers.all()}
        sheet.append(roster_row(number, a, questions, answers))
        if user is not None:
            logged.append(a)
            if len(logged) == CHUNK:
                audit_record_many(act=Act.EXPORT, user=user, objects=logged, detail="roster_export")
                logged = []
    if user is not None:
        audit_record_many(act=Act.EXPORT, user=user, objects=logged, detail="roster_export")
    return f"roster-{intake.year}-{intake.pk}.xlsx", XLSX_TYPE, workbook.content()
