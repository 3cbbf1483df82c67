"""Staff log in with allauth and land on the space of their role."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.scoping import page_text

ROLE_SPACES = [
    # fixture, where the role lands, a text of that page
    ("coordinator", "/admin/", None),
    ("trainer", "/formateur/", "Espace formateur"),
    ("technician", "/technicien/", "Espace atelier"),
    ("cpe", "/cpe/", "Espace CPE"),
    ("prescriber", "/prescripteur/", "Espace prescripteur"),
    ("funder", "/financeur/", "Espace financeur"),
]


def staff_login(client, login, password):
    return client.post(
        reverse("account_login"), {"login": login, "password": password}, follow=True
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("role_fixture", "space_url", "space_text"), ROLE_SPACES)
def test_each_role_logs_in_and_lands_on_its_space(
    client, request, password, role_fixture, space_url, space_text
):
    user = request.getfixturevalue(role_fixture)

    response = staff_login(client, user.username, password)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == space_url
    if space_text:
        assert space_text in response.content.decode()
    else:  # the Wagtail dashboard
        assert response.resolver_match.url_name == "wagtailadmin_home"


@pytest.mark.django_db
def test_staff_log_in_with_their_email_too(client, trainer, password):
    response = staff_login(client, trainer.email.upper(), password)
    assert response.redirect_chain[-1][0] == "/formateur/"


@pytest.mark.django_db
def test_wrong_password_keeps_what_was_typed_and_says_so_in_french(client, trainer):
    response = staff_login(client, trainer.username, "pas-le-bon")
    html = page_text(response)
    assert response.status_code == 200
    assert "mot de passe sont incorrects" in html
    assert f'value="{trainer.username}"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_allauth_rate_limit_stops_repeated_wrong_passwords(client, trainer, password):
    for _ in range(5):
        staff_login(client, trainer.username, "pas-le-bon")
    response = staff_login(client, trainer.username, password)
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion échouées" in page_text(response)


@pytest.mark.django_db
def test_a_person_with_several_roles_lands_on_the_strongest_and_sees_the_others(
    client, make_member, organisation, school, password
):
    user = make_member(Role.TRAINER, organisation)
    from accounts.services import membership_grant

    membership_grant(user=user, organisation=school, role=Role.CPE)
    response = staff_login(client, user.username, password)
    assert response.redirect_chain[-1][0] == "/formateur/"
    assert 'href="/cpe/"' in response.content.decode()
    assert client.get("/cpe/").status_code == 200


@pytest.mark.django_db
def test_withdrawn_membership_closes_the_space(client, trainer, password):
    trainer.memberships.update(is_active=False)
    response = staff_login(client, trainer.username, password)
    assert response.redirect_chain[-1][0] == reverse("accounts:no_role")
    assert response.status_code == 403
    assert client.get("/formateur/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/formateur/", "/technicien/", "/cpe/", "/prescripteur/", "/financeur/", "/espace/"]
)
def test_anonymous_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role_fixture", "forbidden"),
    [
        ("trainer", ["/technicien/", "/cpe/", "/prescripteur/", "/financeur/", "/admin/"]),
        ("funder", ["/formateur/", "/technicien/", "/cpe/", "/prescripteur/", "/apprenant/"]),
        ("cpe", ["/formateur/", "/financeur/", "/admin/"]),
        ("learner", ["/formateur/", "/technicien/", "/cpe/", "/prescripteur/", "/financeur/"]),
    ],
)
def test_a_role_cannot_open_another_roles_space(client, request, role_fixture, forbidden):
    client.force_login(request.getfixturevalue(role_fixture))
    for url in forbidden:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:  # Wagtail sends non-admins to its log-in page
            assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_coordinator_reaches_the_wagtail_dashboard_through_their_role(client, coordinator):
    assert coordinator.has_perm("wagtailadmin.access_admin")
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_log_out_needs_a_post(client, trainer):
    client.force_login(trainer)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_nobody_signs_up_alone(client):
    response = client.get("/comptes/signup/")
    assert response.status_code == 200
    assert "Inscriptions fermées" in response.content.decode()


@pytest.mark.django_db
def test_the_team_log_in_page_sends_nobody_to_sign_up(client):
    """allauth's own page said "create an account first" with a link to a closed sign-up."""
    html = page_text(client.get("/comptes/login/"))
    assert "/comptes/signup/" not in html
    assert "La coordination de votre structure vous en crée un." in html
    assert 'href="/apprenant/connexion/"' in html  # a learner who came here finds their way
    assert 'id="id_password_helptext"' in html  # the password field's description exists


@pytest.mark.django_db
def test_wagtail_login_page_is_french_and_logs_a_coordinator_in(client, coordinator, password):
    page = client.get("/admin/login/")
    assert page.status_code == 200
    assert "S'identifier" in page.content.decode()
    response = client.post(
        "/admin/login/", {"username": coordinator.username, "password": password}, follow=True
    )
    assert response.resolver_match.url_name == "wagtailadmin_home"


@pytest.mark.django_db
def test_wagtail_login_page_brakes_repeated_wrong_passwords(client, coordinator, password):
    for _ in range(10):
        client.post("/admin/login/", {"username": coordinator.username, "password": "non"})
    response = client.post(
        "/admin/login/", {"username": coordinator.username, "password": password}
    )
    assert response.status_code == 429
    assert "Trop d'essais de connexion" in page_text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_an_email(client, trainer, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": trainer.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert trainer.email in mailoutbox[0].to


@pytest.mark.django_db
def test_coordinator_finds_learner_access_from_the_admin_menu(client, coordinator):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "/comptes/apprenants/" in html
    assert client.get("/comptes/apprenants/").status_code == 200
