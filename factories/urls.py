"""The staff's factory list, mounted at /factories/; the workspace's pages (workspace.urls) share
the prefix and the namespace `factories`."""

from django.urls import URLPattern, path

from factories import views

app_name = "factories"
urlpatterns: list[URLPattern] = [
    path("", views.factory_list, name="list"),
]
