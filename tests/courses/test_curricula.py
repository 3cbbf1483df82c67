"""The seeded curricula: the programmes of the field reports, with exact totals."""

import pytest

from courses.curricula.loader import CurriculumError, load_curricula, read_all
from courses.models import Competence, SessionPlanPage, TrackPage


def track(slug):
    return TrackPage.objects.get(slug=slug)


@pytest.mark.django_db
def test_competence_framework_has_5_domains_16_competences_and_basic_skills():
    framework = Competence.objects.exclude(domain=Competence.Domain.BASICS)
    assert framework.count() == 16
    assert set(framework.values_list("domain", flat=True)) == {"1", "2", "3", "4", "5"}
    assert Competence.objects.get(code="4.2").name == (
        "Protéger les données personnelles et la vie privée"
    )
    basics = set(Competence.objects.filter(domain="0").values_list("name", flat=True))
    assert "Utiliser une souris ou un pavé tactile" in basics
    assert "Se connecter à un réseau Wi-Fi" in basics


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "sessions", "total"),
    [
        ("cycle-initiation-numerique", 9, "18 h"),
        ("emploi-numerique-debutant", None, "32 h"),
        ("emploi-numerique-intermediaire", None, "24 h"),
        ("emploi-numerique-avance", None, "16 h"),
    ],
)
def test_cycle_totals_are_derived_from_the_sessions(slug, sessions, total):
    cycle = track(slug)
    assert cycle.live
    assert cycle.total_hours_display == total
    if sessions is not None:
        assert cycle.sessions().count() == sessions
    numbers = list(cycle.sessions().values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
def test_job_tracks_lend_the_computer():
    for slug in (
        "emploi-numerique-debutant",
        "emploi-numerique-intermediaire",
        "emploi-numerique-avance",
    ):
        assert track(slug).device_handover
        assert track(slug).audience == TrackPage.Audience.JOB_SEEKERS


@pytest.mark.django_db
def test_parent_track_hands_over_computer_and_diploma_at_the_last_session():
    parents = track("parents-scolarite-college")
    sessions = list(parents.sessions())
    assert len(sessions) >= 5
    assert parents.device_handover
    assert parents.completion_rule == TrackPage.CompletionRule.ALL_SESSIONS
    titles = " ".join(session.title for session in sessions).lower()
    assert "pronote" in titles and "internet" in titles
    assert "remise" in sessions[-1].title.lower() or "cérémonie" in sessions[-1].title.lower()


@pytest.mark.django_db
def test_at_least_six_two_hour_workshops():
    workshops = TrackPage.objects.live().filter(format=TrackPage.Format.WORKSHOP)
    assert workshops.count() >= 6
    for workshop in workshops:
        assert workshop.total_minutes == 120, workshop.title


@pytest.mark.django_db
def test_permanence_is_individual_help_without_sessions():
    permanence = track("permanence-connectee")
    assert permanence.live
    assert permanence.format == TrackPage.Format.INDIVIDUAL_HELP
    assert permanence.sessions().count() == 0
    assert permanence.completion_rule == TrackPage.CompletionRule.NONE


@pytest.mark.django_db
def test_every_seeded_session_has_a_complete_plan():
    sessions = SessionPlanPage.objects.live()
    assert sessions.count() >= 9 + 6 + 6
    for session in sessions:
        assert session.steps_total_minutes() == session.duration_minutes, session.title
        assert len(session.objective_list()) >= 2, session.title
        assert len(session.vocabulary) >= 1, session.title
        assert session.competences.exists(), session.title
        kinds = {block.block_type for block in session.handout}
        assert {"learnt", "home_steps", "tip"} <= kinds, session.title


@pytest.mark.django_db
def test_loading_again_changes_nothing(catalogue):
    before = (TrackPage.objects.count(), SessionPlanPage.objects.count())
    assert load_curricula(catalogue=catalogue) == []
    assert (TrackPage.objects.count(), SessionPlanPage.objects.count()) == before


@pytest.mark.django_db
def test_a_broken_curriculum_file_writes_nothing_and_names_every_problem(tmp_path, catalogue):
    (tmp_path / "bon.toml").write_text(
        'slug = "atelier-test"\ntitle = "Atelier test"\naudience = "general"\nlevel = "all"\n'
        'format = "individual_help"\ncompletion_rule = "none"\ndevice_handover = false\n'
        'summary = "Un test."\nlearner_intro = "Un test."\n',
        encoding="utf-8",
    )
    (tmp_path / "faux.toml").write_text(
        'slug = "faux"\ntitle = "Faux"\naudience = "martiens"\nlevel = "all"\n'
        'format = "workshop"\ncompletion_rule = "none"\ndevice_handover = false\n'
        'summary = "x"\nlearner_intro = "x"\n'
        '[[sessions]]\nnumber = 2\ntitle = "Séance"\nduration = 120\n'
        'objectives = ["a"]\ncompetences = ["9.9"]\n'
        'vocabulary = [{ term = "a", definition = "b" }]\n'
        'learnt = ["a"]\nhome_steps = ["a"]\ntip = "a"\n'
        '[[sessions.steps]]\ntitle = "Seule étape"\nduration = 100\nactivity = "exercise"\n'
        'instructions = "Faire."\n',
        encoding="utf-8",
    )
    before = TrackPage.objects.count()
    with pytest.raises(CurriculumError) as error:
        load_curricula(catalogue=catalogue, directory=tmp_path)
    message = str(error.value)
    assert "faux.toml" in message
    assert "audience must be one of" in message
    assert "numbered 1..1" in message
    assert "unknown competence codes ['9.9']" in message
    assert "steps add up to 100 min, the session lasts 120" in message
    assert TrackPage.objects.count() == before


def test_every_shipped_file_passes_the_checks():
    assert len(read_all()) >= 12
