"""Make the history of finalised assessments true: until now a question left blank counted as
compliant. Every unanswered question of a finalised assessment is recorded as compliant "in bulk"
by its finaliser, at its finalisation time: one BulkAnswer per assessment, with its count.

Written with bulk_create, in chunks, so that a programme of thousands of assessments migrates in
seconds. Reversible: the reverse deletes exactly what this wrote.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CHUNK = 200
CONTEXT = "migration"


def record_remaining_compliant(apps: Any, schema_editor: Any) -> None:
    Assessment = apps.get_model("assessments", "Assessment")
    BulkAnswer = apps.get_model("assessments", "BulkAnswer")
    Finding = apps.get_model("assessments", "Finding")
    Question = apps.get_model("assessments", "Question")
    questions = list(Question.objects.order_by("pk").values_list("pk", flat=True))
    if not questions:
        return
    finalised = list(
        Assessment.objects.filter(status="finalised")
        .order_by("pk")
        .values_list("pk", "finalised_by_id", "created_by_id", "finalised_at")
    )
    for start in range(0, len(finalised), CHUNK):
        chunk = finalised[start : start + CHUNK]
        answered: dict[int, set[int]] = {pk: set() for pk, *_ in chunk}
        for assessment_id, question_id in Finding.objects.filter(
            assessment_id__in=list(answered)
        ).values_list("assessment_id", "question_id"):
            answered[assessment_id].add(question_id)
        missing = {pk: [q for q in questions if q not in answered[pk]] for pk in answered}
        acts = [
            BulkAnswer(
                assessment_id=pk,
                cluster=None,
                actor_id=finalised_by or created_by,
                at=finalised_at,
                count=len(missing[pk]),
                context=CONTEXT,
            )
            for pk, finalised_by, created_by, finalised_at in chunk
            if missing[pk]
        ]
        BulkAnswer.objects.bulk_create(acts)
        Finding.objects.bulk_create(
            (
                Finding(
                    assessment_id=act.assessment_id,
                    question_id=question_id,
                    non_compliant=False,
                    not_applicable=False,
                    remediated=False,
                    note="",
                    bulk_id=act.pk,
                )
                for act in acts
                for question_id in missing[act.assessment_id]
            ),
            batch_size=5000,
        )


def forget_remaining_compliant(apps: Any, schema_editor: Any) -> None:
    BulkAnswer = apps.get_model("assessments", "BulkAnswer")
    Finding = apps.get_model("assessments", "Finding")
    acts = BulkAnswer.objects.filter(context=CONTEXT)
    Finding.objects.filter(bulk__in=acts).delete()
    acts.delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_answers_complete")]

    operations = [migrations.RunPython(record_remaining_compliant, forget_remaining_compliant)]
