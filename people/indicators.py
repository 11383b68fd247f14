"""The people indicators, for year Y (registered with reports.indicators; see docs/people.md).

A role counts for Y by Role.objects.counting_for(Y) (models.role_counts_for): a part-time
teacher's term and a graduate by their `year`; teacher practice and internships by a start in Y;
masters and apprentices while active in Y; a class student while the class's project counts for
Y (the contract's project rule) and the student had not left before Y began.
"""

from collections import Counter
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import BooleanField, ExpressionWrapper
from django.utils.translation import gettext_lazy as _

from .models import SALARY_BAND_FLOOR, Role, role_counts_for

K = Role.Kind
STUDENT_KINDS = (K.STUDENT, K.APPRENTICE, K.INTERN, K.GRADUATE)
LABELS = {
    "people_part_time_teachers": _("Enterprise engineers teaching part-time"),
    "people_part_time_teaching_hours": _("Hours taught by part-time enterprise engineers"),
    "people_teacher_practice": _("Teachers' enterprise practice (person-times)"),
    "people_teacher_practice_days": _("Teachers' enterprise practice (days)"),
    "people_masters": _("Skill masters"),
    "people_master_studios": _("Master studios"),
    "people_apprentices": _("Apprentices"),
    "people_interns": _("Interns placed"),
    "people_interns_covered": _("Interns with agreement and insurance on file"),
    "people_graduates": _("Graduates recorded"),
    "people_graduates_employed": _("Graduates employed"),
    "people_graduates_employed_share": _("Share of graduates employed (%)"),
    "people_graduates_hired_by_partners": _("Graduates hired by member enterprises"),
    "people_graduates_partner_share": _("Share of graduates hired by member enterprises (%)"),
    "people_graduates_median_salary": _(
        "Employed graduates' median monthly salary band (lower bound, RMB)"
    ),
    "people_students": _("Students recorded (classes, apprentices, interns, graduates)"),
    "people_students_pairing_area": _("Students from poverty-alleviation pairing areas"),
}
CODES = list(LABELS)
FIELDS = (
    "kind",
    "person_id",
    "hours",
    "days",
    "agreement_on_file",
    "insurance_on_file",
    "outcome",
    "partner_id",
    "salary_band",
    "studio",
    "person__member_id",
    "person__from_pairing_area",
)


def share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def median_floor(bands: list[str]) -> int:
    """The lower bound of the median salary band (the lower median for an even count); 0 when
    no band is known."""
    floors = sorted(SALARY_BAND_FLOOR[b] for b in bands if b in SALARY_BAND_FLOOR)
    return floors[(len(floors) - 1) // 2] if floors else 0


def _values(rows: list[dict]) -> dict:
    by_kind: dict[str, list[dict]] = {kind: [] for kind in K.values}
    for row in rows:
        by_kind[row["kind"]].append(row)
    teaching, practice = by_kind[K.PART_TIME_TEACHER], by_kind[K.TEACHER_PRACTICE]
    masters, interns = by_kind[K.MASTER], by_kind[K.INTERN]
    graduates = {r["person_id"]: r for r in by_kind[K.GRADUATE]}.values()
    employed = [r for r in graduates if r["outcome"] == Role.Outcome.EMPLOYED]
    hired = [r for r in employed if r["partner_id"]]
    students = {r["person_id"]: r for r in rows if r["kind"] in STUDENT_KINDS}.values()
    return {
        "people_part_time_teachers": len({r["person_id"] for r in teaching}),
        "people_part_time_teaching_hours": sum(r["hours"] or 0 for r in teaching),
        "people_teacher_practice": len(practice),
        "people_teacher_practice_days": sum(r["days"] or 0 for r in practice),
        "people_masters": len({r["person_id"] for r in masters}),
        "people_master_studios": len(
            {(r["partner_id"] or r["person__member_id"], r["studio"]) for r in masters}
        ),
        "people_apprentices": len({r["person_id"] for r in by_kind[K.APPRENTICE]}),
        "people_interns": len(interns),
        "people_interns_covered": sum(
            1 for r in interns if r["agreement_on_file"] and r["insurance_on_file"]
        ),
        "people_graduates": len(graduates),
        "people_graduates_employed": len(employed),
        "people_graduates_employed_share": share(len(employed), len(graduates)),
        "people_graduates_hired_by_partners": len(hired),
        "people_graduates_partner_share": share(len(hired), len(graduates)),
        "people_graduates_median_salary": median_floor([r["salary_band"] for r in employed]),
        "people_students": len(students),
        "people_students_pairing_area": sum(1 for r in students if r["person__from_pairing_area"]),
    }


def indicator_values(years: list[int]) -> dict[int, dict]:
    """The people indicators of each year, in one query whatever the years: each row carries
    a true/false column per year saying whether it counts for that year."""
    if not years:
        return {}
    flags = {f"y{year}": ExpressionWrapper(role_counts_for(year), BooleanField()) for year in years}
    counting = reduce(or_, (role_counts_for(year) for year in years))
    rows = list(Role.objects.filter(counting).annotate(**flags).order_by().values(*FIELDS, *flags))
    return {year: _values([r for r in rows if r[f"y{year}"]]) for year in years}


def students_by_origin(year: int) -> list[tuple[str, int]]:
    """Students counting for the year by region of origin, largest first (one query)."""
    rows = (
        Role.objects.counting_for(year)
        .filter(kind__in=STUDENT_KINDS)
        .order_by()
        .values_list("person_id", "person__origin_region")
        .distinct()
    )
    counts = Counter(region or str(_("(region not given)")) for _person, region in rows)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def register() -> None:
    """Add the people indicators to the reports app's (absent until it is merged)."""
    try:
        from reports.indicators import Definition, register_indicators
    except ImportError:
        return
    register_indicators(
        "people", [Definition(code, name) for code, name in LABELS.items()], indicator_values
    )
