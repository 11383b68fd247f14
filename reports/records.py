"""The year's detail rows that the XLSX, the DOCX/PDF narrative and the national ZIP share.

Each record set is a list of plain rows (dicts) read in a fixed number of queries. year_freeze()
stores every set with the snapshot (YearSnapshot.records), so a frozen year's files show the
records as they stood when it was frozen, whatever changes later; a year not frozen (or a set
registered after the freeze) is read live. Other apps add sets with register_records().
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext as _

from enrollment.models import Application, Intake, application_registered_for
from members.models import Member, member_at_end_of
from partnerships.models import (
    InternshipOffer,
    Participant,
    PlanTask,
    Project,
    ProjectClass,
    SharedResource,
    project_counts_for,
)

Row = dict[str, Any]

# --- cells as JSON: dates and decimals keep their type through the snapshot ------------------


def freeze_value(value):
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict):
        return {key: freeze_value(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [freeze_value(v) for v in value]
    return value


def thaw_value(value):
    if isinstance(value, dict):
        if value.keys() == {"$date"}:
            return date.fromisoformat(value["$date"])
        if value.keys() == {"$decimal"}:
            return Decimal(value["$decimal"])
        return {key: thaw_value(v) for key, v in value.items()}
    if isinstance(value, list):
        return [thaw_value(v) for v in value]
    return value


def freeze_rows(rows: Iterable) -> list:
    return [freeze_value(list(row) if isinstance(row, tuple) else row) for row in rows]


# --- the record sets -------------------------------------------------------------------------


def first_day(year: int) -> date:
    return date(year, 1, 1)


def last_day(year: int) -> date:
    return date(year, 12, 31)


def members(year: int) -> list[Row]:
    """Members at the end of the year (one query)."""
    rows = Member.objects.filter(member_at_end_of(year)).order_by("kind", "name")
    fields = ["name", "kind", "credit_code", "group_role", "region", "industry"]
    fields += ["joined_on", "left_on"]
    return [
        {**row, "credit_code": row["credit_code"] or "", "region": row["region"] or ""}
        for row in rows.values(*fields).iterator(chunk_size=2000)
    ]


def _participants(projects) -> dict[int, list[list[str]]]:
    rows = (
        Participant.objects.filter(project__in=projects)
        .order_by("role", "member__name")
        .values_list("project_id", "role", "member__name")
    )
    partners: dict[int, list[list[str]]] = {}
    for project_id, role, name in rows:
        partners.setdefault(project_id, []).append([role, name])
    return partners


def _project_rows(projects) -> list[Row]:
    fields = ["id", "title", "kind", "status", "signed_on", "starts_on", "ends_on", "students"]
    fields += ["investment_cny"]
    partners = _participants(projects)
    return [
        {**row, "participants": partners.get(row["id"], [])} for row in projects.values(*fields)
    ]


def projects(year: int) -> list[Row]:
    """The projects that count for the year, with their participants (two queries)."""
    return _project_rows(
        Project.objects.filter(project_counts_for(year)).order_by("kind", "signed_on", "title")
    )


def projects_in_preparation(year: int) -> list[Row]:
    """Projects still proposed or under negotiation, recorded by the end of the year."""
    preparing = [Project.Status.PROPOSED, Project.Status.NEGOTIATING]
    return _project_rows(
        Project.objects.filter(status__in=preparing, created_at__date__lte=last_day(year)).order_by(
            "kind", "title", "id"
        )
    )


def enrollment(year: int) -> list[Row]:
    """Each intake of the year with its registered, approved and enrolled applicants."""
    registered = Q(applications__in=Application.objects.filter(application_registered_for(year)))
    approved = registered & Q(applications__status__in=Application.COUNTING_FOR_QUOTA)
    enrolled = registered & Q(applications__status=Application.Status.ENROLLED)
    intakes = (
        Intake.objects.filter(year=year)
        .annotate(
            registered=Count("applications", filter=registered),
            approved=Count("applications", filter=approved),
            enrolled=Count("applications", filter=enrolled),
        )
        .order_by("programme", "id")
    )
    fields = ["id", "programme", "year", "quota", "registered", "approved", "enrolled"]
    return list(intakes.values(*fields))


def classes(year: int) -> list[Row]:
    """The classes of the year's projects that had started by its end, with their outcomes."""
    rows = (
        ProjectClass.objects.filter(project__in=Project.objects.filter(project_counts_for(year)))
        .filter(Q(intake_year__isnull=True) | Q(intake_year__lte=year))
        .order_by("project__title", "intake_year", "name", "id")
    )
    fields = ["project__title", "name", "intake_year", "selected", "enrolled", "graduated"]
    fields += ["origin_region", "from_origin_region", "employed_at_partner"]
    fields += ["employed_elsewhere", "further_study", "salary_band"]
    return [
        {**{key.replace("project__title", "project"): value for key, value in row.items()}}
        for row in rows.values(*fields)
    ]


