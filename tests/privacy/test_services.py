"""Erasing learners removes who they are and keeps what the funders were told: every figure
of every report, computed before and after, is the same. Exports hold the whole file."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.models import LearnerAccount
from cohorts.models import (
    AuditEntry,
    Enrolment,
    HelpVisit,
    Learner,
    Referral,
    Signature,
)
from diagnostics.models import Assessment
from equipment.models import Handover
from privacy import services
from privacy.registry import ERASED_FIRST_NAME
from reports.figures import Scope, figures, monthly
from tests.reports.test_figures import q1

pytestmark = pytest.mark.django_db


def scopes(world):
    year = {"starts_on": datetime.date(2025, 1, 1), "ends_on": datetime.date(2026, 12, 31)}
    return [
        q1(organisation=world.a),
        q1(organisation=world.b),
        q1(programme=world.p1),
        q1(programme=world.p2),
        q1(funder=world.f1),
        q1(network=world.network),
        Scope(organisation=world.a, **year),
        Scope(funder=world.f1, **year),
    ]


def reports(world):
    return [(figures(scope), monthly(scope)) for scope in scopes(world)]


def test_erasing_every_learner_leaves_every_report_unchanged(world, coordinator):
    before = reports(world)
    assert before[0][0]["people_helped"] > 0 and before[0][0]["diagnostic_people"] > 0
    erased = []
    for learner in Learner.objects.order_by("pk"):
        try:
            services.learner_erase(actor=coordinator, learner_id=learner.pk)
        except ValidationError as error:
            assert error.messages == [str(services.ACTIVE_LOAN)]  # Jules's loan
            continue
        erased.append(learner.pk)
    assert len(erased) == Learner.objects.count() - 1
    after = reports(world)
    for (figures_before, monthly_before), (figures_after, monthly_after), scope in zip(
        before, after, scopes(world), strict=True
    ):
        assert figures_after == figures_before, scope
        assert monthly_after == monthly_before, scope


def test_erasure_removes_names_contacts_free_text_and_sign_in(world, coordinator, client):
    awa = Learner.objects.get(first_name="Awa")
    Learner.objects.filter(pk=awa.pk).update(
        phone="0601020304", email="awa@example.org", household="Famille Test 6e B"
    )
    HelpVisit.objects.filter(learner=awa).update(notes="Awa a peur des arnaques")
    Enrolment.objects.filter(learner=awa).update(reason="Pas d'ordinateur à la maison")
    user = awa.user
    account = LearnerAccount.objects.get(user=user)
    assert Assessment.objects.filter(learner_user=user).exists()

    counts = services.learner_erase(actor=coordinator, learner_id=awa.pk)

    assert counts["cohorts.Learner"] == 1 and counts["accounts.LearnerAccount"] == 1
    awa.refresh_from_db()
    assert (awa.first_name, awa.last_name) == (ERASED_FIRST_NAME, f"n° {awa.pk}")
    assert (awa.phone, awa.email, awa.household) == ("", "", "")
    # Kept: the facts the reports count.
    assert (awa.gender, awa.birth_year, awa.lives_in_qpv, awa.receives_rsa) == (
        "F",
        1990,
        True,
        True,
    )
    assert awa.attendances.count() == 5 and awa.enrolments.count() == 2
    assert not HelpVisit.objects.filter(learner=awa).exclude(notes="").exists()
    assert not Enrolment.objects.filter(learner=awa).exclude(reason="").exists()
    assert Handover.objects.filter(enrolment__learner=awa).count() == 1
    # The account stays for the diagnostics, but says nothing and opens nothing.
    user.refresh_from_db()
    assert user.username.startswith("efface-")
    assert (user.first_name, user.last_name, user.email, user.phone) == ("", "", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert not LearnerAccount.objects.filter(pk=account.pk).exists()
    assert Assessment.objects.filter(learner_user=user).count() == 2
    assert not Assessment.objects.filter(learner_user=user).exclude(person_name="").exists()
    # Nothing in the learner's rows still names her.
    data = json.dumps(services.learner_export(actor=coordinator, learner=awa), default=str)
    for text in ("Awa", "0601020304", "awa@example.org", "arnaques", "Pas d'ordinateur"):
        assert text not in data
    entry = AuditEntry.objects.get(learner_id=awa.pk, action=AuditEntry.Action.ERASED)
    assert (entry.actor, entry.organisation) == (coordinator, awa.organisation)


def test_a_referral_loses_the_names_and_note_the_prescriber_typed(world, coordinator):
    bernard = Learner.objects.get(first_name="Bernard")
    referral = Referral.objects.get(learner=bernard)
    Referral.objects.filter(pk=referral.pk).update(
        phone="0700000000", note="Voisin de Mme X", receives_rsa=True
    )
    services.learner_erase(actor=coordinator, learner_id=bernard.pk)
    referral.refresh_from_db()
    assert referral.first_name == ERASED_FIRST_NAME
    assert (referral.phone, referral.note, referral.diagnostic_place) == ("", "", "")
    assert referral.status == Referral.Status.ACCEPTED and referral.receives_rsa


def test_signatures_and_their_files_go_once_the_erasure_is_committed(
    world, coordinator, django_capture_on_commit_callbacks
):
    awa = Learner.objects.get(first_name="Awa")
    meeting = awa.attendances.first().meeting
    signature = Signature(meeting=meeting, role=Signature.Role.LEARNER, learner=awa, sha256="0")
    signature.image.save("awa.png", ContentFile(b"\x89PNG awa"), save=False)
    signature.save()
    handover = Handover.objects.get(enrolment__learner=awa)
    handover.learner_signature.save("awa-don.png", ContentFile(b"\x89PNG don"))
    names = [signature.image.name, handover.learner_signature.name]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        services.learner_erase(actor=coordinator, learner_id=awa.pk)

    assert not Signature.objects.filter(learner=awa).exists()
    handover.refresh_from_db()
    assert not handover.learner_signature
    assert not any(default_storage.exists(name) for name in names)


def test_a_learner_is_erased_once_and_not_while_holding_a_loan(world, coordinator):
    awa = Learner.objects.get(first_name="Awa")
    services.learner_erase(actor=coordinator, learner_id=awa.pk)
    with pytest.raises(ValidationError) as error:
        services.learner_erase(actor=coordinator, learner_id=awa.pk)
    assert error.value.messages == [str(services.ALREADY_ERASED)]

    jules = Learner.objects.get(first_name="Jules")
    with pytest.raises(ValidationError) as error:
        services.learner_erase(actor=coordinator, learner_id=jules.pk)
    assert error.value.messages == [str(services.ACTIVE_LOAN)]
    jules.refresh_from_db()
    assert jules.first_name == "Jules"


def test_the_export_holds_every_section_of_the_file(world, coordinator):
    awa = Learner.objects.get(first_name="Awa")
    data = services.learner_export(actor=coordinator, learner=awa)
    sections = {section["model"]: section for section in data["sections"]}
    assert sections["cohorts.Learner"]["rows"][0]["first_name"] == "Awa"
    assert len(sections["cohorts.Attendance"]["rows"]) == 5
    assert sections["cohorts.Attendance"]["kept_when_erased"]
    assert sections["equipment.Handover"]["rows"][0]["formula"] == "Don"
    assert len(sections["diagnostics.Assessment"]["rows"]) == 2
    assert len(sections["accounts.LearnerAccount"]["rows"]) == 1
    assert sections["cohorts.SatisfactionAnswer"]["rows"]
    json.loads(services.export_json(data))  # plain JSON
    assert AuditEntry.objects.filter(
        learner_id=awa.pk, action=AuditEntry.Action.EXPORTED, actor=coordinator
    ).exists()


def test_the_pdf_of_a_full_file_prints_every_kind_of_value(world, coordinator):
    from privacy.printables import LearnerFilePrintable
    from tests.documents.factories import pdf_text

    chloe = Learner.objects.get(first_name="Chloé")
    data = services.learner_export(actor=coordinator, learner=chloe, detail="pdf")
    text, reader = pdf_text(LearnerFilePrintable(learner=chloe, data=data).render())
    for expected in (
        "Chloé",
        "Vente solidaire",  # the hand-over's formula
        "Diagnostic de fin de parcours",
        "Présences",
        "Gardé en cas d'effacement",
    ):
        assert expected in text, expected
    assert len(reader.pages) >= 2


def test_cached_pdfs_that_print_the_name_are_deleted(
    world, coordinator, django_capture_on_commit_callbacks
):
    from courses.services import HANDOUT_BATCH_KIND
    from documents.models import GeneratedDocument

    awa = Learner.objects.get(first_name="Awa")
    meeting = awa.attendances.first().meeting

    def document(key, names):
        made = GeneratedDocument.objects.create(
            key=key, kind=HANDOUT_BATCH_KIND, params={"learner_names": names}
        )
        made.file.save(f"{key}.pdf", ContentFile(b"%PDF names"))
        return made

    linked = document("linked", ["Bernard Test"])
    meeting.handouts = linked
    meeting.save(update_fields=["handouts"])
    older = document("older", ["Awa Test", "Chloé Test"])
    other = document("other", ["Chloé Test"])
    files = [linked.file.name, older.file.name]

    with django_capture_on_commit_callbacks(execute=True):
        counts = services.learner_erase(actor=coordinator, learner_id=awa.pk)

    assert counts["documents.GeneratedDocument"] == 2
    assert list(GeneratedDocument.objects.values_list("pk", flat=True)) == [other.pk]
    assert not any(default_storage.exists(name) for name in files)
