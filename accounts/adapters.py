from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody creates their own account: coordinators create staff accounts, trainers
    hand out learner codes."""

    def is_open_for_signup(self, request):
        return False
