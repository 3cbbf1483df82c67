"""French is the source language; English is complete and one click away."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def test_english_catalogue_translates_every_message():
    with (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").open("rb") as po:
        catalog = read_po(po)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (
            not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
            or message.fuzzy
        )
    ]
    assert not missing, f"{len(missing)} messages without English: {missing[:5]}"
    assert len(catalog) > 50


@pytest.mark.django_db
def test_language_switch_turns_the_site_to_english_and_back(client):
    assert "Je me connecte" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Je me connecte" not in html
    assert "Team sign-in" in html
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert "Je me connecte" in response.content.decode()


def test_english_plurals_follow_the_count():
    from django.utils import translation
    from django.utils.translation import ngettext

    singular = "Attention : encore %(count)s essai, puis l'accès sera bloqué."
    plural = "Attention : encore %(count)s essais, puis l'accès sera bloqué."
    with translation.override("en"):
        assert ngettext(singular, plural, 1) % {"count": 1} == (
            "Careful: 1 more try, then access will be locked."
        )
        assert ngettext(singular, plural, 2) % {"count": 2} == (
            "Careful: 2 more tries, then access will be locked."
        )


@pytest.mark.django_db
def test_an_english_browser_still_gets_french_until_the_person_switches(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr">' in response.content.decode()
    assert response["Content-Language"] == "fr"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_switch_names_each_language_in_that_language(client):
    html = client.get("/").content.decode()
    assert 'lang="en"' in html and ">English</button>" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert ">Français</button>" in client.get("/").content.decode()
