import pytest
from django.urls import reverse

from tests.factories import StaffFactory

from .factories import AwardFactory, LeaderFactory, PlacementFactory

MODELS = ["award", "chain", "chainplacement", "chainleader", "accreditation"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_and_add_forms_open(client, model):
    AwardFactory()
    PlacementFactory()
    LeaderFactory()
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(reverse(f"admin:honours_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:honours_{model}_add")).status_code == 200


@pytest.mark.django_db
def test_admin_cannot_tick_an_award_confirmed(client):
    award = AwardFactory(status="pending")
    client.force_login(StaffFactory(is_superuser=True))
    page = client.get(reverse("admin:honours_award_change", args=[award.pk])).content.decode()
    assert 'name="status"' not in page
