"""Access checks for the role spaces."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(*roles):
    """Let in users who hold one of `roles` in an active organisation (or superusers)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_superuser and not set(roles) & set(user.active_roles()):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def learner_required(view):
    """Let in only a signed-in learner account; staff go to their own space."""

    @wraps(view)
    @login_required(login_url="accounts:learner_login")
    def wrapped(request, *args, **kwargs):
        if not request.user.is_learner:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
