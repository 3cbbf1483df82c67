"""Learners sign in with a code and a PIN; wrong PINs lock the account for a while."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import LearnerAccount
from tests.accounts.factories import LEARNER_PIN
from tests.scoping import page_text

LOGIN_URL = "/apprenant/connexion/"


def learner_login(client, code, pin, **extra):
    return client.post(LOGIN_URL, {"code": code, "pin": pin}, **extra)


@pytest.mark.django_db
def test_learner_logs_in_with_code_and_pin_and_lands_in_the_learner_space(client, learner_account):
    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert response.status_code == 302
    assert response["Location"] == "/apprenant/"
    home = client.get("/apprenant/")
    assert "Bonjour Fatou" in page_text(home)


@pytest.mark.django_db
def test_code_is_accepted_as_people_type_it(client, learner_account):
    typed = f" {learner_account.code[:3].lower()} - {learner_account.code[3:].lower()} "
    response = learner_login(client, typed, LEARNER_PIN)
    assert response["Location"] == "/apprenant/"


@pytest.mark.django_db
def test_the_login_page_is_french_and_prefills_the_code_from_the_qr_link(client):
    response = client.get(LOGIN_URL + "?code=ABC234")
    html = page_text(response)
    assert "Je me connecte" in html
    assert 'value="ABC234"' in html
    assert 'inputmode="numeric"' in html


@pytest.mark.django_db
def test_wrong_pin_is_refused_with_a_clear_message_and_keeps_the_code(client, learner_account):
    response = learner_login(client, learner_account.code, "0000")
    html = page_text(response)
    assert response.status_code == 200
    assert "Le code ou le code PIN ne correspond pas." in html
    assert f'value="{learner_account.code}"' in html
    assert "_auth_user_id" not in client.session
    learner_account.refresh_from_db()
    assert learner_account.failed_attempts == 1


@pytest.mark.django_db
def test_a_pin_that_is_not_4_to_6_digits_is_refused_before_any_check(client, learner_account):
    response = learner_login(client, learner_account.code, "12ab")
    assert "Le code PIN a 4 à 6 chiffres." in page_text(response)
    learner_account.refresh_from_db()
    assert learner_account.failed_attempts == 0


@pytest.mark.django_db
def test_unknown_code_gets_the_same_message(client):
    response = learner_login(client, "ZZZZZZ", "1234")
    assert "Le code ou le code PIN ne correspond pas." in page_text(response)


@pytest.mark.django_db
def test_five_wrong_pins_lock_the_account_even_against_the_right_pin(
    client, learner_account, settings
):
    assert settings.LEARNER_PIN_MAX_ATTEMPTS == 5
    for attempt in range(1, 5):
        html = page_text(learner_login(client, learner_account.code, "0000"))
        if attempt == 3:
            assert "encore 2 essais" in html
        if attempt == 4:
            assert "encore 1 essai," in html

    html = page_text(learner_login(client, learner_account.code, "0000"))
    assert "Trop d'essais. L'accès est bloqué pendant 15 minutes." in html

    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert "Trop d'essais" in page_text(response)
    assert "_auth_user_id" not in client.session
    learner_account.refresh_from_db()
    assert learner_account.is_locked()


@pytest.mark.django_db
def test_lock_ends_by_itself_after_the_delay(client, learner_account):
    for _ in range(5):
        learner_login(client, learner_account.code, "0000")
    LearnerAccount.objects.filter(pk=learner_account.pk).update(
        locked_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert response["Location"] == "/apprenant/"
    learner_account.refresh_from_db()
    assert learner_account.locked_until is None
    assert learner_account.failed_attempts == 0


@pytest.mark.django_db
def test_one_address_cannot_try_codes_endlessly(client, settings, learner_account):
    settings.LEARNER_LOGIN_IP_LIMIT = 3
    for code in ["AAAAAA", "BBBBBB", "CCCCCC"]:
        learner_login(client, code, "1234")
    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert "Trop d'essais depuis cet appareil" in page_text(response)
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = learner_login(client, learner_account.code, LEARNER_PIN, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_whole_classroom_behind_one_address_signs_in(client, settings, organisation):
    """Only failures count against an address: successful sign-ins never lock a room out."""
    settings.LEARNER_LOGIN_IP_LIMIT = 3
    for n in range(6):
        account, pin = services.learner_account_create(
            organisation=organisation, first_name=f"Personne {n}", last_name="Salle"
        )
        client.logout()
        assert learner_login(client, account.code, pin)["Location"] == "/apprenant/"


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings, learner_account):
    settings.LEARNER_LOGIN_IP_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        learner_login(client, "AAAAAA", "1234", HTTP_X_FORWARDED_FOR="198.51.100.7")
    blocked = learner_login(
        client, learner_account.code, LEARNER_PIN, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert "Trop d'essais depuis cet appareil" in page_text(blocked)
    # A client cannot escape by prepending an address of its own choosing.
    spoofed = learner_login(
        client,
        learner_account.code,
        LEARNER_PIN,
        HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7",
    )
    assert "Trop d'essais depuis cet appareil" in page_text(spoofed)
    # Another learner behind the same proxy, from another address, signs in.
    other = learner_login(
        client, learner_account.code, LEARNER_PIN, HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other["Location"] == "/apprenant/"


@pytest.mark.django_db
def test_staff_password_form_does_not_accept_a_learner_pin(client, learner_account):
    client.post(reverse("account_login"), {"login": learner_account.code, "password": LEARNER_PIN})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_learner_space_is_only_for_learners(client, trainer):
    client.force_login(trainer)
    assert client.get("/apprenant/").status_code == 403
    client.logout()
    response = client.get("/apprenant/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


# --- A trainer resets a PIN ---------------------------------------------------------------


@pytest.mark.django_db
def test_trainer_sees_the_learner_accounts_of_their_organisation_only(
    client, trainer, learner_account, other_organisation
):
    stranger, _pin = services.learner_account_create(
        organisation=other_organisation, first_name="Bruno", last_name="Lefèvre"
    )
    client.force_login(trainer)
    html = page_text(client.get("/comptes/apprenants/"))
    assert learner_account.display_code in html
    assert stranger.display_code not in html
    assert "Lefèvre" not in html


@pytest.mark.django_db
def test_trainer_resets_a_pin_which_unlocks_the_account(client, trainer, learner_account):
    for _ in range(5):
        learner_login(client, learner_account.code, "0000")
    learner_account.refresh_from_db()
    assert learner_account.is_locked()

    client.force_login(trainer)
    response = client.post(f"/comptes/apprenants/{learner_account.pk}/nouveau-pin/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    new_pin = response.context["pin"]
    assert len(new_pin) == 4 and new_pin.isdigit()
    html = page_text(response)
    assert new_pin in html and "<svg" in html
    learner_account.refresh_from_db()
    assert not learner_account.is_locked()
    assert learner_account.pin_set_by == trainer

    client.logout()
    assert learner_login(client, learner_account.code, LEARNER_PIN).status_code == 200
    assert learner_login(client, learner_account.code, new_pin)["Location"] == "/apprenant/"


@pytest.mark.django_db
def test_pin_reset_for_another_organisations_learner_is_404_and_changes_nothing(
    client, outsider_trainer, learner_account
):
    before = learner_account.user.password
    client.force_login(outsider_trainer)
    response = client.post(f"/comptes/apprenants/{learner_account.pk}/nouveau-pin/")
    assert response.status_code == 404
    learner_account.user.refresh_from_db()
    assert learner_account.user.password == before


@pytest.mark.django_db
def test_pin_reset_needs_a_post_and_a_staff_role(client, trainer, learner, learner_account):
    url = f"/comptes/apprenants/{learner_account.pk}/nouveau-pin/"
    assert client.post(url).status_code == 302  # anonymous: to the log-in page
    client.force_login(learner)
    assert client.post(url).status_code == 403
    client.force_login(trainer)
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_pin_reset_refuses_without_csrf_token(trainer, learner_account):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(trainer)
    response = csrf_client.post(f"/comptes/apprenants/{learner_account.pk}/nouveau-pin/")
    assert response.status_code == 403


def test_generated_pins_are_never_easy_runs():
    for _ in range(500):
        pin = services.pin_generate()
        assert len(pin) == 4
        assert len(set(pin)) > 1
        assert pin not in {"0123", "1234", "2345", "3456", "4567", "5678", "6789", "9876", "3210"}


@pytest.mark.django_db
def test_a_learner_who_reads_arabic_gets_arabic_at_log_in_unless_they_chose(
    client, learner_account
):
    from django.conf import settings

    from cohorts.models import Learner

    Learner.objects.create(
        organisation=learner_account.organisation,
        first_name="Fatou",
        last_name="Sow",
        language="ar",
        reads_french=False,
        user=learner_account.user,
    )
    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert '<html lang="ar" dir="rtl">' in client.get(response["Location"]).content.decode()

    client.logout()
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    response = learner_login(client, learner_account.code, LEARNER_PIN)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # their own choice stays
    assert '<html lang="fr"' in client.get(response["Location"]).content.decode()
