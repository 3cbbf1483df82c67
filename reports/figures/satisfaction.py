"""The end-of-track satisfaction survey: the answers given in the period, per question."""

from django.db.models import Count, Q

from cohorts.models import SatisfactionAnswer

from .common import percent


def satisfaction(scope):
    """The answers given in the period, counted per question. One query."""
    smiley = SatisfactionAnswer.Smiley
    answers = {"yes": smiley.YES, "a_little": smiley.A_LITTLE, "no": smiley.NO}
    fields = [field for field, _question in SatisfactionAnswer.QUESTIONS]
    counts = SatisfactionAnswer.objects.filter(
        scope.q("enrolment__cohort"), scope.datetime_range("answered_at")
    ).aggregate(
        respondents=Count("pk"),
        **{
            f"{field}_{answer}": Count("pk", filter=Q(**{field: value}))
            for field in fields
            for answer, value in answers.items()
        },
    )
    whole = counts["respondents"]
    questions = {}
    for field in fields:
        questions[field] = {answer: counts[f"{field}_{answer}"] for answer in answers}
        questions[field]["percent_yes"] = percent(questions[field]["yes"], whole)
    return {"respondents": whole, "questions": questions}
