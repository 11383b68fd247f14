"""The "returns" section that datacalls registers in the reports app's registry of frozen-year
sections (reports/snapshots.py): the sums of the accepted returns' figures and the accepted
returns per member."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .models import MemberReturn

SECTION = "returns"
LABELS = {
    SECTION: _("Members' returns"),  # the section's heading (reports.snapshots.section_title)
    "returns_accepted": _("member returns accepted"),
    "returns_order_class_students": _("students in order classes (enterprises' returns)"),
    "returns_interns_taken": _("interns taken (enterprises' returns)"),
    "returns_part_time_teachers": _("engineers serving as part-time teachers"),
    "returns_teaching_hours": _("part-time teachers' teaching hours"),
    "returns_courses_developed": _("courses developed with schools"),
    "returns_textbooks_developed": _("textbooks developed with schools"),
    "returns_graduates_hired": _("graduates hired by enterprises"),
    "returns_money_invested_cny": _("money invested by enterprises (RMB)"),
    "returns_equipment_invested_cny": _("equipment invested by enterprises (RMB)"),
    "returns_service_income_cny": _("technical-service income (RMB)"),
    "returns_enterprise_teachers": _("teachers from enterprises at schools"),
    "returns_enterprise_teacher_hours": _("their teaching hours at schools"),
    "returns_teacher_practice_person_times": _("teachers' enterprise practice (person-times)"),
    "returns_teacher_practice_days": _("teachers' enterprise practice (days)"),
    "returns_training_bases_shared": _("training bases shared"),
    "returns_graduates_hired_by_partners": _("graduates hired by partner enterprises"),
    "returns_programmes_with_enterprises": _("programmes run with enterprise partners"),
}
TOTALLED = [
    code.removeprefix("returns_")
    for code in LABELS
    if code.startswith("returns_") and code != "returns_accepted"
]


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def collect(year: int) -> dict:
    accepted = MemberReturn.objects.filter(
        call__year=year, status=MemberReturn.Status.ACCEPTED
    ).select_related("member")
    totals: dict = {"returns_accepted": 0}
    for field in TOTALLED:
        totals[f"returns_{field}"] = Decimal("0") if field.endswith("_cny") else 0
    records = []
    for r in accepted.order_by("member__name"):
        totals["returns_accepted"] += 1
        for field in r.fields:
            value = getattr(r, field)
            if field in TOTALLED and value is not None:
                totals[f"returns_{field}"] += value
        records.append(
            {
                "member": r.member.name,
                "member_id": r.member_id,
                "kind": r.member.kind,
                "form": r.form,
                **{f: _json(getattr(r, f)) for f in r.fields},
            }
        )
    return {"totals": {k: _json(v) for k, v in totals.items()}, "records": records}
