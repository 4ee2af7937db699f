"""The compliance catalogue BW-2017, the 13 management-system elements and the 6 progress items.

Reads `assessments.catalogue_data`, which is frozen for BW-2017: a new catalogue is a new version
and a new migration, never an edit of this data.
"""

from django.db import migrations


def load_catalogue(apps, schema_editor):
    from assessments import catalogue_data as data

    Cluster = apps.get_model("assessments", "Cluster")
    CompliancePoint = apps.get_model("assessments", "CompliancePoint")
    Question = apps.get_model("assessments", "Question")
    Element = apps.get_model("assessments", "ManagementSystemElement")
    ProgressItem = apps.get_model("assessments", "ProgressItem")
    for c_order, cluster_spec in enumerate(data.CLUSTERS, start=1):
        cluster, _ = Cluster.objects.update_or_create(
            code=cluster_spec["code"],
            defaults={"name": cluster_spec["name"], "group": cluster_spec["group"],
                      "order": c_order, "version": data.CATALOGUE_VERSION},
        )
        for p_order, point_spec in enumerate(cluster_spec["compliance_points"], start=1):
            point, _ = CompliancePoint.objects.update_or_create(
                code=point_spec["code"],
                defaults={"cluster": cluster, "name": point_spec["name"], "order": p_order},
            )
            for q_order, question in enumerate(point_spec["questions"], start=1):
                Question.objects.update_or_create(
                    code=question["code"],
                    defaults={"compliance_point": point, "text": question["text"],
                              "publicly_reported": question["publicly_reported"],
                              "zero_tolerance": question["zero_tolerance"], "order": q_order},
                )
    for order, element in enumerate(data.MANAGEMENT_SYSTEM_ELEMENTS, start=1):
        Element.objects.update_or_create(
            code=element["code"],
            defaults={"system": element["system"], "text": element["text"], "order": order},
        )
    for order, item in enumerate(data.PROGRESS_ITEMS, start=1):
        ProgressItem.objects.update_or_create(
            code=item["code"], defaults={"group": item["group"], "text": item["text"], "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_initial")]
    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