def internship_pool(year: int) -> list[Row]:
    """The offers of the internship pool open during the year, with the students placed in the
    year and the schools' average ratings of those placements (one query)."""
    in_year = Q(
        placements__placed_on__gte=first_day(year), placements__placed_on__lte=last_day(year)
    )
    offers = (
        InternshipOffer.objects.filter(starts_on__lte=last_day(year), ends_on__gte=first_day(year))
        .annotate(
            placed=Sum("placements__students", filter=in_year),
            rating_supervision=Avg("placements__rating_supervision", filter=in_year),
            rating_safety=Avg("placements__rating_safety", filter=in_year),
            rating_learning=Avg("placements__rating_learning", filter=in_year),
            rating_supervision_count=Count("placements__rating_supervision", filter=in_year),
            rating_safety_count=Count("placements__rating_safety", filter=in_year),
            rating_learning_count=Count("placements__rating_learning", filter=in_year),
        )
        .order_by("member__name", "position", "id")
    )
    fields = ["member__name", "position", "places", "placed", "programmes", "location"]
    fields += ["starts_on", "ends_on", "allowance_cny"]
    ratings = ["rating_supervision", "rating_safety", "rating_learning"]
    fields += ratings + [f"{key}_count" for key in ratings]
    rows = []
    for row in offers.values(*fields):
        row["enterprise"] = row.pop("member__name")
        row["placed"] = row["placed"] or 0
        for key in ratings:
            row[key] = _rating(row[key])
        rows.append(row)
    return rows


def _rating(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def work_plan(year: int) -> list[Row]:
    """The tasks of the year's work plans, with their status and progress note (one query)."""
    tasks = PlanTask.objects.filter(plan__year=year).order_by("plan__title", "number")
    fields = ["plan__title", "number", "title", "lead__name", "deadline", "status", "progress"]
    return [
        {
            "plan": row["plan__title"],
            "number": row["number"],
            "title": row["title"],
            "lead": row["lead__name"] or "",
            "deadline": row["deadline"],
            "status": row["status"],
            "progress": row["progress"],
        }
        for row in tasks.values(*fields)
    ]


def shared_resources(year: int) -> list[Row]:
    """The resources the year's members offer the group (available ones; one query)."""
    resources = SharedResource.objects.filter(
        is_available=True, member__in=Member.objects.filter(member_at_end_of(year))
    ).order_by("kind", "member__name", "name")
    return [
        {"member": row.pop("member__name"), **row}
        for row in resources.values("member__name", "kind", "name", "location")
    ]


@dataclass(frozen=True)
class RecordSet:
    name: str
    collect: Callable[[int], list[Row]]


_RECORD_SETS: dict[str, RecordSet] = {
    s.name: s
    for s in [
        RecordSet("members", members),
        RecordSet("projects", projects),
        RecordSet("enrollment", enrollment),
        RecordSet("classes", classes),
        RecordSet("internship_pool", internship_pool),
        RecordSet("work_plan", work_plan),
        RecordSet("shared_resources", shared_resources),
        RecordSet("projects_in_preparation", projects_in_preparation),
    ]
}


def register_records(name: str, collect: Callable[[int], list[Row]]) -> None:
    """Add (or replace: ready() may run twice) an app's record set, frozen with the year."""
    _RECORD_SETS[name] = RecordSet(name, collect)


def record_sets() -> list[RecordSet]:
    return list(_RECORD_SETS.values())


def collect_records(year: int) -> dict[str, list]:
    """Every record set of the year as it stands now, as JSON (what a freeze stores)."""
    return {s.name: freeze_rows(s.collect(year)) for s in record_sets()}


class YearRecords:
    """The year's record sets: from the snapshot once frozen, live otherwise. A set is read at
    most once (live sets on first use)."""

    def __init__(self, year: int, snapshot=None):
        self.year = year
        self.snapshot = snapshot
        self._frozen = (snapshot.records or {}).get("records", {}) if snapshot else {}
        self._read: dict[str, list[Row]] = {}

    @property
    def is_frozen(self) -> bool:
        return self.snapshot is not None

    def __getitem__(self, name: str) -> list[Row]:
        if name not in self._read:
            if name in self._frozen:
                self._read[name] = thaw_value(self._frozen[name])
            else:
                self._read[name] = _RECORD_SETS[name].collect(self.year)
        return self._read[name]

    def frozen_part(self, key: str, name: str):
        """Another part the freeze stored (e.g. "national" rows of a registered category), or
        None for a year not frozen or frozen before the part existed."""
        if not self.snapshot:
            return None
        stored = (self.snapshot.records or {}).get(key, {})
        return thaw_value(stored[name]) if name in stored else None

    def members_by_region(self) -> list[tuple[str, int]]:
        """Largest first, then by region; a member without a region counted under a label."""
        counts = Counter(m["region"] for m in self["members"])
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [(region or str(_("(region not given)")), n) for region, n in ordered]
