"""Reads of accounts that depend on who asks: one learner account, 404 alike for missing and
forbidden."""

from .models import LearnerAccount
from .scoping import scoped_get


def learner_account_get(*, actor, account_id, for_update=False):
    """A learner account of the organisations where `actor` coordinates or trains."""
    accounts = LearnerAccount.objects.select_related("user")
    return scoped_get(accounts, actor=actor, pk=account_id, for_update=for_update)
