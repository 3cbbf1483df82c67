"""The demo funder's report: Julien Roux (Département de Lot-et-Garonne) sees only the
programmes his department funds, and the files he downloads hold the figures that the
selectors compute again from the demo data."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from cohorts.models import Programme, SatisfactionAnswer
from demo.accounts import load_accounts
from demo.cohorts import load_cohorts
from demo.survey import load_survey_answers
from reports.figures import Scope, figures
from spaces.funder.views import default_period
from tests.documents.factories import pdf_text


@pytest.fixture
def demo(db, client):
    load_accounts()
    load_cohorts()
    load_survey_answers()
    client.force_login(User.objects.get(username="julien.roux"))
    return client


def shown(count):
    return "< 5" if 1 <= count <= 4 else count


@pytest.mark.django_db
def test_the_demo_funder_downloads_figures_that_match_the_demo_data(demo):
    home = demo.get(reverse("reports:funder_home")).content.decode()
    funded = Programme.objects.filter(funder__slug="departement-47")
    assert funded.count() == 2
    for programme in funded:
        assert programme.name in home
    programme = funded.get(name="Parents connectés 47")
    starts_on, ends_on = default_period(programme)
    expected = figures(Scope(starts_on, ends_on, programme=programme))
    period = {"du": starts_on.isoformat(), "au": ends_on.isoformat()}

    xlsx = demo.get(reverse("reports:programme_xlsx", args=[programme.pk]), period)
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(xlsx.content))
    people = {row[0]: row for row in workbook["Personnes accompagnées"].iter_rows(values_only=True)}
    assert people["Personnes accompagnées"][1] == shown(expected["people_helped"])
    hours = {row[0]: row for row in workbook["Heures"].iter_rows(values_only=True)}
    assert hours["Heures-apprenants"][1] == pytest.approx(float(expected["learner_hours"]))
    assert hours["Heures de séances collectives"][1] == pytest.approx(
        float(expected["group_hours"])
    )
    # Five parents answer once the last meeting (today, 09:00 in Paris) has started.
    answers = SatisfactionAnswer.objects.filter(enrolment__cohort__programme=programme)
    assert expected["satisfaction"]["respondents"] == answers.count()

    pdf = demo.get(reverse("reports:programme_pdf", args=[programme.pk]), period)
    assert pdf.status_code == 200
    text, _reader = pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    assert "Parents connectés 47" in text
    assert "Personnes accompagnées" in text
    for name in ("Fatima", "Benhaddou", "Mamadou"):
        assert name not in text
