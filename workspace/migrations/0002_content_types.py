"""The moved models' content types (and so their permissions, which point at them) now name the
`workspace` app. The rows are updated in place, so their ids, and every permission, admin log
entry or guardian row that refers to them, stay the same."""

from django.db import migrations

MODELS = (
    "committeemember",
    "committeemeeting",
    "roadmap",
    "roadmaptarget",
    "roadmapversion",
    "objective",
    "trainingrecommendation",
    "advisoryvisit",
    "trainingsession",
    "improvementplanitem",
    "benefitchoice",
    "learningsurveyresponse",
)


def relabel(apps, schema_editor, old="factories", new="workspace"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        # A database that already has the new row (created by an earlier post_migrate) keeps it.
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def unlabel(apps, schema_editor):
    relabel(apps, schema_editor, old="workspace", new="factories")


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, unlabel)]
