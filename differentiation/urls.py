from django.urls import URLPattern, path

from differentiation import views

app_name = "differentiation"
urlpatterns: list[URLPattern] = [
    path("approvals/", views.approval_queue, name="queue"),
    path("approvals/<int:pk>/", views.approval_request_detail, name="request"),
    path("approvals/<int:pk>/approve/", views.approval_approve, name="approve"),
    path("approvals/<int:pk>/reject/", views.approval_reject, name="reject"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("notes/<int:pk>/pdf", views.note_pdf, name="note-pdf"),
]
