"""Hours: group hours held, learner-hours attended, individual-help hours by place."""

from django.db.models import Q, Sum

from cohorts.models import HelpVisit, Meeting
from cohorts.selectors import attended_minutes

from .common import HELD, to_hours
from .people import attendances, help_visits


def hours(scope):
    """Group hours, learner-hours and individual-help hours. Three queries."""
    group = Meeting.objects.filter(
        scope.q("cohort"), scope.datetime_range("starts_at"), status=HELD
    ).aggregate(minutes=Sum("duration_minutes"))
    learners = attendances(scope).aggregate(minutes=Sum(attended_minutes()))
    places_ = HelpVisit.Place
    visits = help_visits(scope).aggregate(
        minutes=Sum("duration_minutes"),
        **{place: Sum("duration_minutes", filter=Q(place=place)) for place in places_.values},
    )
    return {
        "group_hours": to_hours(group["minutes"]),
        "learner_hours": to_hours(learners["minutes"]),
        "individual_help_hours": to_hours(visits["minutes"]),
        "individual_help_hours_by_place": {
            place: to_hours(visits[place]) for place in places_.values
        },
    }
