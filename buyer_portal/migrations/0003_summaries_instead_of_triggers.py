"""The supplier list reads the factories' summaries (factories.SupplierSummary) instead of a
cache keyed by a revision that triggers kept: fill the summaries of the existing factories, then
drop the triggers, their function and the revision table.

The revision rows were one a table, locked by every writer of that table until it committed, so
writers of different factories waited on one another; the summaries are one row a factory.
"""

import importlib

from django.db import migrations

from factories.vocabulary import HIGH_PERFORMING_STAGES

revision = importlib.import_module("buyer_portal.migrations.0002_data_revision")

HIGH_PERFORMING, NOT_HIGH_PERFORMING = "high_performing", "not_high_performing"


def fill_summaries(apps, schema_editor):
    """One summary a factory, from its row, its programme and its latest evaluation."""
    Factory = apps.get_model("factories", "Factory")
    Evaluation = apps.get_model("differentiation", "Evaluation")
    SupplierSummary = apps.get_model("factories", "SupplierSummary")
    latest = {}
    for factory_id, outcome, created_at in (
        Evaluation.objects.order_by("factory_id", "created_at", "id")
        .values_list("factory_id", "outcome", "created_at")
        .iterator(chunk_size=2000)
    ):
        latest[factory_id] = (outcome, created_at)  # the last one wins
    summaries = []
    for factory in Factory.objects.select_related("programme").iterator(chunk_size=2000):
        outcome, evaluated_at = latest.get(factory.pk, (None, None))
        results = (
            {str(c.get("group")): str(c.get("result")) for c in outcome.get("criteria", [])}
            if outcome
            else None
        )
        summaries.append(
            SupplierSummary(
                factory_id=factory.pk,
                name=factory.name,
                programme_code=factory.programme.code,
                programme_name=factory.programme.name,
                buyer_stage=HIGH_PERFORMING
                if factory.stage in HIGH_PERFORMING_STAGES
                else NOT_HIGH_PERFORMING,
                high_performing_since=factory.high_performing_since,
                next_assessment_due=factory.next_assessment_due,
                assessment_interval_months=factory.assessment_interval_months,
                results=results,
                evaluated_at=evaluated_at,
            )
        )
    SupplierSummary.objects.bulk_create(summaries, batch_size=1000, ignore_conflicts=True)


def drop_triggers(apps, schema_editor):
    revision.unwatch(apps, schema_editor)


def create_triggers(apps, schema_editor):
    revision.watch(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("buyer_portal", "0002_data_revision"),
        ("factories", "0008_supplier_summary"),
        ("differentiation", "0004_decision_note_error"),
    ]

    operations = [
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.DeleteModel(name="DataRevision"),
    ]
