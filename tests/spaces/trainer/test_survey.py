"""The end-of-track satisfaction survey: when it opens, one answer per enrolment, the
learner's page, the trainer's device at the last meeting, and who may record what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cohorts import services, survey
from cohorts.models import Enrolment, SatisfactionAnswer
from tests.cohorts.factories import make_learner, today_cohort
from tests.scoping import (
    assert_nothing_visible_to_anonymous,
    assert_visible_only_to_own_organisation,
)
from tests.scoping import page_text as html_text
from tests.spaces.learner.test_views import open_space

SURVEY_URL = "/apprenant/avis/"
HAPPY = {"liked": "3", "more_at_ease": "2", "would_recommend": "3"}


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


def last_meeting(cohort):
    return cohort.meetings.order_by("-number").first()


def move(meeting, **delta):
    """Put the meeting's start `delta` from now (negative: it has started)."""
    meeting.starts_at = timezone.now() + datetime.timedelta(**delta)
    meeting.save(update_fields=["starts_at"])
    return meeting


@pytest.fixture
def cohort(organisation, trainer):
    return today_cohort(organisation, trainer)


@pytest.fixture
def enrolment(cohort):
    return cohort.enrolments.select_related("learner").order_by("learner__first_name").first()


@pytest.fixture
def at_last_meeting(cohort):
    """The cohort's last meeting started ten minutes ago."""
    return move(last_meeting(cohort), minutes=-10)


def page_text(response):
    """The page's text with every run of white space made one space."""
    return " ".join(html_text(response).split())


def radio(name, value, checked):
    return f'name="{name}" value="{value}"' + (" checked" if checked else "")


# --- When it opens ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_card_appears_only_once_the_last_meeting_has_started(
    client, trainer, cohort, enrolment
):
    open_space(client, trainer, enrolment.learner)
    home = page_text(client.get(url("learner_home")))
    assert "Votre avis" not in home and SURVEY_URL not in home
    assert client.get(SURVEY_URL)["Location"] == url("learner_home")

    last = move(last_meeting(cohort), minutes=30)  # today, not started yet
    assert "Votre avis" not in page_text(client.get(url("learner_home")))

    move(last, minutes=-1)
    home = page_text(client.get(url("learner_home")))
    assert "Votre avis" in home and SURVEY_URL in home
    assert "C'est la fin de votre formation. Donnez votre avis en 3 questions." in home
    assert "Donner mon avis" in home and 'data-read-target="survey-text"' in home
    assert client.get(SURVEY_URL).status_code == 200


@pytest.mark.django_db
def test_a_cancelled_last_meeting_hands_over_to_the_one_before(client, trainer, cohort, enrolment):
    last = move(last_meeting(cohort), days=1)
    last.status = last.Status.CANCELLED
    last.save(update_fields=["status"])
    before = cohort.meetings.get(number=last.number - 1)
    move(before, days=2)
    assert not survey.open_enrolments().filter(pk=enrolment.pk).exists()
    move(before, minutes=-5)
    assert survey.open_enrolments().filter(pk=enrolment.pk).exists()


@pytest.mark.django_db
def test_a_completed_track_opens_the_survey_whatever_the_dates(
    client, trainer, organisation, cohort, enrolment
):
    # Every meeting held (the roll is taken ahead of the planned dates), the last one closed:
    # the enrolments are completed although the last meeting is dated in the future.
    for meeting in cohort.meetings.all():
        for each in cohort.enrolments.all():
            services.meeting_take_roll(
                actor=trainer, meeting_id=meeting.pk, learner_id=each.learner_id, mark="present"
            )
    services.meeting_close(actor=trainer, meeting_id=last_meeting(cohort).pk)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert last_meeting(cohort).starts_at > timezone.now()
    open_space(client, trainer, enrolment.learner)
    assert SURVEY_URL in page_text(client.get(url("learner_home")))


