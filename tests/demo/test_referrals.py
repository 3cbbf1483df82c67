"""The demo referrals: Nadia Haddad's four, one in each state."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.models import Referral


@pytest.mark.django_db
def test_demo_has_a_referral_in_each_state(client):
    call_command("load_demo", quiet_accounts=True)
    rows = Referral.objects.filter(prescriber__username="nadia.haddad")
    assert sorted(rows.values_list("status", flat=True)) == [
        "accepted",
        "declined",
        "sent",
        "sent",
    ]
    accepted = rows.get(status=Referral.Status.ACCEPTED)
    assert accepted.learner.organisation.slug == "passerelles-numeriques"
    assert accepted.diagnostic_at > timezone.now() and accepted.diagnostic_place
    assert rows.get(status=Referral.Status.DECLINED).decline_reason
