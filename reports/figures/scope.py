"""What a report covers: a period and one programme, funder, structure or network.

Every section filters through `Scope.q()`, so that "which rows belong to this report" is
written once, whatever the kind of subject.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from accounts.models import Organisation
from cohorts.models import Programme


@dataclass(frozen=True)
class Scope:
    """A period (first and last day included) and exactly one of: a programme, a funder
    (all the programmes it funds), a structure, or a network (the structures whose network it
    is, and the network itself)."""

    starts_on: datetime.date
    ends_on: datetime.date
    programme: Programme | None = None
    funder: Organisation | None = None
    organisation: Organisation | None = None
    network: Organisation | None = None

    def __post_init__(self):
        chosen = [self.programme, self.funder, self.organisation, self.network]
        if sum(subject is not None for subject in chosen) != 1:
            raise ValueError("A scope takes exactly one programme, funder, structure or network.")
        if self.starts_on > self.ends_on:
            raise ValueError("A scope's period starts before it ends.")

    # The period as aware datetimes in France: [starts_at, ends_before).
    @property
    def starts_at(self):
        return local_midnight(self.starts_on)

    @property
    def ends_before(self):
        return local_midnight(self.ends_on + datetime.timedelta(days=1))

    def q(self, cohort="cohort", organisation=None):
        """The condition for rows reached through `cohort` (a path to a Cohort, "" for a
        cohort itself) or, for a structure or a network, through `organisation`."""
        if organisation is None:
            organisation = _path(cohort, "organisation")
        if self.programme is not None:
            return Q(**{_path(cohort, "programme"): self.programme})
        if self.funder is not None:
            return Q(**{_path(cohort, "programme__funder"): self.funder})
        if self.organisation is not None:
            return Q(**{organisation: self.organisation})
        # IN (the network's structures), not "structure = network OR structure's network =
        # network": PostgreSQL joins a small list, where the OR filtered millions of joined rows.
        members = Organisation.objects.filter(Q(pk=self.network.pk) | Q(network=self.network))
        return Q(**{f"{organisation}__in": members.values("pk")})

    def datetime_range(self, field):
        return Q(**{f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before})


def _path(prefix, field):
    return f"{prefix}__{field}" if prefix else field


def local_midnight(day):
    """The start of `day` in the platform's time zone (France), as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_tz())


def local_tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
