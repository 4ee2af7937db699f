from django.urls import URLPattern, path

from buyer_portal import views

app_name = "buyer_portal"
urlpatterns: list[URLPattern] = [
    path("access/<int:factory_id>/", views.access_manage, name="access"),
    path(
        "access/<int:factory_id>/revoke/<int:buyer_id>/",
        views.access_revoke,
        name="access-revoke",
    ),
    path("suppliers/", views.supplier_list, name="suppliers"),
    path("suppliers/export.csv", views.supplier_export, {"fmt": "csv"}, name="suppliers-csv"),
    path("suppliers/export.xlsx", views.supplier_export, {"fmt": "xlsx"}, name="suppliers-xlsx"),
    path("suppliers/<int:factory_id>/", views.supplier_detail, name="supplier"),
    path("overviews/", views.overview_list, name="overviews"),
    path("overviews/produce/", views.overview_produce, name="overview-produce"),
    path("overviews/<int:pk>/", views.overview_detail, name="overview"),
    path("overviews/<int:pk>.xlsx", views.overview_xlsx, name="overview-xlsx"),
    path("overviews/<int:pk>.pdf", views.overview_pdf, name="overview-pdf"),
]
