from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.datacache import cached

from .models import Contact, Member


def headline_figures() -> dict:
    """Current members by kind, for the public home page and the staff dashboard."""
    by_kind = dict(Member.objects.current().values_list("kind").annotate(n=Count("id")).order_by())
    by_kind_rows = [(str(label), by_kind.get(value, 0)) for value, label in Member.Kind.choices]
    return {
        "members_total": sum(by_kind.values()),
        "schools": by_kind.get(Member.Kind.UNIVERSITY, 0)
        + by_kind.get(Member.Kind.VOCATIONAL_SCHOOL, 0),
        "enterprises": by_kind.get(Member.Kind.ENTERPRISE, 0),
        "associations": by_kind.get(Member.Kind.ASSOCIATION, 0)
        + by_kind.get(Member.Kind.RESEARCH_INSTITUTE, 0),
        "by_kind": by_kind_rows,
        "by_kind_chart": {
            "labels": [label for label, _ in by_kind_rows],
            "values": [count for _, count in by_kind_rows],
        },
    }


def counts_by_kind(queryset) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind, in one query."""
    return _labelled(_kind_counts(queryset))


def directory_counts() -> list[tuple[str, str, int]]:
    """Every member by kind, for the staff directory: a count of the whole table, so kept
    per generation of the data."""
    return _labelled(cached("member-kinds", lambda: _kind_counts(Member.objects.all())))


def showcase_members() -> QuerySet[Member]:
    """Members today that chose to be shown in the public showcase."""
    return Member.objects.current().filter(show_in_showcase=True)


def showcase_counts() -> list[tuple[str, str, int]]:
    """The showcase's members by kind, kept per generation of the data and day (membership
    depends on the date)."""
    counts = cached(
        "showcase-kinds", lambda: _kind_counts(showcase_members()), timezone.localdate()
    )
    return _labelled(counts)


def _kind_counts(queryset) -> dict[str, int]:
    return dict(queryset.order_by().values_list("kind").annotate(n=Count("id")))


def _labelled(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, str(label), counts.get(value, 0)) for value, label in Member.Kind.choices]


def member_history(member: Member, limit: int = 30) -> list[dict]:
    """The member's changes and its contacts', newest first: who, when, and each field's old
    and new value."""
    own = member.history.select_related("history_user").order_by("-history_id")
    contacts = (
        Contact.history.filter(member_id=member.pk)
        .select_related("history_user")
        .order_by("-history_id")
    )
    entries = _entries(list(own[: limit + 1]), Member, limit, contact=False)
    entries += _entries(list(contacts[: limit + 1]), Contact, limit, contact=True)
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]


def _entries(records: list, model, limit: int, *, contact: bool) -> list[dict]:
    entries = []
    for index, newer in enumerate(records[:limit]):
        older = next((r for r in records[index + 1 :] if r.id == newer.id), None)
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["profile_updated_at"])
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        entries.append(
            {
                "record": newer,
                "subject": _("Contact %(name)s") % {"name": newer.name} if contact else "",
                "user": newer.history_user,
                "date": newer.history_date,
                "type": newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return entries


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


LEGAL_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"]


def similar_members(member: Member) -> list[Member]:
    """Other members an application may duplicate: the same credit code, or a name that
    contains (or is contained in) its core name, without the legal-form suffix."""
    core = member.name
    for suffix in LEGAL_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core.removesuffix(suffix)
            break
    same = Q(name__icontains=core)
    if member.credit_code:
        same |= Q(credit_code=member.credit_code)
    return list(Member.objects.filter(same).exclude(pk=member.pk)[:10])
