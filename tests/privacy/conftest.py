"""The hand-built world of the funder-report tests: every kind of fact a report counts, so
that erasing its learners must leave every figure as it was."""

from tests.reports.test_figures import world  # noqa: F401
