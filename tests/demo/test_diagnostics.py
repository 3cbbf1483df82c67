"""The default diagnostic shipped with Tremplin: real content, loaded idempotently."""

import pytest

from demo.diagnostics import load_diagnostics
from diagnostics.models import Questionnaire, QuestionnaireVersion
from diagnostics.services import orientation_for


@pytest.mark.django_db
def test_default_diagnostic_covers_the_ground():
    questionnaire = load_diagnostics()
    content = questionnaire.current_version.content
    questions = content["questions"]
    scored = [q for q in questions if q["kind"] != "need"]
    assert len(scored) >= 20
    kinds = {q["kind"] for q in questions}
    assert kinds == {"observed_task", "yes_no_help", "self_scale", "single_choice", "need"}
    assert {q["need"] for q in questions if q["kind"] == "need"} == {
        "equipment",
        "internet",
        "goals",
        "language",
        "reads_french",
    }
    domains = {q["domain"] for q in scored}
    assert "0" in domains and len(domains - {"0"}) >= 4
    text = " ".join(q["text"] for q in questions).lower()
    for topic in ("souris", "clavier", "mail", "mot de passe"):
        assert topic in text, topic
    assert 0 < content["intermediate_from"] < content["advanced_from"] <= 100


@pytest.mark.django_db
def test_loading_twice_makes_no_new_version():
    load_diagnostics()
    versions = QuestionnaireVersion.objects.count()
    load_diagnostics()
    assert QuestionnaireVersion.objects.count() == versions
    assert Questionnaire.objects.count() == 1
    assert orientation_for(audience="general", level="beginner", goals=[])["tracks"]
