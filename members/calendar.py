"""The yearly review's deadline for the calendar (core.calendar): staff who read members see
every review; a member's representative the reviews its member still has to confirm."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.calendar import Entry
from core.roles import has_permission

from .models import Review, ReviewEntry
from .permissions import represented_member_ids


def review_deadline_entries(user, start, end) -> list[Entry]:
    if has_permission(user, "members.view"):
        return [
            Entry(
                uid=f"members-review-{review.pk}",
                title=_("Annual review %(year)s") % {"year": review.year},
                start=review.deadline,
                kind=_("Annual review deadline"),
                url=reverse("staff_review_detail", args=[review.pk]),
            )
            for review in Review.objects.filter(deadline__range=(start, end))
        ]
    entries = ReviewEntry.objects.filter(
        member_id__in=represented_member_ids(user),
        confirmed_at__isnull=True,
        review__deadline__range=(start, end),
    ).select_related("review", "member")
    return [
        Entry(
            uid=f"members-review-{entry.review_id}-{entry.member_id}",
            title=_("Annual review %(year)s: %(member)s")
            % {"year": entry.review.year, "member": entry.member.name},
            start=entry.review.deadline,
            kind=_("Annual review deadline"),
            url=reverse("member_review", args=[entry.member_id]),
        )
        for entry in entries
    ]
