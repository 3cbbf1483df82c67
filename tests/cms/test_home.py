import pytest

from cms.models import HomePage


@pytest.mark.django_db
def test_home_page_is_the_site_root_and_says_what_tremplin_is(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert isinstance(response.context["page"].specific, HomePage)
    assert '<html lang="fr">' in html
    assert "Tremplin, le numérique pour tous" in html
    assert 'href="/apprenant/connexion/"' in html
    assert 'href="/comptes/login/"' in html


@pytest.mark.django_db
def test_home_page_is_light(client):
    response = client.get("/")
    assert len(response.content) < 20_000
    assert "fonts.googleapis" not in response.content.decode()


@pytest.mark.django_db
def test_pages_name_their_icon_so_phones_do_not_ask_for_a_missing_favicon(client):
    """Without an icon link, every first visit also asked for /favicon.ico and got a 404
    page: data for nothing on a prepaid phone."""
    from django.contrib.staticfiles import finders

    html = client.get("/comptes/login/").content.decode()
    assert '<link rel="icon" href="/static/cms/img/tremplin.svg"' in html
    assert finders.find("cms/img/tremplin.svg")
