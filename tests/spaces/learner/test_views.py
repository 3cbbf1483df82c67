"""The learner space: code + PIN, each part of the space, only one's own data, the QR log-in,
the weight of the first load, Arabic right to left, and the day-before reminders."""

import datetime
import gzip
import importlib
import json
import re
import threading
import zoneinfo
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from cohorts import services, sms
from cohorts.models import Enrolment, Meeting, Reminder
from cohorts.tasks import reminders_send
from diagnostics.models import Assessment
from equipment import services as equipment_services
from tests.cohorts.factories import finished_cohort, make_cohort, make_learner
from tests.equipment.factories import make_ready
from tests.scoping import page_text

SCHEDULE = importlib.import_module("cohorts.migrations.0007_reminders_schedule")
LOGIN_URL = "/apprenant/connexion/"
PAGES = ["learner_home", "learner_meetings", "learner_handouts", "learner_exercises"]
PAGES += ["learner_progress", "learner_device"]
ARABIC = re.compile(r"[\u0600-\u06FF]")


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


def weeks_ago_cohort(organisation, weeks=3, **extra):
    """A weekly cohort that started `weeks` weeks ago: some meetings held, some to come."""
    start = timezone.localdate() - datetime.timedelta(weeks=weeks)
    return make_cohort(organisation, starts_on=start, weekday=start.weekday(), **extra)


def open_space(client, trainer, learner):
    """The trainer opens the learner's access; the learner signs in with code and PIN."""
    account, pin = services.learner_give_access(actor=trainer, learner_id=learner.pk)
    response = client.post(LOGIN_URL, {"code": account.code, "pin": pin})
    assert response["Location"] == url("learner_home")
    return account


@pytest.fixture
def cohort(organisation, trainer):
    cohort = weeks_ago_cohort(organisation, capacity=10)
    cohort.trainers.add(trainer)
    return cohort


@pytest.fixture
def fatima(organisation, cohort):
    learner = make_learner(organisation, "Fatima", "Zahra", phone="0612345678")
    services.learner_enrol(cohort=cohort, learner=learner)
    return learner


def completed(user, organisation, phase, level, domain_scores, when):
    from diagnostics.models import Questionnaire
    from tests.diagnostics.factories import make_questionnaire

    questionnaire = Questionnaire.objects.first() or make_questionnaire()
    return Assessment.objects.create(
        organisation=organisation,
        version=questionnaire.versions.latest("number"),
        mode=Assessment.Mode.SELF,
        phase=phase,
        learner_user=user,
        status=Assessment.Status.COMPLETED,
        completed_at=when,
        level=level,
        domain_scores=domain_scores,
    )


# --- Each part of the space ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_learner_logs_in_with_code_and_pin_and_reaches_each_part(
    client, trainer, cohort, fatima
):
    open_space(client, trainer, fatima)
    home = page_text(client.get(url("learner_home")))
    assert "Bonjour Fatima !" in home
    assert "Ma prochaine séance" in home and "Salle Jean-Moulin" in home
    assert "https://www.openstreetmap.org/search?query=Salle+Jean-Moulin" in home
    for name in PAGES:
        assert url(name) in home or name == "learner_home"
    assert 'data-read-target="meeting-' in home

    meetings = page_text(client.get(url("learner_meetings")))
    assert "Les prochaines séances" in meetings and "Les séances passées" in meetings
    first = cohort.meetings.get(number=1)
    assert first.session_plan.title in meetings

    handouts = page_text(client.get(url("learner_handouts")))
    assert first.session_plan.url in handouts
    assert reverse("courses:handout_pdf", args=[first.session_plan.pk]) in handouts
    last = cohort.meetings.order_by("-number").first()
    assert reverse("courses:handout_pdf", args=[last.session_plan.pk]) not in handouts

    exercises = page_text(client.get(url("learner_exercises")))
    assert "Faites les exercices de vos séances" in exercises

    progress = page_text(client.get(url("learner_progress")))
    assert "Vous n'avez pas encore fait de diagnostic." in progress

    device = page_text(client.get(url("learner_device")))
    assert "Vous n'avez pas d'ordinateur de l'association pour le moment." in device


