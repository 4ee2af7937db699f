# The supplier list's read model (factories.summaries); filled by buyer_portal 0003.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factories', '0007_profile_language'),
    ]

    operations = [
        migrations.CreateModel(
            name='SupplierSummary',
            fields=[
                ('factory', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='summary', serialize=False, to='factories.factory')),
                ('name', models.CharField(max_length=200)),
                ('programme_code', models.CharField(max_length=3)),
                ('programme_name', models.CharField(max_length=100)),
                ('buyer_stage', models.CharField(choices=[('high_performing', 'High-performing'), ('not_high_performing', 'Not high-performing')], max_length=20)),
                ('high_performing_since', models.DateTimeField(blank=True, null=True)),
                ('next_assessment_due', models.DateField(blank=True, null=True)),
                ('assessment_interval_months', models.PositiveSmallIntegerField()),
                ('results', models.JSONField(blank=True, help_text="The latest evaluation's result by criterion group.", null=True)),
                ('evaluated_at', models.DateTimeField(blank=True, null=True)),
                ('version', models.BigIntegerField(default=1)),
            ],
            options={
                'indexes': [models.Index(fields=['name'], name='supplier_summary_name')],
            },
        ),
    ]
