from django.urls import path

from assessments.views import corrections, entry, finalising, imports, records, reports

app_name = "assessments"
urlpatterns = [
    path("start/<int:factory_pk>/", entry.start, name="start"),
    path("<int:pk>/", entry.entry, name="entry"),
    path("<int:pk>/save/", entry.save, name="save"),
    path("<int:pk>/record/", records.assessment_page, name="record"),
    path("<int:pk>/record.pdf", records.assessment_pdf, name="record_pdf"),
    path("<int:pk>/questions/<str:code>/", entry.finding_row, name="finding"),
    path("<int:pk>/elements/<str:code>/", entry.element_row, name="element"),
    path("<int:pk>/additional/<str:code>/", entry.additional_row, name="additional"),
    path("<int:pk>/review/", finalising.review, name="review"),
    path("<int:pk>/reopen/", corrections.reopen, name="reopen"),
    path(
        "<int:pk>/remaining-compliant/",
        finalising.remaining_compliant,
        name="remaining_compliant",
    ),
    path(
        "<int:pk>/findings/<str:code>/remediation/",
        corrections.remediate,
        name="remediate",
    ),
    path("progress-reports/start/<int:factory_pk>/", reports.report_start, name="report_start"),
    path("progress-reports/<int:pk>/", reports.report, name="report"),
    path("progress-reports/<int:pk>/record/", records.report_page, name="report_record"),
    path("progress-reports/<int:pk>/record.pdf", records.report_pdf, name="report_record_pdf"),
    path("progress-reports/<int:pk>/items/<str:code>/", reports.rating_row, name="rating"),
    path("progress-reports/<int:pk>/finalise/", reports.report_finalise, name="report_finalise"),
    path("import/", imports.import_upload, name="import"),
    path("import/<int:batch_pk>/apply/", imports.import_apply, name="import_apply"),
    path(
        "import/template.csv",
        imports.import_template,
        {"fmt": "csv"},
        name="import_template_csv",
    ),
    path(
        "import/template.xlsx",
        imports.import_template,
        {"fmt": "xlsx"},
        name="import_template_xlsx",
    ),
]