@pytest.mark.django_db
def test_progress_compares_the_first_and_the_last_diagnostic_per_domain(
    client, trainer, organisation, fatima
):
    account = open_space(client, trainer, fatima)
    now = timezone.now()
    completed(account.user, organisation, "initial", "beginner", {"0": [2, 10], "4": [1, 4]}, now)
    completed(
        account.user,
        organisation,
        "final",
        "intermediate",
        {"0": [7, 10], "4": [3, 4]},
        now + datetime.timedelta(days=30),
    )
    text = page_text(client.get(url("learner_progress")))
    assert "Au début : niveau Débutant." in text
    assert "À la fin : niveau Intermédiaire." in text
    assert "Bravo ! Vous avez gagné un niveau." in text
    assert "Compétences de base" in text and "Protection et sécurité" in text
    assert 'value="20"' in text and 'value="70"' in text and 'value="75"' in text


@pytest.mark.django_db
def test_my_computer_shows_the_formula_and_the_warranty_of_a_sale(
    client, trainer, technician, organisation
):
    _cohort, enrolments = finished_cohort(organisation, trainer, learners=2)
    sold, loaned = enrolments
    device = make_ready(technician, organisation, price=Decimal("50"))
    equipment_services.device_hand_over(
        actor=trainer,
        device_id=device.pk,
        enrolment_id=sold.pk,
        formula="sale",
        learner_share=Decimal("50"),
    )
    ends = timezone.localdate() + datetime.timedelta(days=180)
    equipment_services.device_hand_over(
        actor=trainer,
        device_id=make_ready(technician, organisation).pk,
        enrolment_id=loaned.pk,
        formula="loan",
        loan_ends_on=ends,
    )
    open_space(client, trainer, sold.learner)
    text = page_text(client.get(url("learner_device")))
    today = timezone.localdate()
    warranty = today.replace(year=today.year + 2) if (today.month, today.day) != (2, 29) else None
    assert "Vous avez acheté l'ordinateur. Il est à vous." in text
    if warranty:
        assert f"Il a une garantie jusqu'au {warranty.day} " in text
        assert str(warranty.year) in text
    assert device.inventory_code in text
    assert "C'est un prêt." not in text  # the other learner's loan

    client.logout()
    open_space(client, trainer, loaned.learner)
    text = page_text(client.get(url("learner_device")))
    assert "C'est un prêt." in text and f"{ends.year}" in text
    assert device.inventory_code not in text


@pytest.mark.django_db
def test_a_learner_sees_only_their_own_sessions_and_progress(
    client, trainer, outsider_trainer, organisation, other_organisation, cohort, fatima
):
    other_cohort = weeks_ago_cohort(
        other_organisation,
        slug="parents-scolarite-college",
        name="Groupe des Tilleuls",
        venue="Maison des Tilleuls",
    )
    other = make_learner(other_organisation, "Omar", "Said")
    services.learner_enrol(cohort=other_cohort, learner=other)
    other_account, _pin = services.learner_give_access(actor=outsider_trainer, learner_id=other.pk)
    completed(other_account.user, other_organisation, "initial", "advanced", {"1": [9, 10]}, None)
    other_title = other_cohort.meetings.get(number=1).session_plan.title

    open_space(client, trainer, fatima)
    for name in PAGES:
        text = page_text(client.get(url(name)))
        assert "Maison des Tilleuls" not in text, name
        assert other_title not in text, name
        assert "Omar" not in text, name
    assert "Avancé" not in page_text(client.get(url("learner_progress")))


@pytest.mark.django_db
def test_a_dropped_group_and_its_sessions_leave_the_space(client, trainer, cohort, fatima):
    open_space(client, trainer, fatima)
    Enrolment.objects.filter(learner=fatima).update(status=Enrolment.Status.DROPPED)
    text = page_text(client.get(url("learner_meetings")))
    assert "Salle Jean-Moulin" not in text
    assert "Pas de séance prévue pour le moment." in text


@pytest.mark.django_db
def test_an_account_without_a_learner_file_gets_a_kind_page(client, learner_account):
    from tests.accounts.factories import LEARNER_PIN

    client.post(LOGIN_URL, {"code": learner_account.code, "pin": LEARNER_PIN})
    for name in PAGES:
        response = client.get(url(name))
        assert response.status_code == 200
        text = page_text(response)
        assert "Bonjour Fatou !" in text
        assert "Demandez à votre formateur ou à votre formatrice." in text


@pytest.mark.django_db
def test_staff_get_403_and_anonymous_go_to_the_learner_log_in(client, trainer, coordinator):
    for name in PAGES:
        assert client.get(url(name))["Location"].startswith(LOGIN_URL)
    for user in (trainer, coordinator):
        client.force_login(user)
        for name in PAGES:
            assert client.get(url(name)).status_code == 403, name