# --- The learner's page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_answering_creates_then_updates_one_row(client, trainer, enrolment, at_last_meeting):
    open_space(client, trainer, enrolment.learner)
    page = page_text(client.get(SURVEY_URL))
    for name, question in SatisfactionAnswer.QUESTIONS:
        assert str(question) in page
        assert f'data-read-target="question-{name}"' in page
        for value in ("1", "2", "3"):
            assert radio(name, value, False) in page
    assert "😞" in page and "😐" in page and "😀" in page
    assert ">Non<" in page and ">Un peu<" in page and ">Oui<" in page
    assert "Envoyer" in page

    response = client.post(SURVEY_URL, HAPPY)
    assert response["Location"] == url("learner_survey_thanks")
    answer = SatisfactionAnswer.objects.get()
    assert (answer.enrolment, answer.liked, answer.more_at_ease, answer.would_recommend) == (
        enrolment,
        3,
        2,
        3,
    )
    assert answer.source == SatisfactionAnswer.Source.SPACE and answer.recorded_by is None
    thanks = page_text(client.get(url("learner_survey_thanks")))
    assert "Merci pour votre avis !" in thanks

    home = page_text(client.get(url("learner_home")))
    assert "Merci pour votre avis ! Vous pouvez le changer." in home
    assert "Changer mon avis" in home
    page = page_text(client.get(SURVEY_URL))
    assert radio("liked", 3, True) in page and radio("more_at_ease", 2, True) in page
    assert radio("liked", 1, False) in page

    first_time = answer.answered_at
    client.post(SURVEY_URL, {"liked": "1", "more_at_ease": "1", "would_recommend": "2"})
    answer = SatisfactionAnswer.objects.get()
    assert (answer.liked, answer.more_at_ease, answer.would_recommend) == (1, 1, 2)
    assert answer.answered_at >= first_time


@pytest.mark.django_db
def test_invalid_values_are_refused_and_the_choices_kept(
    client, trainer, enrolment, at_last_meeting
):
    open_space(client, trainer, enrolment.learner)
    response = client.post(SURVEY_URL, {"liked": "3", "more_at_ease": "7"})
    assert response.status_code == 400
    page = page_text(response)
    assert "Répondez aux 3 questions. Puis touchez « Envoyer »." in page
    assert page.count("Choisissez une réponse.") == 2
    assert 'aria-describedby="question-more_at_ease-error"' in page
    assert 'aria-describedby="question-liked-error"' not in page
    assert radio("liked", 3, True) in page
    assert not any(radio("more_at_ease", value, True) in page for value in (1, 2, 3))
    assert not SatisfactionAnswer.objects.exists()

    for wrong in ("0", "4", "-1", "2.5", "٣", " 3", "", "oui", None, 4, True):
        with pytest.raises(ValidationError) as refused:
            survey.satisfaction_record(
                enrolment=enrolment,
                answers={**HAPPY, "would_recommend": wrong},
                source=SatisfactionAnswer.Source.SPACE,
            )
        assert refused.value.message_dict == {"would_recommend": [survey.SURVEY_ANSWER_MISSING]}, (
            wrong
        )
    assert not SatisfactionAnswer.objects.exists()


@pytest.mark.django_db
def test_a_dropped_enrolment_is_refused(client, trainer, cohort, enrolment, at_last_meeting):
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.DROPPED)
    for actor in (None, trainer):
        with pytest.raises(ValidationError) as refused:
            survey.satisfaction_record(
                enrolment=enrolment,
                answers=HAPPY,
                source=SatisfactionAnswer.Source.MEETING,
                actor=actor,
            )
        assert refused.value.messages == [survey.SURVEY_DROPPED]
    # The learner's space shows no survey, and the trainer's list leaves the person out.
    open_space(client, trainer, enrolment.learner)
    assert SURVEY_URL not in page_text(client.get(url("learner_home")))
    assert client.get(SURVEY_URL)["Location"] == url("learner_home")
    assert client.post(SURVEY_URL, HAPPY)["Location"] == url("learner_home")
    client.force_login(trainer)
    page = page_text(client.get(url("meeting", at_last_meeting.pk)))
    assert url("meeting_survey", at_last_meeting.pk, enrolment.learner_id) not in page
    target = url("meeting_survey", at_last_meeting.pk, enrolment.learner_id)
    assert client.get(target).status_code == 404
    assert client.post(target, HAPPY).status_code == 404
    assert not SatisfactionAnswer.objects.exists()


@pytest.mark.django_db
def test_the_learner_cannot_answer_before_the_last_meeting(enrolment):
    with pytest.raises(ValidationError) as refused:
        survey.satisfaction_record(
            enrolment=enrolment, answers=HAPPY, source=SatisfactionAnswer.Source.SPACE
        )
    assert refused.value.messages == [survey.SURVEY_NOT_OPEN]


@pytest.mark.django_db
def test_a_learner_cannot_answer_for_someone_else(client, trainer, cohort, at_last_meeting):
    mine, other = cohort.enrolments.order_by("learner__first_name")[:2]
    with pytest.raises(NoReverseMatch):
        reverse("cohorts:learner_survey", args=[other.pk])
    open_space(client, trainer, mine.learner)
    forged = {**HAPPY, "enrolment": other.pk, "learner": other.learner_id}
    assert client.post(SURVEY_URL, forged)["Location"] == url("learner_survey_thanks")
    assert client.post(f"{SURVEY_URL}?enrolment={other.pk}", forged).status_code == 302
    assert list(SatisfactionAnswer.objects.values_list("enrolment_id", flat=True)) == [mine.pk]
    # Nor through the trainer's page: a learner account is not staff.
    target = url("meeting_survey", at_last_meeting.pk, other.learner_id)
    assert client.get(target).status_code == 403
    assert client.post(target, HAPPY).status_code == 403
    assert not SatisfactionAnswer.objects.filter(enrolment=other).exists()


