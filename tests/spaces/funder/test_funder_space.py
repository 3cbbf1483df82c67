"""The funders' space: only their programmes, aggregates only, small counts hidden."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from cohorts import services as cohort_services
from cohorts.models import Programme
from reports import presentation
from tests.accounts.factories import OrganisationFactory
from tests.cohorts.factories import make_cohort, make_learner
from tests.documents.factories import pdf_text

PERIOD = {"du": "2026-01-01", "au": "2026-03-31"}

SMALL = [
    ("Zéphirine", "Quintardeau", "0611223344", "zephirine.q@example.org"),
    ("Barnabé", "Ostrogorski", "0622334455", "barnabe.o@example.org"),
    ("Philomène", "Vercingeaux", "0633445566", "philomene.v@example.org"),
]
LARGE = [
    (f"Prénom{letter}", f"Nomdefamille{letter}", f"07000000{index:02d}", f"p{letter}@example.org")
    for index, letter in enumerate("ABCDEF")
]


def people_of(organisation, cohort, trainer, people, qpv=0):
    created = []
    for index, (first, last, phone, email) in enumerate(people):
        person = make_learner(
            organisation,
            first,
            last,
            phone=phone,
            email=email,
            lives_in_qpv=index < qpv,
            birth_year=1980,
            gender="F",
        )
        cohort_services.learner_enrol(cohort=cohort, learner=person)
        meeting = cohort.meetings.order_by("number").first()
        cohort_services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=person.pk, mark="present"
        )
        created.append(person)
    return created


@pytest.fixture
def world(organisation, funder_organisation, trainer, make_member):
    other_funder = OrganisationFactory(name="CAF de la Gironde", kind="funder")

    def programme(name, funder):
        return Programme.objects.create(
            name=name,
            organisation=organisation,
            funder=funder,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 6, 30),
            target_places=10,
            target_hours=20,
        )

    small = programme("Petit dispositif", funder_organisation)
    large = programme("Grand dispositif", funder_organisation)
    foreign = programme("Dispositif de la CAF", other_funder)
    cohorts = {}
    for key, prog, slug in (
        ("small", small, "cycle-initiation-numerique"),
        ("large", large, "emploi-numerique-avance"),
        ("foreign", foreign, "atelier-sante-en-ligne"),
    ):
        cohort = make_cohort(organisation, slug=slug, programme=prog, capacity=10, name=key)
        cohort.trainers.add(trainer)
        cohorts[key] = cohort
    learners = people_of(organisation, cohorts["small"], trainer, SMALL, qpv=2)
    learners += people_of(organisation, cohorts["large"], trainer, LARGE, qpv=1)
    funder = make_member(Role.FUNDER, funder_organisation)
    other = make_member(Role.FUNDER, other_funder)
    return {
        "small": small,
        "large": large,
        "foreign": foreign,
        "learners": learners,
        "funder": funder,
        "other": other,
    }


def url(name, programme=None):
    args = [programme.pk] if programme is not None else []
    return reverse(f"reports:{name}", args=args)


def get(client, user, address, data=None):
    client.force_login(user)
    return client.get(address, data or {})


def assert_anonymous(text, learners):
    for person in learners:
        for value in (person.first_name, person.last_name, person.phone, person.email):
            assert value not in text, value


def row_cells(html, label):
    """The value and share cells of the row `label` in a section table."""
    match = re.search(
        rf'<th scope="row">{re.escape(label)}</th>\s*<td class="num">(.*?)</td>\s*'
        r'<td class="num">(.*?)</td>',
        html,
    )
    assert match, label
    return match.groups()


# Presentation ------------------------------------------------------------------------------


def test_small_counts_are_suppressed_and_zero_stays_zero():
    assert presentation.count_row("x", 0).display == "0"
    assert presentation.count_row("x", 0).value == 0
    for small in (1, 2, 3, 4):
        row = presentation.count_row("x", small, base=10)
        assert (row.display, row.value) == ("< 5", None)
        assert (row.percent_display, row.percent) == ("—", None)
    row = presentation.count_row("x", 6, base=3)  # the base is small: the share is hidden
    assert (row.display, row.value, row.percent) == ("6", 6, None)
    row = presentation.count_row("x", 5, base=10)
    assert (row.display, row.value, row.percent_display, row.percent) == ("5", 5, "50 %", 50.0)
    assert presentation.hours_row("x", 2).display == "2 h"  # hours are not counts
    assert presentation.euros_row("x", 3).value == 3.0


# Access ------------------------------------------------------------------------------------


def test_the_funder_sees_only_its_programmes(client, world):
    response = get(client, world["funder"], url("funder_home"), PERIOD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Petit dispositif" in html and "Grand dispositif" in html
    assert "Dispositif de la CAF" not in html
    response = get(client, world["other"], url("funder_home"), PERIOD)
    html = response.content.decode()
    assert "Dispositif de la CAF" in html and "Petit dispositif" not in html


@pytest.mark.parametrize(
    "name", ["programme_report", "programme_xlsx", "programme_csv", "programme_pdf"]
)
def test_another_funders_programme_is_not_found(client, world, name):
    response = get(client, world["funder"], url(name, world["foreign"]), PERIOD)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "role_fixture", ["coordinator", "trainer", "technician", "cpe", "prescriber"]
)
def test_other_roles_have_no_access(client, world, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    for address in (
        url("funder_home"),
        url("glossary"),
        url("programme_report", world["small"]),
        url("programme_csv", world["small"]),
    ):
        assert get(client, user, address).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(url("programme_report", world["small"]))
    assert response.status_code == 302


# Figures -----------------------------------------------------------------------------------


def test_three_people_show_as_less_than_five(client, world):
    html = get(client, world["funder"], url("programme_report", world["small"]), PERIOD)
    html = html.content.decode()
    assert row_cells(html, "Personnes accompagnées") == ("&lt; 5", "")
    value, share = row_cells(html, "Personnes habitant un quartier prioritaire (QPV)")
    assert (value, share) == ("&lt; 5", "—")
    assert not re.search(r'<td class="num">\s*3\s*</td>', html)
    assert "66,7" not in html and "33,3" not in html


def test_larger_counts_are_shown(client, world):
    html = get(client, world["funder"], url("programme_report", world["large"]), PERIOD)
    html = html.content.decode()
    assert row_cells(html, "Personnes accompagnées") == ("6", "")
    # One person in six lives in a QPV: the count and its share are both hidden.
    assert row_cells(html, "Personnes habitant un quartier prioritaire (QPV)") == ("&lt; 5", "—")
    assert row_cells(html, "Femme") == ("6", "100 %")
    assert "Mois par mois" in html and "bilan.xlsx" in html


def test_glossary_lists_every_entry(client, world):
    from reports.glossary import GLOSSARY

    html = get(client, world["funder"], url("glossary")).content.decode()
    for entry in GLOSSARY:
        assert str(entry["label"]).replace("'", "&#x27;") in html


# Exports -----------------------------------------------------------------------------------


def test_xlsx_has_numbers_suppressed_text_and_glossary(client, world):
    response = get(client, world["funder"], url("programme_xlsx", world["large"]), PERIOD)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Mois par mois" in workbook.sheetnames and "Glossaire" in workbook.sheetnames
    rows = {row[0]: row for row in workbook["Personnes accompagnées"].iter_rows(values_only=True)}
    assert rows["Personnes accompagnées"][1] == 6
    assert isinstance(rows["Personnes accompagnées"][1], int)
    public = {row[0]: row for row in workbook["Public"].iter_rows(values_only=True)}
    assert public["Personnes habitant un quartier prioritaire (QPV)"][1] == "< 5"
    assert public["Femme"][1] == 6 and public["Femme"][3] == 100.0
    hours = {row[0]: row for row in workbook["Heures"].iter_rows(values_only=True)}
    assert isinstance(hours["Heures-apprenants"][1], int | float)
    small = get(client, world["funder"], url("programme_xlsx", world["small"]), PERIOD)
    workbook = load_workbook(io.BytesIO(small.content))
    rows = {row[0]: row for row in workbook["Personnes accompagnées"].iter_rows(values_only=True)}
    assert rows["Personnes accompagnées"][1] == "< 5"


def test_csv_is_excel_friendly(client, world):
    response = get(client, world["funder"], url("programme_csv", world["small"]), PERIOD)
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["section", "indicateur", "valeur"]
    assert ["Personnes accompagnées", "Personnes accompagnées", "< 5"] in rows


def test_no_learner_appears_anywhere(client, world):
    funder, learners = world["funder"], world["learners"]
    texts = [get(client, funder, url("funder_home"), PERIOD).content.decode()]
    texts.append(get(client, funder, url("glossary")).content.decode())
    for key in ("small", "large"):
        programme = world[key]
        page = get(client, funder, url("programme_report", programme), PERIOD)
        texts.append(page.content.decode())
        texts.append(
            get(client, funder, url("programme_csv", programme), PERIOD).content.decode("utf-8-sig")
        )
        workbook = load_workbook(
            io.BytesIO(get(client, funder, url("programme_xlsx", programme), PERIOD).content)
        )
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                texts.append(" ".join(str(cell) for cell in row if cell is not None))
        pdf = get(client, funder, url("programme_pdf", programme), PERIOD)
        assert pdf["Content-Type"] == "application/pdf"
        text, _reader = pdf_text(pdf.content)
        texts.append(text)
    assert "< 5" in texts[-1]
    assert_anonymous("\n".join(texts), learners)


@pytest.mark.parametrize(
    "dates",
    [
        {"du": "pas une date", "au": "2026-13-45"},
        {"du": "2026-03-31", "au": "2026-01-01"},
        {"du": "1900-01-01", "au": "2026-01-01"},
        {"du": "2026-01-01"},
    ],
)
def test_bad_dates_fall_back_to_the_default(client, world, dates):
    funder = world["funder"]
    response = get(client, funder, url("funder_home"), dates)
    assert response.status_code == 200
    assert "période par défaut" in response.content.decode()
    for name in ("programme_report", "programme_csv", "programme_xlsx"):
        assert get(client, funder, url(name, world["small"]), dates).status_code == 200
