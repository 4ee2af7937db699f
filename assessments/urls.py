from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("start/<int:factory_pk>/", views.start, name="start"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/save/", views.save, name="save"),
    path("<int:pk>/questions/<str:code>/", views.finding_row, name="finding"),
    path("<int:pk>/elements/<str:code>/", views.element_row, name="element"),
    path("<int:pk>/additional/<str:code>/", views.additional_row, name="additional"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path(
        "<int:pk>/remaining-compliant/",
        views.remaining_compliant,
        name="remaining_compliant",
    ),
    path(
        "<int:pk>/findings/<str:code>/remediation/",
        views.remediate,
        name="remediate",
    ),
    path("progress-reports/start/<int:factory_pk>/", views.report_start, name="report_start"),
    path("progress-reports/<int:pk>/", views.report, name="report"),
    path("progress-reports/<int:pk>/items/<str:code>/", views.rating_row, name="rating"),
    path("progress-reports/<int:pk>/finalise/", views.report_finalise, name="report_finalise"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:batch_pk>/apply/", views.import_apply, name="import_apply"),
    path(
        "import/template.csv",
        views.import_template,
        {"fmt": "csv"},
        name="import_template_csv",
    ),
    path(
        "import/template.xlsx",
        views.import_template,
        {"fmt": "xlsx"},
        name="import_template_xlsx",
    ),
]
