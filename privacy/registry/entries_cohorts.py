"""Registry entries for what the cohorts hold about a learner: enrolments, waiting lists,
marks, help visits, reminders, signatures, diplomas, exercise attempts, survey answers,
referrals and the audit log. Marks, minutes and statuses stay: the reports count them."""

from django.utils.translation import gettext_lazy as _

from cohorts.models import (
    Attempt,
    AttemptStatement,
    Attendance,
    AuditEntry,
    Diploma,
    Enrolment,
    HelpVisit,
    Referral,
    Reminder,
    SatisfactionAnswer,
    Signature,
    WaitingListEntry,
)

from .base import ERASED_FIRST_NAME, clearer, erased_last_name, exporter, register


def _learner_rows(model, path="learner"):
    return lambda learner: model.objects.filter(**{path: learner}).order_by("pk")


register(
    Enrolment,
    export=exporter(
        _learner_rows(Enrolment), ["cohort", "status", "reason", "drop_reason", "enrolled_at"]
    ),
    erase=clearer(_learner_rows(Enrolment), reason="", drop_reason=""),
)
register(
    WaitingListEntry,
    export=exporter(_learner_rows(WaitingListEntry), ["cohort", "reason", "added_at"]),
    erase=clearer(_learner_rows(WaitingListEntry), reason=""),
)
register(
    Attendance,
    export=exporter(
        _learner_rows(Attendance), ["meeting", "mark", "late_minutes", "minutes", "marked_at"]
    ),
    kept=_("Présences et minutes suivies : des faits anonymes comptés dans les bilans."),
)
register(
    HelpVisit,
    export=exporter(
        _learner_rows(HelpVisit),
        ["organisation", "date", "duration_minutes", "theme", "place", "notes"],
    ),
    erase=clearer(_learner_rows(HelpVisit), notes=""),
)
register(
    Reminder,
    export=exporter(_learner_rows(Reminder), ["meeting", "channel", "sent_at", "detail"]),
    # The detail may name the phone number the SMS went to.
    erase=clearer(_learner_rows(Reminder), detail=""),
)


def _signatures_erase(learner, erasure):
    """The drawn signatures go, image and all; the attendance marks they confirmed stay."""
    signatures = list(Signature.objects.filter(learner=learner))
    for signature in signatures:
        erasure.forget_file(signature.image)
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).delete()
    return len(signatures)


register(
    Signature,
    export=exporter(
        _learner_rows(Signature), ["meeting", "signed_at", "image", "ip_address", "user_agent"]
    ),
    erase=_signatures_erase,
)


def _diplomas(learner):
    return Diploma.objects.filter(enrolment__learner=learner).order_by("pk")


register(
    Diploma,
    export=exporter(
        _diplomas,
        [
            "kind",
            "code",
            "first_name",
            "last_name",
            "track_title",
            "organisation_name",
            "attended_minutes",
            "planned_minutes",
            "competences",
            "issued_on",
            "decision_reason",
        ],
    ),
    # The verification page then answers with the track and date, and no name.
    erase=clearer(_diplomas, first_name=ERASED_FIRST_NAME, last_name="", decision_reason=""),
)
register(
    Attempt,
    export=exporter(
        _learner_rows(Attempt),
        ["activity", "started_at", "finished_at", "score", "max_score", "success"],
    ),
    kept=_("Essais d'exercices : scores sans nom."),
)


def _statements(learner):
    return AttemptStatement.objects.filter(attempt__learner=learner).order_by("pk")


register(
    AttemptStatement,
    export=exporter(
        _statements, ["attempt", "question_label", "response", "success", "score", "received_at"]
    ),
    # A typed answer is free text.
    erase=clearer(_statements, response=""),
)


def _satisfaction(learner):
    return SatisfactionAnswer.objects.filter(enrolment__learner=learner).order_by("pk")


register(
    SatisfactionAnswer,
    export=exporter(
        _satisfaction,
        ["enrolment", "liked", "more_at_ease", "would_recommend", "answered_at", "source"],
    ),
    kept=_("Avis de fin de parcours : trois réponses sans texte, comptées dans les bilans."),
)


def _referrals_erase(learner, erasure):
    return (
        Referral.objects.filter(learner=learner)
        .order_by()
        .update(
            first_name=ERASED_FIRST_NAME,
            last_name=erased_last_name(learner),
            phone="",
            email="",
            note="",
            decline_reason="",
            diagnostic_place="",
        )
    )


register(
    Referral,
    export=exporter(
        _learner_rows(Referral),
        [
            "created_at",
            "prescriber_organisation",
            "organisation",
            "need",
            "first_name",
            "last_name",
            "phone",
            "email",
            "language",
            "reads_french",
            "receives_rsa",
            "lives_in_qpv",
            "is_job_seeker",
            "note",
            "consent",
            "status",
            "decline_reason",
            "diagnostic_at",
            "diagnostic_place",
        ],
    ),
    erase=_referrals_erase,
)
register(
    AuditEntry,
    export=exporter(
        lambda learner: AuditEntry.objects.filter(learner_id=learner.pk).order_by("at", "pk"),
        ["at", "action", "organisation", "detail"],
    ),
    kept=_("Journal des accès : des numéros seulement, il prouve qui a fait quoi."),
)
