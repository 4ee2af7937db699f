"""The country programmes, by ISO 3166-1 alpha-3 code. Editable in the admin afterwards."""

from django.db import migrations

PROGRAMMES = [
    ("BGD", "Better Work Bangladesh", 5),
    ("KHM", "Better Factories Cambodia", 5),
    ("EGY", "Better Work Egypt", 4),
    ("ETH", "Better Work Ethiopia", 4),
    ("HTI", "Better Work Haiti", 4),
    ("IDN", "Better Work Indonesia", 5),
    ("JOR", "Better Work Jordan", 5),
    ("NIC", "Better Work Nicaragua", 4),
    ("PAK", "Better Work Pakistan", 4),
    ("LKA", "Better Work Sri Lanka", 4),
    ("VNM", "Better Work Vietnam", 5),
]


def add_programmes(apps, schema_editor):
    Programme = apps.get_model("factories", "Programme")
    for code, name, training_days in PROGRAMMES:
        Programme.objects.update_or_create(
            code=code, defaults={"name": name, "training_days_allowance": training_days}
        )


def remove_programmes(apps, schema_editor):
    Programme = apps.get_model("factories", "Programme")
    Programme.objects.filter(code__in=[code for code, _, _ in PROGRAMMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("factories", "0001_initial")]
    operations = [migrations.RunPython(add_programmes, remove_programmes)]