# --- QR code log-in -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_qr_page_links_to_the_log_in_with_the_code_and_never_the_pin(
    client, trainer, outsider_trainer, fatima
):
    account, pin = services.learner_give_access(actor=trainer, learner_id=fatima.pk)
    qr_url = url("learner_login_qr", fatima.pk)
    assert client.get(qr_url)["Location"].startswith("/comptes/login/")

    client.force_login(outsider_trainer)
    assert client.get(qr_url).status_code == 404
    assert client.get(url("learner_login_qr", 999_999)).status_code == 404

    client.force_login(trainer)
    response = client.get(qr_url)
    text = page_text(response)
    assert response.status_code == 200
    assert f"http://testserver/apprenant/connexion/?code={account.code}" in text
    assert text.count("<svg") == 1 and account.code in text
    assert pin not in re.sub(r"<svg.*</svg>", "", text, flags=re.S)
    # The link in the QR code opens the log-in with the code already written.
    assert f'value="{account.code}"' in page_text(client.get(f"{LOGIN_URL}?code={account.code}"))
    # The group's dashboard links to it.
    assert qr_url in page_text(client.get(url("cohort", fatima.enrolments.get().cohort_id)))


@pytest.mark.django_db
def test_the_qr_page_of_a_learner_without_access_says_so(client, trainer, fatima):
    client.force_login(trainer)
    text = page_text(client.get(url("learner_login_qr", fatima.pk)))
    assert "Cette personne n'a pas encore d'accès à son espace." in text
    assert "<svg" not in text


# --- Weight of the first load --------------------------------------------------------------


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.django_db
def test_the_home_page_first_load_is_under_150_kb_compressed_without_web_fonts(
    client, trainer, fatima
):
    open_space(client, trainer, fatima)
    html = client.get(url("learner_home")).content
    text = html.decode()
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', text)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    total = gzipped_size(html)
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), f"{asset}: loaded from elsewhere"
        path = finders.find(asset.removeprefix(settings.STATIC_URL).split("?")[0])
        assert path, asset
        with open(path, "rb") as file:
            content = file.read()
        total += gzipped_size(content)
        if asset.endswith(".css"):
            css = content.decode().lower()
            assert "@font-face" not in css and "@import" not in css
            assert not re.search(r"\.(woff2?|ttf|otf|eot)\b", css)
    assert "fonts.googleapis" not in text and "<img" not in text
    print(f"learner home, first load: {total / 1024:.1f} KB compressed")  # noqa: T201
    assert total < 150 * 1024, f"{total / 1024:.1f} KB"


# --- Languages ------------------------------------------------------------------------------

# French sentences of the learner pages that must not remain once the page is in Arabic.
FRENCH_SENTENCES = [
    "Ma prochaine séance",
    "Dans mon espace",
    "Mes séances",
    "Mes fiches",
    "Mes exercices",
    "Mes progrès",
    "Mon ordinateur",
    "Mon diagnostic",
    "Écouter",
    "Voir le lieu sur une carte",
    "Retour à mon espace",
    "Les prochaines séances",
    "Les séances passées",
    "Ma présence",
    "Lire la fiche",
    "Télécharger la fiche (PDF)",
    "Une fiche pour chaque séance.",
    "Faites les exercices de vos séances sur votre téléphone.",
    "Vous pouvez les refaire autant de fois que vous voulez.",
    "À faire",
    "Fait : %(score)s sur %(max)s",
    "Exercice de la séance",
    "Votre formateur a lancé l'exercice",
    "Commencer",
    "Retour à mes exercices",
    "Exercice : %(title)s",
    "Chargement de l'exercice…",
    "L'exercice n'a pas pu s'ouvrir.",
    "Résultat enregistré : %(score)s sur %(max)s.",
    "Cet exercice est terminé",
    "Au début",
    "Vous n'avez pas encore fait de diagnostic.",
    "Faire mon diagnostic",
    "Vous n'avez pas d'ordinateur",
    "Parlez-en à votre formateur",
    "Se déconnecter",
    "Aller au contenu",
    "Menu principal",
    "logiciel libre",
    "Rappel",
    "Venez à l'heure",
    "Lieu :",
    "Séance :",
]


