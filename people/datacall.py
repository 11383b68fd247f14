"""The people records' figures for a member's data-call return (datacalls.selectors): what the
registry knows replaces the guesses, so the member confirms instead of typing."""

from django.db.models import Count, Q, Sum

from members.models import Member

from .models import Role

K = Role.Kind


def suggest(member: Member, year: int) -> dict:
    """A member's figures of the year from the registry; nothing for a member that keeps no
    people records (the data call's own guesses stay)."""
    keeps = Role.objects.filter(Q(person__member=member) | Q(partner=member))
    if not keeps.exists():
        return {}
    roles = Role.objects.counting_for(year)
    own, hosted = Q(person__member=member), Q(partner=member)
    employed = Q(kind=K.GRADUATE, outcome=Role.Outcome.EMPLOYED, partner__isnull=False)
    figures = roles.aggregate(
        part_time_teachers=Count("person", filter=own & Q(kind=K.PART_TIME_TEACHER), distinct=True),
        teaching_hours=Sum("hours", filter=own & Q(kind=K.PART_TIME_TEACHER)),
        interns_taken=Count("pk", filter=hosted & Q(kind=K.INTERN)),
        graduates_hired=Count("person", filter=hosted & employed, distinct=True),
        enterprise_teachers=Count(
            "person", filter=hosted & Q(kind=K.PART_TIME_TEACHER), distinct=True
        ),
        enterprise_teacher_hours=Sum("hours", filter=hosted & Q(kind=K.PART_TIME_TEACHER)),
        teacher_practice_person_times=Count("pk", filter=own & Q(kind=K.TEACHER_PRACTICE)),
        teacher_practice_days=Sum("days", filter=own & Q(kind=K.TEACHER_PRACTICE)),
        graduates_hired_by_partners=Count("person", filter=own & employed, distinct=True),
    )
    return {field: value or 0 for field, value in figures.items()}


def register() -> None:
    try:
        from datacalls.selectors import register_suggestions
    except ImportError:
        return
    register_suggestions("people", suggest)
