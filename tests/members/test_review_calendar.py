"""The yearly review's deadline in the calendar: staff who read members see the review, a
representative sees it while its member has not confirmed, others see nothing of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.calendar import entries_for
from members.models import Review, ReviewEntry
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    review = Review.objects.create(year=2025, deadline=timezone.localdate() + timedelta(days=14))
    return review


def review_uids(user) -> set[str]:
    today = timezone.localdate()
    found = entries_for(user, today, today + timedelta(days=60))
    return {e.uid for e in found if e.uid.startswith("members-review-")}


def test_member_staff_see_the_review_deadline(review):
    staff = StaffFactory(roles=["member_affairs"])
    assert review_uids(staff) == {f"members-review-{review.pk}"}


def test_a_representative_sees_it_until_its_member_confirms(review):
    member = MemberFactory()
    rep = RepresentativeFactory(member=member).user
    entry = ReviewEntry.objects.create(review=review, member=member)
    assert review_uids(rep) == {f"members-review-{review.pk}-{member.pk}"}
    entry.confirmed_at = timezone.now()
    entry.save()
    assert review_uids(rep) == set()


def test_other_users_do_not_see_the_review(review):
    ReviewEntry.objects.create(review=review, member=MemberFactory())
    assert review_uids(UserFactory()) == set()
    assert review_uids(StaffFactory(roles=["projects"])) == set()
