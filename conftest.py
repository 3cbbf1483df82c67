"""One fixture per role, plus an `outsider` from another organisation."""

import pytest

from accounts.models import Organisation, Role
from accounts.services import learner_account_create, membership_grant
from tests.accounts.factories import LEARNER_PIN, TEST_PASSWORD, OrganisationFactory, UserFactory

# The headless Chromium of the browser tests (tests/e2e, tests/faults): one per run.
pytest_plugins = ["tests.browser"]


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Association des Lilas", kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Association des Tilleuls", kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Collège Victor-Hugo", kind=Organisation.Kind.SCHOOL)


@pytest.fixture
def social_service(db):
    return OrganisationFactory(name="CCAS de Pessac", kind=Organisation.Kind.SOCIAL_SERVICE)


@pytest.fixture
def funder_organisation(db):
    return OrganisationFactory(name="Département de la Gironde", kind=Organisation.Kind.FUNDER)


@pytest.fixture
def make_member(db):
    def make(role, organisation, **user_fields):
        user = UserFactory(**user_fields)
        membership_grant(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def coordinator(make_member, organisation):
    return make_member(Role.COORDINATOR, organisation)


@pytest.fixture
def trainer(make_member, organisation):
    return make_member(Role.TRAINER, organisation)


@pytest.fixture
def technician(make_member, organisation):
    return make_member(Role.TECHNICIAN, organisation)


@pytest.fixture
def cpe(make_member, school):
    return make_member(Role.CPE, school)


@pytest.fixture
def prescriber(make_member, social_service):
    return make_member(Role.PRESCRIBER, social_service)


@pytest.fixture
def funder(make_member, funder_organisation):
    return make_member(Role.FUNDER, funder_organisation)


@pytest.fixture
def outsider(make_member, other_organisation):
    """A coordinator of another organisation: sees everything there, nothing here."""
    return make_member(Role.COORDINATOR, other_organisation)


@pytest.fixture
def outsider_trainer(make_member, other_organisation):
    return make_member(Role.TRAINER, other_organisation)


@pytest.fixture
def learner_account(organisation):
    account, _pin = learner_account_create(
        organisation=organisation, first_name="Fatou", last_name="Sow", pin=LEARNER_PIN
    )
    return account


@pytest.fixture
def learner(learner_account):
    return learner_account.user


@pytest.fixture(autouse=True)
def _french_first():
    """Each test starts in French, the source language: a request made in English by an
    earlier test leaves its language active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the seeded curricula, as a fresh install does after load_demo."""
    from demo.courses import load_courses

    with django_db_blocker.unblock():
        load_courses()


@pytest.fixture
def catalogue(db):
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.get(slug="parcours")


@pytest.fixture
def site_root(transactional_db):
    """Transactional tests flush the database after each test, migration data included:
    put the home page and the root media collection back."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page, Site

    from cms.homepage import homepage_ensure
    from cms.models import HomePage

    homepage_ensure(ContentType=ContentType, Locale=Locale, Page=Page, Site=Site, HomePage=HomePage)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def live_courses(site_root):
    """The seeded curricula in a transactional test (after a flush)."""
    from courses.framework import competences_ensure
    from courses.models import Competence
    from demo.courses import load_courses

    competences_ensure(Competence)
    return load_courses()
