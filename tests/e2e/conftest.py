"""Browser journeys against live_server, in the browser of tests/browser.py."""

import pytest


@pytest.fixture(autouse=True)
def _site_root(site_root):
    """The live server's tests flush the database after each test: put the home page back."""


@pytest.fixture
def axe():
    """axe-core in the page (tests/e2e/axe.py): `axe.watch(page)`, then `axe.check(page)`
    after each page load; fails at the end if a watched page was never checked."""
    from tests.e2e.axe import Axe

    checker = Axe()
    yield checker
    checker.finish()