# --- At the last meeting, on the trainer's device ---------------------------------------------


@pytest.mark.django_db
def test_the_trainer_records_answers_at_the_last_meeting(client, trainer, cohort, enrolment):
    last = last_meeting(cohort)
    client.force_login(trainer)
    first = page_text(client.get(url("meeting", cohort.meetings.get(number=1).pk)))
    assert "Avis des participants" not in first
    assert client.get(url("meeting_survey", cohort.meetings.get(number=1).pk, 1)).status_code == 404

    page = page_text(client.get(url("meeting", last.pk)))
    assert "Avis des participants" in page and "0 avis sur 3." in page
    for each in cohort.enrolments.all():
        assert url("meeting_survey", last.pk, each.learner_id) in page
    target = url("meeting_survey", last.pk, enrolment.learner_id)
    form = page_text(client.get(target))
    assert f"Votre avis, {enrolment.learner.first_name}" in form
    assert " checked" not in form

    response = client.post(target, HAPPY)
    assert response["Location"] == url("meeting", last.pk) + "#avis"
    answer = SatisfactionAnswer.objects.get()
    assert answer.enrolment == enrolment and answer.source == SatisfactionAnswer.Source.MEETING
    assert answer.recorded_by == trainer
    page = page_text(client.get(url("meeting", last.pk)))
    assert "1 avis sur 3." in page and "Avis donné" in page
    assert f"Merci ! L'avis de {enrolment.learner} est enregistré." in page

    # A second round starts from an empty form and updates the same row; errors keep the
    # choices of this round.
    form = page_text(client.get(target))
    assert "Cette personne a déjà donné son avis." in form and " checked" not in form
    response = client.post(target, {"liked": "1"})
    assert response.status_code == 400
    assert radio("liked", 1, True) in page_text(response)
    client.post(target, {"liked": "1", "more_at_ease": "1", "would_recommend": "1"})
    answer = SatisfactionAnswer.objects.get()
    assert (answer.liked, answer.more_at_ease, answer.would_recommend) == (1, 1, 1)


@pytest.mark.django_db
def test_the_trainer_page_does_not_show_what_the_learner_answered_in_their_space(
    client, trainer, cohort, enrolment, at_last_meeting
):
    survey.satisfaction_record(
        enrolment=enrolment, answers=HAPPY, source=SatisfactionAnswer.Source.SPACE
    )
    client.force_login(trainer)
    form = page_text(client.get(url("meeting_survey", at_last_meeting.pk, enrolment.learner_id)))
    assert "Cette personne a déjà donné son avis." in form
    assert " checked" not in form


@pytest.mark.django_db
def test_another_organisation_gets_404_and_sees_no_answer(
    client, trainer, outsider_trainer, outsider, cohort, enrolment, at_last_meeting
):
    target = url("meeting_survey", at_last_meeting.pk, enrolment.learner_id)
    for user in (outsider_trainer, outsider):
        client.force_login(user)
        assert client.get(target).status_code == 404
        assert client.post(target, HAPPY).status_code == 404
    assert not SatisfactionAnswer.objects.exists()
    with pytest.raises(PermissionDenied):
        survey.satisfaction_record(
            enrolment=enrolment,
            answers=HAPPY,
            source=SatisfactionAnswer.Source.MEETING,
            actor=outsider_trainer,
        )
    client.logout()
    assert client.get(target)["Location"].startswith(reverse("account_login"))

    answer = survey.satisfaction_record(
        enrolment=enrolment, answers=HAPPY, source=SatisfactionAnswer.Source.MEETING, actor=trainer
    )
    assert_visible_only_to_own_organisation(
        SatisfactionAnswer.objects, member=trainer, outsider=outsider_trainer, objects=[answer]
    )
    assert_nothing_visible_to_anonymous(SatisfactionAnswer.objects)


@pytest.mark.django_db
def test_the_last_meeting_page_queries_do_not_grow_with_the_group(
    client, trainer, organisation, cohort
):
    cohort.capacity = 40
    cohort.save()
    last = last_meeting(cohort)
    client.force_login(trainer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("meeting", last.pk)).status_code == 200
        return len(queries)

    small = count()
    for index in range(25):
        learner = make_learner(organisation, f"Extra{index:02d}", "Martin")
        enrolment = services.learner_enrol(cohort=cohort, learner=learner)
        survey.satisfaction_record(
            enrolment=enrolment,
            answers=HAPPY,
            source=SatisfactionAnswer.Source.MEETING,
            actor=trainer,
        )
    assert count() == small
