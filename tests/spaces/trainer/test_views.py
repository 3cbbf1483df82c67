"""The trainer's space: meetings, roll call, walk-ins, end of meeting, handouts, dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import services
from cohorts.models import Attendance, Enrolment, Learner, Meeting
from diagnostics.models import Assessment
from documents.models import GeneratedDocument
from tests.cohorts.factories import make_learner, today_cohort
from tests.documents.factories import pdf_text
from tests.scoping import page_text

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cohort(organisation, trainer):
    return today_cohort(organisation, trainer)


@pytest.fixture
def meeting(cohort):
    return cohort.meetings.get(number=1)


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


@pytest.mark.django_db
def test_trainer_home_lists_todays_meeting_and_the_cohorts(client, trainer, cohort, meeting):
    client.force_login(trainer)
    text = page_text(client.get(url("trainer_home")))
    assert "Aujourd'hui" in text
    assert url("meeting", meeting.pk) in text
    assert "Cycle du mardi" in text and "3 inscrits / 3" in text
    # Next week's meeting is in the upcoming list.
    assert url("meeting", cohort.meetings.get(number=2).pk) in text
    assert url("meeting", cohort.meetings.get(number=4).pk) not in text


@pytest.mark.django_db
def test_a_tap_marks_the_learner_and_a_repeated_tap_keeps_one_record(client, trainer, meeting):
    client.force_login(trainer)
    learner = meeting.cohort.enrolments.first().learner
    for _repeat in range(2):
        response = client.post(
            url("meeting_mark", meeting.pk), {"learner": learner.pk, "mark": "present"}, **HTMX
        )
        assert response.status_code == 200
    row = response.content.decode()
    assert row.startswith('<li class="roll-row"') and f'id="apprenant-{learner.pk}"' in row
    assert 'value="present" class="mark mark-present" aria-pressed="true"' in row
    assert Attendance.objects.filter(meeting=meeting, learner=learner).count() == 1

    response = client.post(
        url("meeting_mark", meeting.pk), {"learner": learner.pk, "mark": "late"}, **HTMX
    )
    assert "En retard de 15 min" in page_text(response)
    response = client.post(
        url("meeting_mark", meeting.pk),
        {"learner": learner.pk, "mark": "late", "late_minutes": "30"},
        **HTMX,
    )
    assert "En retard de 30 min" in page_text(response)
    attendance = Attendance.objects.get(meeting=meeting, learner=learner)
    assert (attendance.mark, attendance.late_minutes) == ("late", 30)


@pytest.mark.django_db
def test_without_javascript_a_tap_comes_back_to_the_page(client, trainer, meeting):
    client.force_login(trainer)
    learner = meeting.cohort.enrolments.first().learner
    response = client.post(
        url("meeting_mark", meeting.pk), {"learner": learner.pk, "mark": "absent"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url('meeting', meeting.pk)}#apprenant-{learner.pk}"
    assert Attendance.objects.get(meeting=meeting, learner=learner).mark == "absent"
    response = client.post(url("meeting_mark", meeting.pk), {"learner": learner.pk, "mark": "x"})
    page = page_text(client.get(response["Location"]))
    assert "Choisissez présent, en retard, absent ou excusé." in page


@pytest.mark.django_db
def test_a_walk_in_is_added_enrolled_and_marked(client, trainer, organisation):
    cohort = today_cohort(organisation, trainer, learners=2, capacity=3)
    meeting = cohort.meetings.get(number=1)
    client.force_login(trainer)
    response = client.post(
        url("meeting_walk_in", meeting.pk),
        {
            "first_name": "Nadia",
            "last_name": "Cherif",
            "phone": "06 11 22 33 44",
            "late_minutes": "10",
        },
    )
    assert response.status_code == 302
    nadia = Learner.objects.get(first_name="Nadia", organisation=organisation)
    assert Enrolment.objects.filter(cohort=cohort, learner=nadia).exists()
    attendance = Attendance.objects.get(meeting=meeting, learner=nadia)
    assert (attendance.mark, attendance.late_minutes) == ("late", 10)

    # The group is full now: the form says so and keeps what was typed.
    response = client.post(
        url("meeting_walk_in", meeting.pk), {"first_name": "Paul", "last_name": "Girard"}
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "Ce groupe est complet : 3 places." in text
    assert 'value="Paul"' in text and 'value="Girard"' in text
    assert not Learner.objects.filter(first_name="Paul").exists()


@pytest.mark.django_db
def test_ending_the_meeting_records_minutes_notes_and_absentees(client, trainer, meeting):
    client.force_login(trainer)
    first, second, third = [
        e.learner for e in meeting.cohort.enrolments.order_by("learner__first_name")
    ]
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, mark="present"
    )
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=second.pk, mark="late", late_minutes=20
    )
    page = page_text(client.get(url("meeting", meeting.pk)))
    assert f'name="minutes_{second.pk}" value="100"' in page  # 120 less 20 minutes late

    response = client.post(
        url("meeting_close", meeting.pk),
        {
            f"minutes_{first.pk}": "500",
            f"minutes_{second.pk}": "90",
            "notes": "Reprendre la souris.",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert f"{first} : indiquez entre 0 et 120 minutes suivies." in text
    assert "Reprendre la souris." in text and 'value="500"' in text
    meeting.refresh_from_db()
    assert meeting.closed_at is None

    response = client.post(
        url("meeting_close", meeting.pk),
        {
            f"minutes_{first.pk}": "60",
            f"minutes_{second.pk}": "90",
            "notes": "Reprendre la souris.",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.closed_at and meeting.closed_by == trainer
    assert meeting.notes == "Reprendre la souris."
    marks = {a.learner_id: (a.mark, a.attended_minutes()) for a in meeting.attendances.all()}
    assert marks == {first.pk: ("present", 60), second.pk: ("late", 90), third.pk: ("absent", 0)}
    # The roll no longer changes once the meeting is over.
    response = client.post(
        url("meeting_mark", meeting.pk), {"learner": third.pk, "mark": "present"}, **HTMX
    )
    assert "Cette séance est terminée : l'appel ne peut plus changer." in page_text(response)
    assert Attendance.objects.get(meeting=meeting, learner=third).mark == "absent"


@pytest.mark.django_db
def test_handouts_of_the_learners_present_are_made_once(
    client, trainer, meeting, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    learners = [e.learner for e in meeting.cohort.enrolments.order_by("learner__first_name")]
    for learner in learners[:2]:
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
        )
    for _repeat in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("meeting_handouts", meeting.pk))
        assert response.status_code == 302
    assert GeneratedDocument.objects.filter(kind="handout_batch").count() == 1
    meeting.refresh_from_db()
    assert meeting.handouts.status == GeneratedDocument.Status.READY  # tasks run inline here
    status = page_text(client.get(url("meeting_handouts_status", meeting.pk)))
    assert url("meeting_handouts_pdf", meeting.pk) in status
    response = client.get(url("meeting_handouts_pdf", meeting.pk))
    text, _reader = pdf_text(b"".join(response.streaming_content))
    assert str(learners[0]) in text and str(learners[1]) in text
    assert str(learners[2]) not in text


@pytest.mark.django_db
def test_handouts_need_someone_present(client, trainer, meeting):
    client.force_login(trainer)
    response = client.post(url("meeting_handouts", meeting.pk), follow=True)
    assert "Personne n'est noté présent : aucune fiche à imprimer." in page_text(response)
    assert client.get(url("meeting_handouts_pdf", meeting.pk)).status_code == 404


@pytest.mark.django_db
def test_last_meeting_shows_who_completed_and_may_receive_a_device(client, trainer, organisation):
    cohort = today_cohort(organisation, trainer, learners=3, slug="parents-scolarite-college")
    meetings = list(cohort.meetings.order_by("number"))
    first, second, third = [e.learner for e in cohort.enrolments.order_by("learner__first_name")]
    for meeting in meetings:
        for learner in (first, second):
            services.meeting_take_roll(
                actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
            )
        mark = "present" if meeting.number != 3 else "excused"
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=third.pk, mark=mark
        )
    client.force_login(trainer)
    assert "Bilan du parcours" not in page_text(client.get(url("meeting", meetings[-2].pk)))
    text = page_text(client.get(url("meeting", meetings[-1].pk)))
    assert "Bilan du parcours" in text and "Ordinateur" in text
    assert text.count("Peut le recevoir") == 2
    assert "5 / 6" in text  # the third person was excused once: not completed
    client.post(url("meeting_close", meetings[-1].pk), {"notes": ""})
    statuses = dict(cohort.enrolments.values_list("learner_id", "status"))
    assert statuses == {first.pk: "completed", second.pk: "completed", third.pk: "active"}


@pytest.mark.django_db
def test_projection_shows_the_plan_steps_with_their_durations(client, trainer, meeting):
    client.force_login(trainer)
    text = page_text(client.get(url("meeting_projection", meeting.pk)))
    steps = meeting.session_plan.timed_steps()
    assert steps and 'class="projection"' in text
    for step in steps:
        assert f'data-minutes="{step["value"]["duration"]}"' in text
        assert step["value"]["title"] in text


@pytest.mark.django_db
def test_dashboard_shows_marks_hours_and_completion(client, trainer, cohort):
    meetings = list(cohort.meetings.order_by("number"))
    learner = cohort.enrolments.first().learner
    services.meeting_take_roll(
        actor=trainer,
        meeting_id=meetings[0].pk,
        learner_id=learner.pk,
        mark="late",
        late_minutes=30,
    )
    client.force_login(trainer)
    text = page_text(client.get(url("cohort", cohort.pk)))
    assert 'class="cell-late" title="En retard">R<' in text
    assert "1 h 30" in text
    assert text.count(">·<") == 3 * 9 - 1


def _grow(cohort, organisation, count):
    for index in range(count):
        learner = make_learner(organisation, f"Extra{index:02d}", "Martin")
        services.learner_enrol(cohort=cohort, learner=learner)


@pytest.mark.django_db
def test_roll_call_and_dashboard_queries_do_not_grow_with_the_group(
    client, trainer, organisation, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cohort = today_cohort(organisation, trainer, learners=3)
    cohort.capacity = 40
    cohort.save()
    meeting = cohort.meetings.get(number=1)
    client.force_login(trainer)

    def counts():
        result = []
        for target in (url("meeting", meeting.pk), url("cohort", cohort.pk)):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(target).status_code == 200
            result.append(len(queries))
        return result

    for enrolment in cohort.enrolments.all():
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=enrolment.learner_id, mark="present"
        )
    small = counts()
    _grow(cohort, organisation, 25)
    for later in cohort.meetings.filter(number__lte=4):
        for enrolment in cohort.enrolments.all():
            services.meeting_take_roll(
                actor=trainer, meeting_id=later.pk, learner_id=enrolment.learner_id, mark="present"
            )
    assert counts() == small
    # And the pinned figures, so that a new query per page is a decision, not an accident.
    # (The walk-in search costs one more query on the meeting page, only when used.)
    assert small == [11, 12], small


@pytest.mark.django_db
def test_another_organisation_reaches_none_of_the_meetings_or_cohorts(
    client, outsider_trainer, outsider, meeting, cohort
):
    learner = cohort.enrolments.first().learner
    gets = [
        url("meeting", meeting.pk),
        url("meeting_projection", meeting.pk),
        url("meeting_handouts_status", meeting.pk),
        url("meeting_handouts_pdf", meeting.pk),
        url("cohort", cohort.pk),
    ]
    posts = [
        (url("meeting_mark", meeting.pk), {"learner": learner.pk, "mark": "present"}),
        (url("meeting_walk_in", meeting.pk), {"first_name": "Intrus", "last_name": "Externe"}),
        (url("meeting_close", meeting.pk), {"notes": "intrusion"}),
        (url("meeting_handouts", meeting.pk), {}),
    ]
    for user in (outsider_trainer, outsider):
        client.force_login(user)
        for target in gets:
            assert client.get(target).status_code == 404, target
        for target, data in posts:
            assert client.post(target, data).status_code == 404, target
        text = page_text(client.get(url("trainer_home")))
        assert "Cycle du mardi" not in text and url("meeting", meeting.pk) not in text
    assert not Attendance.objects.exists()
    assert not Learner.objects.filter(first_name="Intrus").exists()
    meeting.refresh_from_db()
    assert meeting.closed_at is None and meeting.notes == ""
    client.logout()
    response = client.get(url("meeting", meeting.pk))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_a_cpe_or_a_funder_cannot_enter_the_trainer_space(client, cpe, funder, meeting):
    for user in (cpe, funder):
        client.force_login(user)
        assert client.get(url("meeting", meeting.pk)).status_code == 403
        assert client.get(url("trainer_home")).status_code == 403


def _completed_assessment(organisation, trainer, track):
    from tests.diagnostics.factories import make_questionnaire

    questionnaire = make_questionnaire()
    return Assessment.objects.create(
        organisation=organisation,
        version=questionnaire.versions.latest("number"),
        mode=Assessment.Mode.ASSISTED,
        person_name="Awa Koné",
        taken_by=trainer,
        status=Assessment.Status.COMPLETED,
        completed_at=timezone.now(),
        level="beginner",
        needs={"reads_french": "non"},
        recommendation={"tracks": [{"id": track.pk, "title": track.title}], "reason": ""},
    )


@pytest.mark.django_db
def test_a_diagnostic_leads_to_an_enrolment_in_a_recommended_cohort(
    client, trainer, outsider_trainer, organisation, cohort
):
    cohort.capacity = 10
    cohort.save()
    assessment = _completed_assessment(organisation, trainer, cohort.track)
    client.force_login(trainer)
    result = page_text(client.get(reverse("diagnostics:result", args=[assessment.pk])))
    assert url("assessment_enrol", assessment.pk) in result
    page = page_text(client.get(url("assessment_enrol", assessment.pk)))
    assert (
        "conseillé par le diagnostic" in page and 'value="Awa"' in page and 'value="Koné"' in page
    )

    response = client.post(
        url("assessment_enrol", assessment.pk), {"first_name": "Awa", "last_name": "Koné"}
    )
    assert response.status_code == 400 and "Choisissez un groupe." in page_text(response)

    data = {"cohort": cohort.pk, "first_name": "Awa", "last_name": "Koné", "phone": "0611223344"}
    response = client.post(url("assessment_enrol", assessment.pk), data)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(cohort=cohort, learner__first_name="Awa")
    assert enrolment.assessment == assessment and enrolment.learner.reads_french is False
    # Sent twice (a double tap): still one learner, one enrolment.
    client.post(url("assessment_enrol", assessment.pk), data)
    assert Learner.objects.filter(first_name="Awa", last_name="Koné").count() == 1

    client.force_login(outsider_trainer)
    assert client.get(url("assessment_enrol", assessment.pk)).status_code == 404


@pytest.mark.django_db
def test_meetings_moved_or_cancelled_show_as_such(client, trainer, cohort):
    meeting = cohort.meetings.get(number=2)
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    client.force_login(trainer)
    text = page_text(client.get(url("trainer_home")))
    assert "Annulée" in text
    response = client.post(
        url("meeting_mark", meeting.pk),
        {"learner": cohort.enrolments.first().learner_id, "mark": "present"},
        **HTMX,
    )
    assert "Cette séance est annulée : pas d'appel." in page_text(response)
    later = timezone.localdate() + datetime.timedelta(days=7)
    assert timezone.localdate(meeting.starts_at) == later


@pytest.mark.django_db
def test_a_trainer_opens_a_learners_space_from_the_dashboard(
    client, trainer, outsider_trainer, cohort
):
    from accounts.models import LearnerAccount

    learner = cohort.enrolments.first().learner
    client.force_login(outsider_trainer)
    assert client.post(url("learner_access", learner.pk)).status_code == 404
    client.force_login(trainer)
    assert "Ouvrir son accès" in page_text(client.get(url("cohort", cohort.pk)))
    response = client.post(url("learner_access", learner.pk))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    learner.refresh_from_db()
    account = LearnerAccount.objects.get(user=learner.user)
    assert account.code in page_text(response)
    assert account.organisation == cohort.organisation
    client.post(url("learner_access", learner.pk))  # again: a new PIN, the same account
    assert LearnerAccount.objects.filter(organisation=cohort.organisation).count() == 1
    assert "Nouveau code PIN" in page_text(client.get(url("cohort", cohort.pk)))


@pytest.mark.django_db
def test_a_walk_in_is_found_by_name_among_the_structures_learners_only(
    client, trainer, organisation, other_organisation
):
    cohort = today_cohort(organisation, trainer, learners=2, capacity=5)
    meeting = cohort.meetings.get(number=1)
    known = make_learner(organisation, "Aïcha", "Benali")
    make_learner(organisation, "Marc", "Dupuis")
    make_learner(other_organisation, "Aïcha", "Bensaïd")
    for index in range(25):
        make_learner(organisation, f"Prénom{index:02d}", "Martin")
    client.force_login(trainer)

    # Without a search, the page carries no name of the structure's other learners.
    text = page_text(client.get(url("meeting", meeting.pk)))
    assert "Dupuis" not in text and "Benali" not in text

    response = client.get(url("meeting", meeting.pk), {"chercher": "aïcha ben"})
    text = page_text(response)
    assert "Benali Aïcha" in text
    assert "Bensaïd" not in text  # another structure's learner
    assert "Dupuis" not in text
    # Twenty names at most, and the page says to narrow the search.
    text = page_text(client.get(url("meeting", meeting.pk), {"chercher": "martin"}))
    assert text.count("Martin Prénom") == 20
    assert "Les 20 premiers noms seulement" in text
    text = page_text(client.get(url("meeting", meeting.pk), {"chercher": "Zorro"}))
    assert "Personne ne s'appelle « Zorro » dans la structure" in text

    response = client.post(
        url("meeting_walk_in", meeting.pk), {"learner": known.pk, "chercher": "aïcha"}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, learner=known).mark == "present"