@pytest.mark.django_db
def test_switching_to_arabic_turns_the_space_right_to_left_and_is_remembered(
    client, trainer, fatima
):
    open_space(client, trainer, fatima)
    response = client.post(
        "/i18n/setlang/", {"language": "ar", "next": url("learner_home")}, follow=True
    )
    html = page_text(response)
    assert '<html lang="ar" dir="rtl">' in html
    assert response["Content-Language"] == "ar"
    assert "مرحبًا Fatima!" in html
    # The next request, with no form posted, stays in Arabic: the cookie remembers it.
    again = client.get(url("learner_meetings"), HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert '<html lang="ar" dir="rtl">' in page_text(again)
    # Back to French, left to right.
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": url("learner_home")}, follow=True
    )
    assert '<html lang="fr">' in page_text(response)


@pytest.mark.django_db
def test_every_learner_page_is_translated_into_arabic(client, trainer, cohort, fatima):
    account = open_space(client, trainer, fatima)
    completed(account.user, fatima.organisation, "initial", "beginner", {"0": [2, 10]}, None)
    Reminder.objects.create(
        meeting=fatima.enrolments.get()
        .cohort.meetings.filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first(),
        learner=fatima,
        channel=Reminder.Channel.SPACE,
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for name in PAGES:
        text = page_text(client.get(url(name)))
        assert ARABIC.search(text), name
        left = [sentence for sentence in FRENCH_SENTENCES if sentence in text]
        assert not left, f"{name}: {left}"
    client.logout()  # which also forgets the cookies
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    login = page_text(client.get(LOGIN_URL))
    for sentence in ["Je me connecte", "Mon code PIN", "Entrer", "Vous avez perdu votre code"]:
        assert sentence not in login


# --- Reminders the day before ---------------------------------------------------------------


class RecordingBackend:
    """An SMS backend for tests: keeps what would leave the machine."""

    sent = []

    def send(self, *, phone, text):
        RecordingBackend.sent.append((phone, text))


class FailingBackend:
    def send(self, *, phone, text):
        raise sms.SmsError("provider down")


@pytest.fixture
def recording():
    RecordingBackend.sent = []
    with override_settings(SMS_BACKEND="tests.spaces.learner.test_views.RecordingBackend"):
        yield RecordingBackend.sent


@pytest.fixture
def tuesday_cohort(organisation):
    """Meetings every Tuesday at 14:00 from Tuesday 24 November 2026."""
    return make_cohort(
        organisation,
        starts_on=datetime.date(2026, 11, 24),
        weekday=1,
        venue="Espace numérique de la Bastide",
        capacity=10,
    )


@pytest.mark.django_db
def test_reminders_go_once_by_sms_or_in_the_space_never_to_who_dropped(
    organisation, tuesday_cohort, recording
):
    people = {
        "Fatima": make_learner(organisation, "Fatima", "Zahra", phone="06 12 34 56 78"),
        "Nadia": make_learner(organisation, "Nadia", "Amrani"),  # no phone
        "Karim": make_learner(organisation, "Karim", "Idrissi", phone="0700000000"),
        "Leila": make_learner(organisation, "Leila", "Haddad", phone="0711111111", language="ar"),
    }
    for learner in people.values():
        services.learner_enrol(cohort=tuesday_cohort, learner=learner)
    Enrolment.objects.filter(learner=people["Karim"]).update(status=Enrolment.Status.DROPPED)
    monday = datetime.date(2026, 11, 23)

    assert reminders_send(today=monday) == {"sms": 2, "space": 1}
    assert reminders_send(today=monday) == {"sms": 0, "space": 0}
    meeting = tuesday_cohort.meetings.get(number=1)
    reminders = Reminder.objects.filter(meeting=meeting)
    assert {(r.learner.first_name, r.channel) for r in reminders} == {
        ("Fatima", "sms"),
        ("Nadia", "space"),
        ("Leila", "sms"),
    }
    assert len(recording) == 2
    texts = dict(recording)
    title = meeting.session_plan.title
    assert texts["06 12 34 56 78"] == (
        f"Bonjour Fatima. Demain mardi 24 novembre à 14 h : séance « {title} » "
        "à Espace numérique de la Bastide. À demain !"
    )
    arabic = texts["0711111111"]
    assert ARABIC.search(arabic) and "Leila" in arabic and "Bonjour" not in arabic
    assert "الثلاثاء" in arabic  # Tuesday
    # Nothing the day before a day without a meeting.
    assert reminders_send(today=datetime.date(2026, 11, 25)) == {"sms": 0, "space": 0}


@pytest.mark.django_db
def test_a_cancelled_meeting_gets_no_reminder(organisation, tuesday_cohort, recording):
    services.learner_enrol(
        cohort=tuesday_cohort, learner=make_learner(organisation, phone="0612345678")
    )
    Meeting.objects.filter(cohort=tuesday_cohort, number=1).update(status=Meeting.Status.CANCELLED)
    assert reminders_send(today=datetime.date(2026, 11, 23)) == {"sms": 0, "space": 0}
    assert not Reminder.objects.exists() and recording == []


@pytest.mark.django_db
@override_settings(SMS_BACKEND="tests.spaces.learner.test_views.FailingBackend")
def test_a_failed_sms_is_noted_and_not_sent_again(organisation, tuesday_cohort):
    services.learner_enrol(
        cohort=tuesday_cohort, learner=make_learner(organisation, phone="0612345678")
    )
    assert reminders_send(today=datetime.date(2026, 11, 23)) == {"sms": 0, "space": 0}
    reminder = Reminder.objects.get()
    assert reminder.detail == "Échec de l'envoi : provider down"
    assert reminders_send(today=datetime.date(2026, 11, 23)) == {"sms": 0, "space": 0}
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_the_console_backend_is_the_default_and_writes_the_message(
    organisation, tuesday_cohort, capsys
):
    assert settings.SMS_BACKEND == "cohorts.sms.ConsoleBackend"
    services.learner_enrol(
        cohort=tuesday_cohort, learner=make_learner(organisation, "Awa", phone="0612345678")
    )
    reminders_send(today=datetime.date(2026, 11, 23))
    out = capsys.readouterr().out
    assert "SMS → 0612345678" in out and "Bonjour Awa. Demain mardi 24 novembre" in out


@pytest.mark.django_db
def test_the_learner_home_shows_the_reminder_of_the_next_meeting(client, trainer, fatima):
    open_space(client, trainer, fatima)
    meeting = (
        Meeting.objects.filter(cohort__enrolments__learner=fatima, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    text = page_text(client.get(url("learner_home")))
    assert "Rappel" in text and "Vous avez une séance demain." in text


class ProviderHandler(BaseHTTPRequestHandler):
    received = []
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ProviderHandler.received.append((self.path, dict(self.headers), json.loads(body)))
        self.send_response(ProviderHandler.status)
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(monkeypatch):
    """A local stand-in for an SMS provider's API: nothing leaves the machine."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    ProviderHandler.received = []
    ProviderHandler.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProviderHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/sms"
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_http_backend_posts_json_with_the_token(provider):
    backend = sms.HttpBackend(url=provider, token="s3cret", timeout=5, sender="Tremplin")
    backend.send(phone="+33612345678", text="Bonjour Awa. À demain !")
    [(path, headers, payload)] = ProviderHandler.received
    assert path == "/v1/sms"
    assert headers["Authorization"] == "Bearer s3cret"
    assert headers["Content-Type"] == "application/json"
    assert payload == {
        "to": "+33612345678",
        "text": "Bonjour Awa. À demain !",
        "sender": "Tremplin",
    }


def test_the_http_backend_raises_when_the_provider_refuses(provider):
    ProviderHandler.status = 500
    with pytest.raises(sms.SmsError):
        sms.HttpBackend(url=provider, token="x", timeout=5).send(phone="1", text="t")
    with pytest.raises(sms.SmsError):
        sms.HttpBackend(url="ftp://example.org/", token="x")


@pytest.mark.django_db
def test_the_daily_schedule_is_created_once_at_six_in_the_evening():
    state = MigrationLoader(connection).project_state(("cohorts", "0007_reminders_schedule"))
    SCHEDULE.schedule_create(state.apps, None)
    SCHEDULE.schedule_create(state.apps, None)
    schedule = Schedule.objects.get(name="Rappels de séance")
    assert (schedule.func, schedule.schedule_type, schedule.repeats) == (
        "cohorts.tasks.reminders_send",
        Schedule.DAILY,
        -1,
    )
    paris = schedule.next_run.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert (paris.hour, paris.minute) == (18, 0)


@pytest.mark.django_db
def test_a_learner_cannot_open_the_qr_page(client, trainer, fatima):
    open_space(client, trainer, fatima)
    assert client.get(url("learner_login_qr", fatima.pk)).status_code == 403
