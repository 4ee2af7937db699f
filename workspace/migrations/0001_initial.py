"""The workspace models, moved from `factories` (factories 0003): created in Django's state only,
on the tables they already have (db_table factories_*), so no row moves and none is lost."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('assessments', '0006_remaining_compliant_history'),
        ('factories', '0006_workspace_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # State only: the tables stay as they are (the models keep their db_table).
            state_operations=[
                migrations.CreateModel(
                    name='CommitteeMeeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField()),
                        ('minutes', models.TextField()),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='committee_meetings', to='factories.factory')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_committeemeeting',
                        'ordering': ['-date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Objective',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('cycle', models.PositiveSmallIntegerField()),
                        ('kind', models.CharField(choices=[('advisory_visit', 'Advisory visit'), ('training', 'Training'), ('learning_event', 'Learning event')], max_length=20)),
                        ('description', models.TextField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='factories.factory')),
                        ('set_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_objective',
                        'ordering': ['kind', 'created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='AdvisoryVisit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('cycle', models.PositiveSmallIntegerField()),
                        ('date', models.DateField()),
                        ('notes', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('advisor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='advisory_visits', to='factories.factory')),
                        ('objectives', models.ManyToManyField(blank=True, related_name='visits', to='workspace.objective')),
                    ],
                    options={
                        'db_table': 'factories_advisoryvisit',
                        'ordering': ['-date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='RoadMap',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('cycle', models.PositiveSmallIntegerField()),
                        ('version', models.PositiveSmallIntegerField(default=1)),
                        ('endorsed_at', models.DateTimeField(blank=True, null=True)),
                        ('signed_off_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('endorsed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='road_maps', to='factories.factory')),
                        ('signed_off_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_roadmap',
                        'ordering': ['-cycle'],
                    },
                ),
                migrations.CreateModel(
                    name='RoadMapTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('area', models.CharField(choices=[('public_reporting', 'Compliance with public-reporting issues'), ('committee_dialogue', 'Information sharing and dialogue through the bipartite committee'), ('problem_solving', 'Social dialogue in problem solving'), ('grievance', 'Grievance mechanisms with worker representatives, unions included where present'), ('management_systems', 'Management systems through Plan-Do-Check-Act')], max_length=20)),
                        ('description', models.TextField()),
                        ('owner', models.CharField(max_length=200)),
                        ('due', models.DateField()),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('done', 'Done')], default='not_started', max_length=12)),
                        ('progress', models.PositiveSmallIntegerField(default=0, help_text='Per cent, 0 to 100.')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('road_map', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='workspace.roadmap')),
                    ],
                    options={
                        'db_table': 'factories_roadmaptarget',
                        'ordering': ['area', 'due', 'id'],
                    },
                ),
                migrations.AddField(
                    model_name='objective',
                    name='target',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objectives', to='workspace.roadmaptarget'),
                ),
                migrations.CreateModel(
                    name='RoadMapVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField()),
                        ('targets', models.JSONField()),
                        ('endorsed_at', models.DateTimeField(blank=True, null=True)),
                        ('signed_off_at', models.DateTimeField(blank=True, null=True)),
                        ('revised_at', models.DateTimeField(auto_now_add=True)),
                        ('endorsed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('revised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('road_map', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='workspace.roadmap')),
                        ('signed_off_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_roadmapversion',
                        'ordering': ['-number'],
                    },
                ),
                migrations.CreateModel(
                    name='TrainingRecommendation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('training', models.CharField(max_length=200)),
                        ('note', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('recommended_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='workspace.roadmaptarget')),
                    ],
                    options={
                        'db_table': 'factories_trainingrecommendation',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='TrainingSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('cycle', models.PositiveSmallIntegerField()),
                        ('date', models.DateField()),
                        ('topic', models.CharField(max_length=200)),
                        ('days', models.PositiveSmallIntegerField(default=1)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_sessions', to='factories.factory')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('target', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='trainings', to='workspace.roadmaptarget')),
                    ],
                    options={
                        'db_table': 'factories_trainingsession',
                        'ordering': ['-date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='BenefitChoice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('assessment_interval', 'Assessment every 24 months'), ('fewer_visits', 'Fewer advisory visits for training days'), ('learning_services', 'Brokered learning services'), ('public_recognition', 'Public recognition'), ('public_campaigns', 'Public campaigns'), ('buyer_events', 'Buyer events')], max_length=20)),
                        ('value', models.JSONField()),
                        ('note', models.TextField(blank=True)),
                        ('chosen_at', models.DateTimeField(auto_now_add=True)),
                        ('chosen_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='benefit_choices', to='factories.factory')),
                    ],
                    options={
                        'db_table': 'factories_benefitchoice',
                        'ordering': ['-chosen_at', '-id'],
                        'indexes': [models.Index(fields=['factory', 'kind', '-id'], name='benefit_choice_latest')],
                    },
                ),
                migrations.CreateModel(
                    name='CommitteeMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('category', models.CharField(choices=[('management', 'Management'), ('workers', 'Workers')], max_length=12)),
                        ('position', models.CharField(blank=True, max_length=200)),
                        ('union_representative', models.BooleanField(default=False)),
                        ('elected', models.BooleanField(default=False)),
                        ('joined', models.DateField()),
                        ('left', models.DateField(blank=True, help_text='Empty while the member serves.', null=True)),
                        ('is_chair', models.BooleanField(default=False, verbose_name='current chair')),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='committee_members', to='factories.factory')),
                    ],
                    options={
                        'db_table': 'factories_committeemember',
                        'ordering': ['left', 'category', 'name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('is_chair', True), ('left__isnull', True)), fields=('factory',), name='one_current_chair_per_factory'), models.CheckConstraint(condition=models.Q(('left__isnull', True), ('left__gte', models.F('joined')), _connector='OR'), name='committee_member_leaves_after_joining')],
                    },
                ),
                migrations.CreateModel(
                    name='ImprovementPlanItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.TextField(blank=True)),
                        ('responsible', models.CharField(blank=True, max_length=200, verbose_name='person responsible')),
                        ('deadline', models.DateField(blank=True, null=True)),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('in_progress', 'In progress'), ('completed', 'Completed')], default='pending', max_length=12)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.assessment')),
                        ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('factory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='improvement_plan_items', to='factories.factory')),
                        ('finding', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='assessments.finding')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.question')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_improvementplanitem',
                        'ordering': ['question__code', '-assessment__visit_date', 'id'],
                        'constraints': [models.UniqueConstraint(fields=('assessment', 'question'), name='one_improvement_item_per_finding'), models.CheckConstraint(condition=models.Q(('confirmed_at__isnull', True), ('status', 'completed'), _connector='OR'), name='improvement_item_confirmed_when_completed')],
                    },
                ),
                migrations.CreateModel(
                    name='LearningSurveyResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField()),
                        ('themes', models.JSONField(default=list)),
                        ('other', models.TextField(blank=True, verbose_name='other areas')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True)),
                        ('buyer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='survey_responses', to='factories.buyer')),
                        ('factory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='survey_responses', to='factories.factory')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'factories_learningsurveyresponse',
                        'ordering': ['-submitted_at', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('buyer__isnull', True), ('factory__isnull', False)), models.Q(('buyer__isnull', False), ('factory__isnull', True)), _connector='OR'), name='survey_response_factory_or_buyer')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='roadmap',
                    constraint=models.UniqueConstraint(fields=('factory', 'cycle'), name='one_road_map_per_cycle'),
                ),
                migrations.AddConstraint(
                    model_name='roadmap',
                    constraint=models.CheckConstraint(condition=models.Q(('cycle__gte', 1)), name='road_map_cycle_positive'),
                ),
                migrations.AddConstraint(
                    model_name='roadmaptarget',
                    constraint=models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='target_progress_percent'),
                ),
                migrations.AddConstraint(
                    model_name='roadmapversion',
                    constraint=models.UniqueConstraint(fields=('road_map', 'number'), name='one_road_map_version'),
                ),
                migrations.AddConstraint(
                    model_name='trainingsession',
                    constraint=models.CheckConstraint(condition=models.Q(('days__gte', 1)), name='training_days_min_1'),
                ),
            ],
            database_operations=[],
        ),
    ]
